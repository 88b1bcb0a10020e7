using SocialGame.Protocol;

namespace SocialGame.Tests.Integration.Rank;

/// <summary>The boards: what a gift counts where, ties, the periods' boundaries in the business time zone, bad requests.</summary>
public class RankBoardTests : RankFixture
{
    [Test]
    public async Task AGiftCountsOnTheCharmAndWealthBoardsOfItsDayAndWeekOnceEvenWhenRepeated()
    {
        await using var scene = await SceneAsync(NodeA, recipients: 2);
        string sender = scene.Accounts[0], r1 = scene.Accounts[1], r2 = scene.Accounts[2];
        await GmAsync(NodeA, $"//gm setprofile {r1} nickname 小红");
        await GiveAsync(scene, 1, gift: 2, count: 3, reqId: "same-request");
        await GiveAsync(scene, 1, gift: 2, count: 3, reqId: "same-request");
        await GiveAsync(scene, 2, gift: 1, count: 2);

        foreach (string board in new[] { "charm_day", "charm_week" })
        {
            var top = await TopAsync(scene.Clients[1], board);
            Assert.That(Places(top), Is.EqualTo(new[] { (r1, 300L), (r2, 20L) }), board + ": the repeated request counted once");
            Assert.That((top.Entries[0].Rank, top.Entries[0].Nickname, top.Entries[1].Rank), Is.EqualTo((1, "小红", 2)));
            Assert.That(top.Settled, Is.EqualTo(0));
        }
        foreach (string board in new[] { "wealth_day", "wealth_week" })
            Assert.That(Places(await TopAsync(scene.Clients[0], board)), Is.EqualTo(new[] { (sender, 320L) }), board);
        Assert.That((await TopAsync(scene.Clients[0], "charm_day")).Period, Is.EqualTo("20261125"));
        Assert.That((await TopAsync(scene.Clients[0], "charm_week")).Period, Is.EqualTo("20261123"), "a week is named by its Monday");

        var me = await MeAsync(scene.Clients[2], "charm_day");
        Assert.That((me.Result, me.Rank, me.Score, me.Gap), Is.EqualTo((0, 2, 20L, 280L)));
        var first = await MeAsync(scene.Clients[1], "charm_day");
        Assert.That((first.Rank, first.Score, first.Gap), Is.EqualTo((1, 300L, 0L)));
        var absent = await MeAsync(scene.Clients[0], "charm_day");
        Assert.That((absent.Rank, absent.Score), Is.EqualTo((0, 0L)), "the sender received nothing");
        var page = await TopAsync(scene.Clients[0], "charm_day", offset: 1, count: 1);
        Assert.That(page.Entries.Select(e => (e.Rank, e.Acc)), Is.EqualTo(new[] { (2, r2) }));
    }

    [Test]
    public async Task AtEqualScoresWhoeverReachedTheScoreFirstRanksHigher()
    {
        await using var scene = await SceneAsync(NodeA, recipients: 3);
        string x = scene.Accounts[1], y = scene.Accounts[2], z = scene.Accounts[3];
        await GiveAsync(scene, 3, gift: 1);          // z 10
        await GiveAsync(scene, 1, gift: 2);          // x 100
        await GiveAsync(scene, 2, gift: 2);          // y 100, after x
        Assert.That(Places(await TopAsync(scene.Clients[0], "charm_day")), Is.EqualTo(new[] { (x, 100L), (y, 100L), (z, 10L) }));
        await GiveAsync(scene, 2, gift: 2);          // y 200 first
        await GiveAsync(scene, 1, gift: 2);          // x 200 later
        await GiveAsync(scene, 3, gift: 1, count: 19); // z 200 last
        Assert.That(Places(await TopAsync(scene.Clients[0], "charm_day")), Is.EqualTo(new[] { (y, 200L), (x, 200L), (z, 200L) }));
        var me = await MeAsync(scene.Clients[3], "charm_day");
        Assert.That((me.Rank, me.Gap), Is.EqualTo((3, 0L)), "tied with the one above: no gap");
    }

