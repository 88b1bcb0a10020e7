using SocialGame.Modules.Account;
using SocialGame.Modules.Rank;
using SocialGame.Core.Storage.Keys;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Rank;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;
using SocialGame.Tests.Integration.Account;

namespace SocialGame.Tests.Integration.Rank;

/// <summary>Settlement: once across nodes, resumed after a crash, frozen at the period's end, without cancelled accounts.</summary>
public class RankSettlementTests : RankFixture
{
    /// <summary>The end of Wednesday 2026-11-25 in Asia/Shanghai.</summary>
    private static readonly DateTimeOffset DayEnd = new(2026, 11, 26, 0, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Recipients 1-4 with 400, 300, 200 and 100 charm today.</summary>
    private async Task<Scene> FourPlacesAsync()
    {
        var scene = await SceneAsync(NodeA, recipients: 4);
        for (int r = 1; r <= 4; r++) await GiveAsync(scene, r, gift: 2, count: 5 - r);
        return scene;
    }

    /// <summary>
    /// After the day: node A's settlement of charm_day dies after granting place 1 and before recording it (the period stays frozen
    /// and claimed by that call).
    /// </summary>
    private RankBoard DiesAfterPlaceOne()
    {
        MoveTo(DayEnd.AddSeconds(1));
        var board = Board(NodeA, "charm_day");
        Ranks(NodeA).AfterPlace = place => place == 1 ? throw new InvalidOperationException("node A died") : Task.CompletedTask;
        Assert.ThrowsAsync<InvalidOperationException>(() => Ranks(NodeA).SettleAsync(board, "20261125", DayEnd));
        Ranks(NodeA).AfterPlace = null;
        return board;
    }

    private async Task<long> GoldAsync(string acc) => (await TestServer.Player(NodeA).Ledger.GetWalletAsync(acc))["gold"];

    private async Task<int> RankNoticesAsync(string acc, string board) =>
        (await TestServer.Player(NodeA).Inbox.ListAsync(acc))
            .Count(m => m.Extra.Contains($"\"board\":\"{board}\"", StringComparison.Ordinal));

    /// <summary>charm_day: place 1 gets 1000 gold and the golden frame (7 days), 2-3 300 gold, 4-10 100 gold.</summary>
    private async Task AssertRewardedOnceAsync(Scene scene)
    {
        Assert.That(await Task.WhenAll(scene.Accounts.Skip(1).Select(GoldAsync)), Is.EqualTo(new[] { 1000L, 300L, 300L, 100L }));
        var frame = (await TestServer.Player(NodeA).Ledger.GetInventoryAsync(scene.Accounts[1])).Single();
        Assert.That((frame.Item.Id, frame.ExpireTime), Is.EqualTo((1001, DayEnd.AddSeconds(1).AddDays(7).ToUnixTimeSeconds())),
            "one week of the frame from the settlement, granted once");
        foreach (string acc in scene.Accounts.Skip(1)) Assert.That(await RankNoticesAsync(acc, "charm_day"), Is.EqualTo(1), acc);
    }

    [Test]
    public async Task TwoNodesRacingSettleEachPeriodOnceAndGrantEachPlaceOnce()
    {
        await using var scene = await FourPlacesAsync();
        MoveTo(DayEnd.AddSeconds(1));
        var passes = Enumerable.Range(0, 8).Select(i => Task.Run(() => Ranks(i % 2 == 0 ? NodeA : NodeB).SettleDueAsync())).ToList();
        var settled = await Task.WhenAll(passes);
        // every ended period still kept is settled (empty ones too), each by exactly one pass: the two day boards' 7 kept days
        // and the two week boards' 4 kept weeks (28 days)
        Assert.That(settled.Sum(), Is.EqualTo(2 * 7 + 2 * 4));
        await AssertRewardedOnceAsync(scene);
        var push = await scene.Clients[1].WaitForAsync(RankProtocol.Settled, p => p.Board == "charm_day");
        Assert.That((push.Period, push.Rank, push.Score), Is.EqualTo(("20261125", 1, 400L)));
        Assert.That(push.Rewards.Select(r => (r.Kind, r.Id, r.Amount)),
            Is.EquivalentTo(new[] { ("currency", "gold", 1000L), ("item", "1001", 1L) }));

        var history = await HistoryAsync(scene.Clients[2], "charm_day", "20261125");
        Assert.That(history.Entries.Select(e => (e.Rank, e.Acc, e.Score)),
            Is.EqualTo(scene.Accounts.Skip(1).Select((a, i) => (i + 1, a, 400L - 100 * i))));
        Assert.That(history.SettledAt, Is.EqualTo(Clock.UtcNow.ToUnixTimeSeconds()));
        var me = await MeAsync(scene.Clients[2], "charm_day", "20261125");
        Assert.That((me.Settled, me.SettledRank, me.Rank), Is.EqualTo((1, 2, 2)));
        Assert.That(me.Rewards.Select(r => (r.Kind, r.Id, r.Amount)), Is.EqualTo(new[] { ("currency", "gold", 300L) }));
        var wealth = await HistoryAsync(scene.Clients[0], "wealth_day", "20261125");
        Assert.That(wealth.Entries.Select(e => (e.Acc, e.Score)), Is.EqualTo(new[] { (scene.Accounts[0], 1000L) }));

        Assert.That(await GmAsync(NodeB, "//gm rank settle charm_day 20261125"), Does.EndWith("already settled"));
        Assert.That(await Ranks(NodeA).SettleDueAsync(), Is.EqualTo(0));
        await AssertRewardedOnceAsync(scene);
    }

    [Test]
    public async Task ACrashBetweenRewardsIsResumedByTheOtherNodeOnceItsClaimLapsesAndEachPlaceIsGrantedOnce()
    {
        await using var scene = await FourPlacesAsync();
        var board = DiesAfterPlaceOne();
        Assert.That(await Task.WhenAll(scene.Accounts.Skip(1).Select(GoldAsync)), Is.EqualTo(new[] { 1000L, 0, 0, 0 }));
        Assert.That((await HistoryAsync(scene.Clients[1], "charm_day", "20261125")).Result, Is.EqualTo((int)ResultCode.RankNotSettled));

        Assert.That(await Ranks(NodeB).SettleAsync(board, "20261125", DayEnd), Is.EqualTo(SettleOutcome.Busy), "node A's claim holds");
        Clock.Advance(TimeSpan.FromSeconds(Ranks(NodeB).Options.ClaimSeconds + 1));
        Assert.That(await Ranks(NodeB).SettleAsync(board, "20261125", DayEnd), Is.EqualTo(SettleOutcome.Settled));
        Assert.That(await Ranks(NodeA).SettleAsync(board, "20261125", DayEnd), Is.EqualTo(SettleOutcome.AlreadyDone));
        await AssertRewardedOnceAsync(scene);
        Assert.That((await HistoryAsync(scene.Clients[1], "charm_day", "20261125")).Entries, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task AGiftAfterThePeriodEndCountsForTheNextPeriodNeverTheSettledOne()
    {
        await using var scene = await SceneAsync(NodeA, recipients: 2);
        string r1 = scene.Accounts[1], r2 = scene.Accounts[2];
        await GiveAsync(scene, 1, gift: 2);
        MoveTo(DayEnd.AddSeconds(1));
        await GiveAsync(scene, 1, gift: 1);
        Assert.That(await GmAsync(NodeA, "//gm rank settle charm_day 20261125"), Does.EndWith("settled"));
        // a gift whose handler read the clock before midnight and reaches Redis after the freeze
        var board = Board(NodeA, "charm_day");
        Assert.That(await Ranks(NodeB).AddAsync(board, r2, 500, DayEnd.AddSeconds(-1)), Is.EqualTo("20261126"));

        var settled = await TopAsync(scene.Clients[1], "charm_day", "20261125");
        Assert.That((settled.Settled, Places(settled)), Is.EqualTo((1, new List<(string, long)> { (r1, 100L) })));
        Assert.That((await HistoryAsync(scene.Clients[1], "charm_day", "20261125")).Entries.Select(e => (e.Acc, e.Score)),
            Is.EqualTo(new[] { (r1, 100L) }));
        Assert.That(Places(await TopAsync(scene.Clients[1], "charm_day")), Is.EqualTo(new[] { (r2, 500L), (r1, 10L) }));
        Assert.That(await GmAsync(NodeA, "//gm rank show charm_day 20261125"), Does.Contain($"final: 1.{r1}=100"));
        Assert.That(await GmAsync(NodeA, "//gm rank settle charm_day 20261126", ResultCode.ParamError), Does.Contain("has not ended"));
    }

    [Test]
    public async Task ACancelledAccountLeavesEveryBoardAndItsSettledPlaceKeepsAPlaceholder()
    {
        var scene = await SceneAsync(NodeA, recipients: 2);
        string x = scene.Accounts[1], y = scene.Accounts[2];
        await GiveAsync(scene, 1, gift: 2, count: 3);
        await GiveAsync(scene, 2, gift: 2);
        MoveTo(new DateTimeOffset(2026, 11, 30, 0, 0, 5, TimeSpan.FromHours(8))); // the next week
        await GiveAsync(scene, 1, gift: 2);
        await GiveAsync(scene, 2, gift: 1);
        Assert.That(await GmAsync(NodeA, "//gm rank settle charm_week 20261123"), Does.EndWith("settled"));
        Assert.That(await GoldAsync(x), Is.EqualTo(5000));
        Assert.That((await scene.Clients[1].RequestAsync(AccountProtocol.CancelApply)).Result, Is.EqualTo(0));
        await scene.DisposeAsync();
        Assert.That(await Eventually.TrueAsync(async () => await NodeA.Services.Sessions.LocateAsync(x) is null), Is.True);

        Clock.Advance(TimeSpan.FromDays(15));
        Assert.That(await NodeB.Modules.OfType<AccountModule>().Single().Cancellation.RunDueAsync(), Is.EqualTo(1));

        await using var reader = await LoginAsync(NodeB, y);
        Assert.That(Places(await TopAsync(reader, "charm_week", "20261130")), Is.EqualTo(new[] { (y, 10L) }));
        Assert.That(Places(await TopAsync(reader, "charm_week", "20261123")), Is.EqualTo(new[] { (y, 100L) }));
        var history = (await HistoryAsync(reader, "charm_week", "20261123")).Entries;
        Assert.That(history.Select(e => e.Rank), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(history[0].Score, Is.EqualTo(300L));
        Assert.That(history[0].Acc, Does.StartWith(DeletedAccount.Placeholder), "the place stays, the name does not");
        Assert.That((history[1].Acc, history[1].Score), Is.EqualTo((y, 100L)));
        // (the sender's gift ledger keys name the recipient: a leftover of the gift module, not of the boards)
        Assert.That((await AccountDataScan.LeftoversAsync(NodeA.Services.Redis, NodeA.Services.AccountData, x))
            .Where(k => !k.Contains(":idem:gift:", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task ASettlementOfAnAccountDeletedAfterTheFreezeGrantsItsPlaceNothing()
    {
        await using var scene = await FourPlacesAsync();
        var board = DiesAfterPlaceOne();
        await Ranks(NodeA).EraseAccountAsync(scene.Accounts[2]);
        Clock.Advance(TimeSpan.FromSeconds(Ranks(NodeA).Options.ClaimSeconds + 1));
        Assert.That(await Ranks(NodeA).SettleAsync(board, "20261125", DayEnd), Is.EqualTo(SettleOutcome.Settled));
        Assert.That(await Task.WhenAll(scene.Accounts.Skip(1).Select(GoldAsync)), Is.EqualTo(new[] { 1000L, 0, 300L, 100L }),
            "place 2 is a placeholder now: nothing granted, the others keep their places");
    }
}
