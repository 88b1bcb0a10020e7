using SocialGame.Core;
using SocialGame.Core.Admin;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Events;
using SocialGame.Core.Gm;
using SocialGame.Core.Jobs;
using SocialGame.Core.Metrics;
using SocialGame.Core.Push;
using SocialGame.Core.Sessions;
using SocialGame.Core.Storage.Keys;
using SocialGame.Core.Time;
using SocialGame.Modules.Gm;
using SocialGame.Modules.System;
using SocialGame.Protocol;

namespace SocialGame.Tests.Unit;

/// <summary>
/// Modules register through the builder: what they register lands in the node's tables, and anything registered twice
/// (or a key shape overlapping another module's, or a Lua script declared twice or not at all) stops the start-up with a
/// message naming the module.
/// </summary>
public class ModuleBuilderTests
{
    internal static ModuleBuilder Builder(out ModuleTables tables)
    {
        tables = new ModuleTables(new HandlerTable(), new GmCommandRegistry(), new AdminRouteTable(), new DomainEvents(),
            new InProcessEventBus(new EventDispatcher(new ServerMetrics())), new LoginGate(), new RoomFilters(), new AccountDataRegistry(),
            new JobTable());
        return new ModuleBuilder(tables);
    }

    [Test]
    public void WhatAModuleRegistersLandsInTheTables()
    {
        var builder = Builder(out var tables);
        builder.Register(new TestModule("one", b =>
        {
            b.Handle(new HeartbeatHandler(SystemClock.Instance));
            b.GmCommand(new TimeCommand(SystemClock.Instance));
            b.AdminRoute(new AdminRoute("GET", "/one", _ => Task.FromResult(AdminResponse.Ok(1))), OperatorRole.Viewer);
            b.KeySpace([new KeyPattern("sg:one:<int>", "one's keys")]);
            b.AccountData([new AccountData("one", AccountKeys.Pattern("one", "one's data"), AccountDataPlace.Key, AccountDataPolicy.Delete,
                "a test")]);
        }));
        tables.Handlers.Freeze();
        Assert.That(tables.Handlers.TryGet(1, 2, out var handler), Is.True);
        Assert.That(handler, Is.InstanceOf<HeartbeatHandler>());
        Assert.That(tables.GmCommands.Find("//gm time").Command, Is.InstanceOf<TimeCommand>());
        Assert.That(tables.AdminRoutes.Routes.Single().Route.Pattern, Is.EqualTo("/one"));
        Assert.That(tables.AccountData.Modules, Is.EqualTo(new[] { "core", "one" }));
    }

    [Test]
    public void AModuleNameRegisteredTwiceIsRefused()
    {
        var builder = Builder(out _);
        builder.Register(new TestModule("one", _ => { }));
        var ex = Assert.Throws<InvalidOperationException>(() => builder.Register(new TestModule("one", _ => { })));
        Assert.That(ex!.Message, Is.EqualTo("module one: a module of this name is registered twice"));
    }

    [Test]
    public void AnOperationServedByTwoModulesIsRefusedNamingTheSecond()
    {
        var builder = Builder(out _);
        builder.Register(new TestModule("one", b => b.Handle(new HeartbeatHandler(SystemClock.Instance))));
        var ex = Assert.Throws<InvalidOperationException>(() =>
            builder.Register(new TestModule("two", b => b.Handle(new HeartbeatHandler(SystemClock.Instance)))));
        Assert.That(ex!.Message, Does.StartWith("module two: duplicate handler for"));
    }

    [Test]
    public void AGmCommandAnAdminRouteAnEventHandlerALoginCheckOrARoomFilterTwiceIsRefused()
    {
        var route = new AdminRoute("GET", "/x", _ => Task.FromResult(AdminResponse.Ok(1)));
        var twice = new (string What, Action<IModuleBuilder> Register)[]
        {
            ("GM command 'time' registered twice", b => b.GmCommand(new TimeCommand(SystemClock.Instance))),
            ("admin route GET /x registered twice", b => b.AdminRoute(route, OperatorRole.Viewer)),
            ("handler h subscribed twice to Object", b => b.Subscribe<object>("h", (_, _) => Task.CompletedTask)),
            ("login check c registered twice", b => b.LoginCheck("c", _ => Task.FromResult(ResultCode.Success))),
            ("room filter f registered twice", b => b.RoomFilter("f", (_, _, _, m) => Task.FromResult<IEnumerable<ISession>>(m))),
            ("job j is registered by module one too", b => b.Job("j", TimeSpan.FromSeconds(1), _ => Task.CompletedTask)),
        };
        foreach (var (what, register) in twice)
        {
            var builder = Builder(out _);
            var ex = Assert.Throws<InvalidOperationException>(() => builder.Register(new TestModule("one", b =>
            {
                register(b);
                register(b);
            })));
            Assert.That(ex!.Message, Is.EqualTo("module one: " + what));
        }
    }