    [Test]
    public async Task ADayEndsAtMidnightInTheBusinessTimeZoneAndAGiftAfterItCountsForTheNextDay()
    {
        await using var scene = await SceneAsync(NodeA, recipients: 1);
        MoveTo(new DateTimeOffset(2026, 11, 25, 23, 59, 58, TimeSpan.FromHours(8)));
        await GiveAsync(scene, 1, gift: 2);
        Clock.Advance(TimeSpan.FromSeconds(3)); // 00:00:01 in Shanghai, still 16:00 on the 25th in UTC
        await GiveAsync(scene, 1, gift: 1);
        string r = scene.Accounts[1];
        Assert.That(Places(await TopAsync(scene.Clients[1], "charm_day", "20261125")), Is.EqualTo(new[] { (r, 100L) }));
        var today = await TopAsync(scene.Clients[1], "charm_day");
        Assert.That((today.Period, Places(today)), Is.EqualTo(("20261126", new List<(string, long)> { (r, 10L) })));
        Assert.That(Places(await TopAsync(scene.Clients[1], "charm_week")), Is.EqualTo(new[] { (r, 110L) }), "the same week");
        var yesterday = await MeAsync(scene.Clients[1], "charm_day", "20261125");
        Assert.That((yesterday.Rank, yesterday.Score), Is.EqualTo((1, 100L)));
    }

    [Test]
    public async Task AWeekEndsOnSundayAtMidnightInTheBusinessTimeZone()
    {
        await using var scene = await SceneAsync(NodeA, recipients: 1);
        MoveTo(new DateTimeOffset(2026, 11, 29, 23, 59, 59, TimeSpan.FromHours(8))); // Sunday
        await GiveAsync(scene, 1, gift: 2);
        Clock.Advance(TimeSpan.FromSeconds(2)); // Monday 00:00:01
        await GiveAsync(scene, 1, gift: 1, count: 3);
        string r = scene.Accounts[1];
        Assert.That(Places(await TopAsync(scene.Clients[1], "charm_week", "20261123")), Is.EqualTo(new[] { (r, 100L) }));
        var week = await TopAsync(scene.Clients[1], "charm_week");
        Assert.That((week.Period, Places(week)), Is.EqualTo(("20261130", new List<(string, long)> { (r, 30L) })));
    }

    [Test]
    public async Task BadRequestsGetTheirCodesAndOldPeriodsAreGone()
    {
        await using var scene = await SceneAsync(NodeA, recipients: 1);
        var c = scene.Clients[1];
        Assert.That((await TopAsync(c, "nosuchboard")).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await TopAsync(c, "charm_day{x}")).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await TopAsync(c, "charm_day", "2026-11-2")).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await TopAsync(c, "charm_day", "20261126")).Result, Is.EqualTo((int)ResultCode.ParamError), "not begun");
        Assert.That((await TopAsync(c, "charm_week", "20261124")).Result, Is.EqualTo((int)ResultCode.ParamError), "not a Monday");
        Assert.That((await TopAsync(c, "charm_day", count: 0)).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await TopAsync(c, "charm_day", count: 101)).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await TopAsync(c, "charm_day", offset: -1)).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await MeAsync(c, "")).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await HistoryAsync(c, "charm_day", "20261125")).Result, Is.EqualTo((int)ResultCode.RankNotSettled));
        Assert.That((await TopAsync(c, "charm_day", "20261117")).Result, Is.EqualTo((int)ResultCode.RankPeriodGone), "kept 7 days");
        Assert.That((await TopAsync(c, "charm_day", "20261118")).Result, Is.EqualTo(0));
        Assert.That((await TopAsync(c, "charm_week", "20261019")).Result, Is.EqualTo((int)ResultCode.RankPeriodGone), "kept 28 days");
    }
}
