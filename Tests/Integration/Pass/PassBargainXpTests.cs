using SocialGame.Modules.Pass;
using SocialGame.Protocol;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Pass;

/// <summary>A real bargain help raises BargainHelped once and earns the helper season XP (the shipped season and caps).</summary>
public class PassBargainXpTests : BargainFixture
{
    [Test]
    public async Task AHelpEarnsTheHelperSeasonXpOnceAndARepeatedHelpNothing()
    {
        var season = Host.Modules.OfType<PassModule>().Single().Season;
        var helped = new List<string>();
        Host.Services.DomainEvents.Subscribe<Modules.Bargain.BargainHelped>("test: helps", (e, _) =>
        {
            lock (helped) helped.Add($"{e.Helper}:{e.Code}:{e.Idx}");
            return Task.CompletedTask;
        });
        await using var master = await LoginAsync(TestServer.NewAccount("m"));
        string code = await StartAsync(master, 3);
        string helper = TestServer.NewAccount("h");
        await using var h = await LoginAsync(helper, FreshIp());
        long before = (await season.ProgressAsync(helper)).Xp;
        Assert.That((await HelpAsync(h, code, "device-1")).Result, Is.EqualTo(0));
        Assert.That((await HelpAsync(h, code, "device-1")).Result, Is.EqualTo((int)ResultCode.HelpAlready));
        Assert.That(helped, Has.Count.EqualTo(1), "one event for the one applied help");
        Assert.That(helped[0], Does.StartWith($"{helper}:{code}:"), "the event names the helper and the code");
        Assert.That((await season.ProgressAsync(helper)).Xp - before, Is.EqualTo(season.Options.XpSources.BargainHelp.Xp));
    }

    [Test]
    public async Task ARewardNamingAnUnknownItemStopsTheStartNamingTheFileAndField()
    {
        string dir = TestServer.CopyConfig();
        string path = Path.Combine(dir, PassOptions.FileName);
        File.WriteAllText(path, File.ReadAllText(path).Replace("{ \"itemId\": 7001, \"count\": 5 }", "{ \"itemId\": 7999, \"count\": 5 }"));
        var ex = Assert.ThrowsAsync<Core.Options.ConfigException>(async () =>
            await TestServer.StartAsync(Redis, "badpass", configDir: dir));
        Assert.That(ex!.Message, Does.Contain("pass.json: levels[0].free[0].itemId"));
    }
}
