using SocialGame.Core;
using SocialGame.Core.Storage;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

/// <summary>
/// A node's Lua scripts are the ones its modules declare: a script another module already declared, or one in the
/// registry that no module declared, stops the start-up with a message naming the module and the script.
/// </summary>
public class ModuleScriptTests : RedisFixture
{
    [Test]
    public void AModuleDeclaringAnotherModulesScriptStopsTheStartUp()
    {
        var ex = Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestServer.StartAsync(Redis, "scripts1", extraModules: _ => [new ScriptModule("zz-ledger", "ledger_apply")]));
        Assert.That(ex!.Message, Is.EqualTo("module zz-ledger: Lua script ledger_apply is declared by module player too"));
    }

    [Test]
    public void AScriptInTheRegistryThatNoModuleDeclaredStopsTheStartUp()
    {
        var ex = Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestServer.StartAsync(Redis, "scripts2", extraModules: s =>
            {
                s.Scripts.Register("zz_stray", "return 1");
                return [new ScriptModule("zz-other")];
            }));
        Assert.That(ex!.Message, Is.EqualTo("Lua script zz_stray is registered but no module declared it (builder.Scripts)"));
    }

    [Test]
    public async Task AScriptItsModuleDeclaredIsLoadedAndCalledBySha()
    {
        RedisScript? answer = null;
        var host = await TestServer.StartAsync(Redis, "scripts3", extraModules: s =>
        {
            answer = s.Scripts.Register("zz_answer", "return 42");
            return [new ScriptModule("zz-answer", "zz_answer")];
        });
        try
        {
            Assert.That((int)await host.Services.Scripts.EvalAsync(answer!, [], []), Is.EqualTo(42));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private sealed class ScriptModule(string name, params string[] scripts) : IGameModule
    {
        public string Name => name;
        public void Register(IModuleBuilder builder) => builder.Scripts(scripts);
    }
}
