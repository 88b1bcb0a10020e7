using SocialGame.Modules.Pass;
using SocialGame.Modules.Player;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Integration.Pass.PassSeasonKit;

namespace SocialGame.Tests.Integration.Pass;

/// <summary>The season's end: settled once across nodes, unclaimed rewards granted (or forfeited), the next season from zero.</summary>
public class PassSeasonEndTests : RedisFixture
{
    [Test]
    public async Task TheEndRunningOnTwoNodesAtOnceGrantsWhatWasLeftOnceAndTheNextSeasonStartsFromZero()
    {
        var clock = NewClock();
        string dir = Config("E1", days: 2);
        await using var a = await TestServer.StartAsync(Redis, "ea", clock: clock, configDir: dir);
        await using var b = await TestServer.StartAsync(Redis, "eb", clock: clock, configDir: dir);
        string owner = TestServer.NewAccount("o"), plain = TestServer.NewAccount("p"), idle = TestServer.NewAccount("i");
        foreach (string acc in new[] { owner, plain, idle }) await using (await LoginAsync(a, clock, acc)) { }
        await TestServer.GmAsync(a, $"//gm additem {owner} 8001 1");
        await GiveXpAsync(a, owner, 300 - 10);
        await GiveXpAsync(a, plain, 100 - 10);
        await using (var client = await LoginAsync(b, clock, owner))
            Assert.That((await client.RequestAsync(PassProtocol.Claim,
                new Protocol.Messages.Pass.PassClaimRequest { Level = 1, Track = "free" })).Result, Is.EqualTo(0));
        Assert.That(await Season(a).EndSeasonAsync(), Is.EqualTo(0), "nothing before the season's end");

        clock.Advance(TimeSpan.FromDays(3));
        // Six passes at once on two nodes (the nodes' own periodic pass may join in): each player is settled once.
        var passes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Season(i % 2 == 0 ? a : b).EndSeasonAsync()));
        Assert.That(passes.Sum(), Is.LessThanOrEqualTo(2), "the owner and the plain player had rewards left");
        // owner: level 1 premium, level 2 both, level 3 premium (level 1's free one was claimed before)
        Assert.That(await GoldAsync(a, owner), Is.EqualTo(100 + 500));
        Assert.That(await CountAsync(a, owner, 9001), Is.EqualTo(2));
        Assert.That(await CountAsync(a, owner, 7001), Is.EqualTo(3));
        Assert.That(await CountAsync(a, owner, 1001), Is.EqualTo(1));
        Assert.That(await GoldAsync(a, plain), Is.EqualTo(100));
        Assert.That(await CountAsync(a, plain, 9001), Is.EqualTo(0), "no pass: no premium reward");
        var notices = (await PlayerOf(a).Inbox.ListAsync(owner)).Where(m => m.Title.Contains("Season rewards")).ToList();
        Assert.That(notices.Count, Is.EqualTo(1));
        Assert.That(notices[0].Text, Does.Contain("the 4 rewards").And.Contain("granted"));
        Assert.That((await PlayerOf(a).Inbox.ListAsync(plain)).Count(m => m.Title.Contains("Season rewards")), Is.EqualTo(1));
        Assert.That((await PlayerOf(a).Inbox.ListAsync(idle)).Count(m => m.Title.Contains("Season rewards")), Is.EqualTo(0));
        Assert.That(await Season(b).EndSeasonAsync(), Is.EqualTo(0), "settled: later passes do nothing");
        Assert.That((long)await a.Services.Redis.Db.HashGetAsync(PassKeys.SeasonRecord("E1"), "settled"),
            Is.EqualTo(clock.UtcNow.ToUnixTimeSeconds()), "the season's record says when it was settled");

        // After the end: no XP, no claim; the record stays.
        Assert.That(await Season(a).AddXpAsync(plain, "test", new PassXpSource { Xp = 1, DailyCap = 1000 }, "late", 500), Is.EqualTo(0));
        Assert.That((await Season(a).ClaimAllAsync(plain)).Result, Is.EqualTo((int)ResultCode.SeasonClosed));
        Assert.That((await Season(a).ProgressAsync(owner)).Xp, Is.EqualTo(300));

        // The next season, on a node started with its configuration: XP from zero, the old season's record kept.
        var next = NewClock();
        next.Advance(clock.UtcNow - next.UtcNow);
        await using var c = await TestServer.StartAsync(Redis, "ec", clock: next, configDir: Config("E2", days: 10));
        await using var again = await LoginAsync(c, next, owner);
        var entry = await again.RequestAsync(PassProtocol.Entry);
        Assert.That((entry.Season, entry.Xp, entry.Level, entry.Claimable, entry.Open), Is.EqualTo(("E2", 10L, 0, 0, 1)),
            "only this season's first login");
        Assert.That((long)await a.Services.Redis.Db.HashGetAsync(PassKeys.Season(owner, "E1"), "xp"), Is.EqualTo(300));
    }

    [Test]
    public async Task AClaimTheLedgerStillRefusesKeepsTheSeasonUnsettledUntilItIsGrantedOnce()
    {
        var clock = NewClock();
        await using var a = await TestServer.StartAsync(Redis, "ga", clock: clock, configDir: Config("G1", days: 1));
        string acc = TestServer.NewAccount("g");
        await using (await LoginAsync(a, clock, acc)) { }
        await GiveXpAsync(a, acc, 100 - 10);
        var ledger = PlayerOf(a).Ledger;
        long max = PlayerOf(a).Options.MaxBalance;
        await ledger.ApplyAsync(new LedgerOperation(acc, "test-fill", "test", [new CurrencyChange("gold", max - 50)], []));
        Assert.That((await Season(a).ClaimAllAsync(acc)).Result, Is.EqualTo((int)ResultCode.BalanceLimit), "100 gold: no room");

        clock.Advance(TimeSpan.FromDays(2));
        await Season(a).EndSeasonAsync();
        Assert.That(await Season(a).EndSeasonAsync(), Is.Zero);
        Assert.That(await a.Services.Redis.Db.HashExistsAsync(PassKeys.SeasonRecord("G1"), "settled"), Is.False,
            "a reserved claim still refused keeps the season unsettled");

        await ledger.ApplyAsync(new LedgerOperation(acc, "test-spend", "test", [new CurrencyChange("gold", -1000)], []));
        await Task.WhenAll(Season(a).EndSeasonAsync(), Season(a).EndSeasonAsync());
        Assert.That(await a.Services.Redis.Db.HashExistsAsync(PassKeys.SeasonRecord("G1"), "settled"), Is.True);
        Assert.That(await GoldAsync(a, acc), Is.EqualTo(max - 50 - 1000 + 100), "granted once");
        var notice = (await PlayerOf(a).Inbox.ListAsync(acc)).Single(m => m.Title.Contains("Season rewards"));
        Assert.That(notice.Text, Does.Contain("were granted"), "the player is told of the claim granted at the season's end");
        await Season(a).EndSeasonAsync();
        Assert.That(await GoldAsync(a, acc), Is.EqualTo(max - 50 - 1000 + 100));
    }

    [Test]
    public async Task ForfeitedRewardsAreNotGrantedAndThePlayerIsTold()
    {
        var clock = NewClock();
        await using var a = await TestServer.StartAsync(Redis, "fa", clock: clock, configDir: Config("F1", days: 1, unclaimed: "forfeit"));
        string acc = TestServer.NewAccount("f");
        await using (await LoginAsync(a, clock, acc)) { }
        await GiveXpAsync(a, acc, 200 - 10);
        clock.Advance(TimeSpan.FromDays(2));
        await Season(a).EndSeasonAsync();
        Assert.That(await GoldAsync(a, acc), Is.EqualTo(0));
        Assert.That(await CountAsync(a, acc, 7001), Is.EqualTo(0));
        var notice = (await PlayerOf(a).Inbox.ListAsync(acc)).Single(m => m.Title.Contains("Season rewards"));
        Assert.That(notice.Text, Does.Contain("expired"));
        var rewards = await Season(a).RewardsAsync(acc);
        Assert.That(rewards.Levels.Take(2).Select(l => l.Free.State), Is.All.EqualTo("claimed"), "forfeited: no longer claimable");
    }
}
