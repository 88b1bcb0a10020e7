using SocialGame.Core.Admin;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Events;
using SocialGame.Core.Gm;
using SocialGame.Core.Jobs;
using SocialGame.Core.Push;
using SocialGame.Core.Sessions;
using SocialGame.Core.Storage.Keys;
using SocialGame.Protocol;
using SocialGame.Protocol.Messages;

namespace SocialGame.Core;

/// <summary>The tables a node's modules register into (the host reads them once every module has registered).</summary>
internal sealed record ModuleTables(
    HandlerTable Handlers,
    GmCommandRegistry GmCommands,
    AdminRouteTable AdminRoutes,
    IDomainEvents DomainEvents,
    IEventBus Events,
    LoginGate LoginGate,
    IRoomFilters RoomFilters,
    AccountDataRegistry AccountData,
    JobTable Jobs);

/// <summary>
/// Registers the modules one after another into the node's tables. A second module of one name, or anything a
/// module registers twice (or a key shape overlapping the core's or another module's, or a Lua script another module
/// declared), stops the start-up with an <see cref="InvalidOperationException"/> naming the module.
/// </summary>
internal sealed class ModuleBuilder
{
    private readonly ModuleTables _tables;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<(string Owner, KeyPattern Pattern)> _keys = [], _channels = [];
    private readonly Dictionary<string, string> _scripts = new(StringComparer.Ordinal);

    /// <summary>The Lua scripts of the core itself (presence, operator logins).</summary>
    internal static readonly IReadOnlyList<string> CoreScripts = ["presence_release", "presence_refresh", "operator_login_attempt"];

    public ModuleBuilder(ModuleTables tables)
    {
        _tables = tables;
        _keys.AddRange(CoreKeys.Patterns.Select(p => ("core", p)));
        _channels.AddRange(CoreKeys.Channels.Select(p => ("core", p)));
        foreach (var script in CoreScripts) _scripts.Add(script, "core");
    }

    /// <summary>Runs <paramref name="module"/>'s registration.</summary>
    public void Register(IGameModule module)
    {
        if (!_names.Add(module.Name))
            throw new InvalidOperationException($"module {module.Name}: a module of this name is registered twice");
        try
        {
            module.Register(new Scope(this, module.Name));
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"module {module.Name}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Once every module has registered: the scripts in the registry (<paramref name="registered"/>, by name) are
    /// exactly the declared ones; a script no module declared, or a declared one not registered, stops the start-up.
    /// </summary>
    public void CheckScripts(IEnumerable<string> registered)
    {
        var names = registered.ToHashSet(StringComparer.Ordinal);
        var undeclared = names.Where(n => !_scripts.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
        if (undeclared.Count > 0)
            throw new InvalidOperationException(
                $"Lua script {string.Join(", ", undeclared)} is registered but no module declared it (builder.Scripts)");
        var missing = _scripts.FirstOrDefault(s => !names.Contains(s.Key));
        if (missing.Key is not null)
            throw new InvalidOperationException(
                $"module {missing.Value}: Lua script {missing.Key} is declared but not registered");
    }

    private static void AddShapes(List<(string Owner, KeyPattern Pattern)> all, string owner, IReadOnlyList<KeyPattern> shapes, string what)
    {
        foreach (var shape in shapes)
        {
            var clash = all.FirstOrDefault(k => k.Pattern.Overlaps(shape));
            if (clash.Pattern is not null)
                throw new InvalidOperationException($"{what} {shape} overlaps {clash.Pattern} of {clash.Owner}");
            all.Add((owner, shape));
        }
    }

    /// <summary>One module's view of the builder.</summary>
    private sealed class Scope(ModuleBuilder builder, string module) : IModuleBuilder
    {
        private ModuleTables Tables => builder._tables;

        public void Handle<TRequest, TResponse>(Handler<TRequest, TResponse> handler)
            where TRequest : new()
            where TResponse : IResponse, new() => Tables.Handlers.Add(handler);

        public void GmCommand(IGmCommand command) => Tables.GmCommands.Add(command);

        public void AdminRoute(IAdminRoute route, OperatorRole minimumRole) => Tables.AdminRoutes.Add(route, minimumRole);

        public void UnauthenticatedAdminRoute(IAdminRoute route) => Tables.AdminRoutes.AddUnauthenticated(route);

        public void Subscribe<T>(string name, Func<T, CancellationToken, Task> handler) where T : class =>
            Tables.DomainEvents.Subscribe(name, handler);

        public void Subscribe<T>(EventTopic<T> topic, string name, Func<T, EventContext, CancellationToken, Task> handler) where T
            : class =>
            Tables.Events.Subscribe(topic, name, handler);

        public void LoginCheck(string name, Func<string, Task<ResultCode>> check) => Tables.LoginGate.Add(name, check);

        public void RoomFilter(string name, RoomMemberFilter filter) => Tables.RoomFilters.AddRoomFilter(name, filter);

        public void KeySpace(IReadOnlyList<KeyPattern> keys, IReadOnlyList<KeyPattern>? channels = null)
        {
            AddShapes(builder._keys, module, keys, "key shape");
            AddShapes(builder._channels, module, channels ?? [], "channel shape");
        }

        public void AccountData(IEnumerable<AccountData> entries, Func<string, Task>? entryEraser = null,
            AccountEraseOrder order = AccountEraseOrder.Normal)
        {
            var list = entries.ToList();
            var foreign = list.FirstOrDefault(e => e.Module != module);
            if (foreign is not null)
                throw new InvalidOperationException($"account data {foreign.Pattern} is declared for module {foreign.Module}");
            Tables.AccountData.Declare(list);
            if (entryEraser is not null) Tables.AccountData.AddEntryEraser(module, entryEraser, order);
        }

        public void Job(string name, TimeSpan period, Func<CancellationToken, Task> pass) => Tables.Jobs.Add(module, name, period, pass);

        public void Scripts(params string[] names)
        {
            foreach (var name in names)
                if (!builder._scripts.TryAdd(name, module))
                    throw new InvalidOperationException($"Lua script {name} is declared by module {builder._scripts[name]} too");
        }
    }
}