    [Test]
    public void AKeyShapeOverlappingAnotherModulesIsRefused()
    {
        var builder = Builder(out _);
        builder.Register(new TestModule("one", b => b.KeySpace([new KeyPattern("sg:shared:<int>", "one's")])));
        var ex = Assert.Throws<InvalidOperationException>(() =>
            builder.Register(new TestModule("two", b => b.KeySpace([new KeyPattern("sg:shared:<seg>", "two's")]))));
        Assert.That(ex!.Message, Is.EqualTo("module two: key shape sg:shared:<seg> overlaps sg:shared:<int> of one"));
        ex = Assert.Throws<InvalidOperationException>(() =>
            builder.Register(new TestModule("three", b => b.KeySpace([], [new KeyPattern("sg:node:x", "a node's")]))));
        Assert.That(ex!.Message, Is.EqualTo("module three: channel shape sg:node:x overlaps sg:node:<any> of core"));
    }

    [Test]
    public void AccountDataDeclaredForAnotherModuleIsRefused()
    {
        var builder = Builder(out _);
        var ex = Assert.Throws<InvalidOperationException>(() => builder.Register(new TestModule("one", b =>
            b.AccountData([new AccountData("two", AccountKeys.Pattern("two", "two's"), AccountDataPlace.Key, AccountDataPolicy.Delete,
                "a test")]))));
        Assert.That(ex!.Message, Is.EqualTo("module one: account data sg:{<acc>}:two is declared for module two"));
    }

    [Test]
    public void ALuaScriptDeclaredByTwoModulesStopsTheStartUp()
    {
        var builder = Builder(out _);
        builder.Register(new TestModule("one", b => b.Scripts("one_apply")));
        var ex = Assert.Throws<InvalidOperationException>(() => builder.Register(new TestModule("two", b => b.Scripts("one_apply"))));
        Assert.That(ex!.Message, Is.EqualTo("module two: Lua script one_apply is declared by module one too"));
        ex = Assert.Throws<InvalidOperationException>(() => builder.Register(new TestModule("three", b => b.Scripts("presence_refresh"))));
        Assert.That(ex!.Message, Is.EqualTo("module three: Lua script presence_refresh is declared by module core too"));
    }

    [Test]
    public void ALuaScriptNoModuleDeclaredStopsTheStartUp()
    {
        var builder = Builder(out _);
        builder.Register(new TestModule("one", b => b.Scripts("one_apply")));
        var ex = Assert.Throws<InvalidOperationException>(() =>
            builder.CheckScripts([.. ModuleBuilder.CoreScripts, "one_apply", "stray_step"]));
        Assert.That(ex!.Message, Is.EqualTo("Lua script stray_step is registered but no module declared it (builder.Scripts)"));
    }

    [Test]
    public void ADeclaredLuaScriptThatIsNotRegisteredStopsTheStartUp()
    {
        var builder = Builder(out _);
        builder.Register(new TestModule("one", b => b.Scripts("one_apply", "one_typo")));
        var ex = Assert.Throws<InvalidOperationException>(() => builder.CheckScripts([.. ModuleBuilder.CoreScripts, "one_apply"]));
        Assert.That(ex!.Message, Is.EqualTo("module one: Lua script one_typo is declared but not registered"));
        Assert.DoesNotThrow(() => builder.CheckScripts([.. ModuleBuilder.CoreScripts, "one_apply", "one_typo"]));
    }

    private sealed class TestModule(string name, Action<IModuleBuilder> register) : IGameModule
    {
        public string Name => name;
        public void Register(IModuleBuilder builder) => register(builder);
    }

    private sealed class RoomFilters : IRoomFilters
    {
        private readonly HashSet<string> _names = [];

        public void AddRoomFilter(string name, RoomMemberFilter filter)
        {
            if (!_names.Add(name)) throw new InvalidOperationException($"room filter {name} registered twice");
        }
    }
}
