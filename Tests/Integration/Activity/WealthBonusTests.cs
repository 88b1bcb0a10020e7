using System.Collections.Concurrent;
using SocialGame.Modules.Room.Gifts;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Room;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Integration.Activity.ActivityTestKit;

namespace SocialGame.Tests.Integration.Activity;

/// <summary>The wealth bonus: applied where a gift's wealth is counted, once per gift, only in the window and for its VIP levels.</summary>
public class WealthBonusTests : RedisFixture
{
    private static async Task<(Client.GameClient Sender, string From, Client.GameClient Receiver, string To, string Room)> PairAsync(
        ServerHost host, int vip)
    {
        string room = NewId("room"), from = TestServer.NewAccount("s"), to = TestServer.NewAccount("t");
        await TestServer.GmAsync(host, $"//gm live start {room} owner");
        var sender = await PlayerAsync(host, from, "3.4.0", vip);
        var receiver = await TestServer.LoginAsync(host, to);
        foreach (var c in new[] { sender, receiver })
            Assert.That((await c.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room })).Result, Is.EqualTo(0));
        await TestServer.GmAsync(host, $"//gm addmoney {from} gold 100000");
        return (sender, from, receiver, to, room);
    }

    private static Task<SendGiftResponse> SendAsync(Client.GameClient c, string room, string to, string reqid) =>
        c.RequestAsync(RoomProtocol.SendGift, new SendGiftRequest { RoomId = room, To = to, GiftId = 2, Count = 2, ReqId = reqid });

    private static async Task<long> WealthAsync(Client.GameClient c) =>
        (await c.RequestAsync(RoomProtocol.GiftStats, new GiftStatsRequest())).WealthTotal;

    [Test]
    public async Task ARetriedGiftCountsItsBonusOnceAndTheEventCarriesIt()
    {
        var clock = Clock();
        await using var host = await StartAsync(Redis, "wb1", clock, QuickConfig());
        var events = new ConcurrentQueue<GiftSent>();
        host.Services.DomainEvents.Subscribe<GiftSent>("test: gifts", (e, _) =>
        {
            events.Enqueue(e);
            return Task.CompletedTask;
        });
        string id = NewId();
        var def = Def(id, clock.UtcNow.AddMinutes(-1), clock.UtcNow.AddMinutes(10));
        def["wealthBonus"] = new { percent = 150, minVipLevel = 2 };
        await ReplaceAsync(host, def);
        var (sender, from, receiver, to, room) = await PairAsync(host, vip: 2);
        await using var _s = sender;
        await using var _r = receiver;

        // The same request 20 times at once: paid once, its wealth (100 x 2, x1.5) counted once.
        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => SendAsync(sender, room, to, "w-1")));
        Assert.That(replies.Select(r => (r.Result, r.Gold)).Distinct(), Is.EqualTo(new[] { (0, 100_000L - 200) }));
        Assert.That(await WealthAsync(sender), Is.EqualTo(300));
        Assert.That((await SendAsync(sender, room, to, "w-1")).Result, Is.EqualTo(0));
        Assert.That(await WealthAsync(sender), Is.EqualTo(300), "a retry counts nothing more");
        await Eventually.ThatAsync(() => events.Any(e => e.From == from), "the gift event");
        Assert.That(events.Where(e => e.From == from).Select(e => (e.ReqId, e.Wealth, e.Charm)), Is.EqualTo(new[] { ("w-1", 300L, 200L) }),
            "raised once, with the bonus in its wealth and none in the charm");

        // The last millisecond of the window still has the bonus; its end has none.
        clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));
        Assert.That((await SendAsync(sender, room, to, "w-2")).Result, Is.EqualTo(0));
        Assert.That(await WealthAsync(sender), Is.EqualTo(600));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That((await SendAsync(sender, room, to, "w-3")).Result, Is.EqualTo(0));
        Assert.That(await WealthAsync(sender), Is.EqualTo(800), "after the window: the plain 200");
        Assert.That((await SendAsync(sender, room, to, "w-1")).Result, Is.EqualTo(0));
        Assert.That(await WealthAsync(sender), Is.EqualTo(800), "a retry after the window changes nothing either");
    }

    [Test]
    public async Task ASenderBelowTheBonusVipLevelCountsThePlainWealth()
    {
        var clock = Clock();
        await using var host = await StartAsync(Redis, "wb2", clock, QuickConfig());
        string id = NewId();
        var def = Def(id, clock.UtcNow.AddMinutes(-1), clock.UtcNow.AddMinutes(10));
        def["wealthBonus"] = new { percent = 200, minVipLevel = 3 };
        await ReplaceAsync(host, def);
        var (sender, _, receiver, to, room) = await PairAsync(host, vip: 2);
        await using var _s = sender;
        await using var _r = receiver;
        Assert.That((await SendAsync(sender, room, to, "p-1")).Result, Is.EqualTo(0));
        Assert.That(await WealthAsync(sender), Is.EqualTo(200));
        var (vipSender, _, vipReceiver, vipTo, vipRoom) = await PairAsync(host, vip: 3);
        await using var _vs = vipSender;
        await using var _vr = vipReceiver;
        Assert.That((await SendAsync(vipSender, vipRoom, vipTo, "p-1")).Result, Is.EqualTo(0));
        Assert.That(await WealthAsync(vipSender), Is.EqualTo(400));
        Assert.That((await receiver.RequestAsync(RoomProtocol.GiftStats, new GiftStatsRequest())).CharmTotal, Is.EqualTo(200),
            "charm has no bonus");
    }
}
