using SocialGame.Core.Time;
using SocialGame.Modules.Room;
using SocialGame.Modules.Room.Gifts;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Room;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Room;

/// <summary>Room gifts: walls, payment, extra rewards, broadcasts, stats.</summary>
[TestFixtureSource(typeof(RedisKinds), nameof(RedisKinds.Both))]
public class GiftTests(RedisKind kind) : RedisFixture(kind)
{
    private static async Task<(Client.GameClient Sender, string From, Client.GameClient Receiver, string To, string Room)> RoomPairAsync(
        ServerHost host, ServerHost? receiverHost = null, long gold = 100_000, int vip = 0)
    {
        string room = "room" + Guid.NewGuid().ToString("N")[..8], from = TestServer.NewAccount("s"), to = TestServer.NewAccount("t");
        await TestServer.GmAsync(host, $"//gm live start {room} owner");
        var sender = await TestServer.LoginAsync(host, from);
        var receiver = await TestServer.LoginAsync(receiverHost ?? host, to);
        Assert.That((await sender.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room })).Result, Is.EqualTo(0));
        Assert.That((await receiver.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room })).Result, Is.EqualTo(0));
        if (gold > 0) await TestServer.GmAsync(host, $"//gm addmoney {from} gold {gold}");
        if (vip > 0) await TestServer.GmAsync(host, $"//gm setprofile {from} viplevel {vip}");
        return (sender, from, receiver, to, room);
    }

    private static Task<SendGiftResponse> SendAsync(Client.GameClient c, string room, string to, int gift, string reqid, int count = 1) =>
        c.RequestAsync(RoomProtocol.SendGift, new SendGiftRequest { RoomId = room, To = to, GiftId = gift, Count = count, ReqId = reqid });

    [Test]
    public async Task AGiftIsPaidCountedAndHeardByTheRoomOnBothNodesOnceEvenWhenRepeated()
    {
        await using var a = await TestServer.StartAsync(Redis, "ga");
        await using var b = await TestServer.StartAsync(Redis, "gb");
        var (sender, from, receiver, to, room) = await RoomPairAsync(a, b);
        await using var _s = sender;
        await using var _r = receiver;
        var first = await SendAsync(sender, room, to, 2, "req-1", count: 3);
        Assert.That((first.Result, first.Gold), Is.EqualTo((0, 100_000L - 300)), first.ToJson());
        foreach (var member in new[] { sender, receiver })
        {
            var msg = await member.WaitForAsync(RoomProtocol.GiftMessage);
            Assert.That((msg.From, msg.To, msg.GiftId, msg.Count), Is.EqualTo((from, to, 2, 3)));
        }
        var again = await SendAsync(sender, room, to, 2, "req-1", count: 3);
        Assert.That((again.Result, again.Gold), Is.EqualTo((0, 100_000L - 300)), "a repeat pays nothing more");
        var stats = await receiver.RequestAsync(RoomProtocol.GiftStats, new GiftStatsRequest());
        Assert.That((stats.CharmToday, stats.CharmTotal), Is.EqualTo((300L, 300L)));
        Assert.That((await sender.RequestAsync(RoomProtocol.GiftStats, new GiftStatsRequest())).WealthTotal, Is.EqualTo(300));
        // A fence: a gift sent after the repeat is broadcast after anything the repeat would have broadcast.
        Assert.That((await SendAsync(sender, room, to, 1, "fence")).Result, Is.EqualTo(0));
        var next = await receiver.WaitForAsync(RoomProtocol.GiftMessage);
        Assert.That((next.GiftId, next.Count), Is.EqualTo((1, 1)),
            "the repeat was not broadcast again: the next gift message is the fence's");
        Assert.That((await SendAsync(sender, room, to, 2, "req-1", count: 4)).Result, Is.EqualTo((int)ResultCode.RequestConflict));
    }

    [Test]
    public async Task TodaysCharmFollowsTheBusinessDayNotTheUtcDay()
    {
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        await using var host = await TestServer.StartAsync(Redis, "gd", clock: clock);
        var (sender, _, receiver, to, room) = await RoomPairAsync(host);
        await using var _s = sender;
        await using var _r = receiver;
        Assert.That((await SendAsync(sender, room, to, 2, "day-1")).Result, Is.EqualTo(0));
        Task<GiftStatsResponse> Stats() => receiver.RequestAsync(RoomProtocol.GiftStats, new GiftStatsRequest());
        var businessEnd = host.Services.Calendar.DayOf(clock.UtcNow).End;
        var utcEnd = new DateTimeOffset(clock.UtcNow.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        // Whichever day ends first (Shanghai's at 16:00 UTC, UTC's at midnight), only the business day's end counts.
        clock.Advance((utcEnd < businessEnd ? utcEnd : businessEnd) - clock.UtcNow + TimeSpan.FromMinutes(1));
        Assert.That((await Stats()).CharmToday, Is.EqualTo(utcEnd < businessEnd ? 100 : 0),
            utcEnd < businessEnd ? "the UTC day ended, the business day did not" : "the business day ended, the UTC day did not");
        clock.Advance(businessEnd - clock.UtcNow + TimeSpan.FromMinutes(1));
        var stats = await Stats();
        Assert.That((stats.CharmToday, stats.CharmTotal), Is.EqualTo((0L, 100L)));
    }

    [Test]
    public async Task RefusalsHaveTheirCodesAndChargeNothing()
    {
        await using var host = await TestServer.StartAsync(Redis, "gr");
        var (sender, from, receiver, to, room) = await RoomPairAsync(host, gold: 50);
        await using var _s = sender;
        await using var _r = receiver;
        string stranger = TestServer.NewAccount();
        await (await TestServer.LoginAsync(host, stranger)).DisposeAsync();
        Assert.That((await SendAsync(sender, room, stranger, 1, "r1")).Result, Is.EqualTo((int)ResultCode.NotInRoom));
        Assert.That((await SendAsync(sender, room, to, 101, "r2")).Result, Is.EqualTo((int)ResultCode.VipTooLow));
        Assert.That((await SendAsync(sender, room, to, 2, "r3")).Result, Is.EqualTo((int)ResultCode.InsufficientFunds));
        Assert.That((await SendAsync(sender, room, to, 999, "r4")).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await SendAsync(sender, room, from, 1, "r5")).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await SendAsync(sender, room, to, 1, "bad key!")).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await SendAsync(sender, room, to, 1, "r6", count: 0)).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await TestServer.Player(host).Ledger.GetWalletAsync(from))["gold"], Is.EqualTo(50));
    }

    [Test]
    public async Task TheVipWallIsFilteredByTheVipLevel()
    {
        await using var host = await TestServer.StartAsync(Redis, "gw");
        string acc = TestServer.NewAccount();
        await using var player = await TestServer.LoginAsync(host, acc);
        var normal = (await player.RequestAsync(RoomProtocol.GiftWall, new GiftWallRequest { Vip = 0 })).Gifts.Select(g => g.GiftId)
            .ToList();
        Assert.That(normal, Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That((await player.RequestAsync(RoomProtocol.GiftWall, new GiftWallRequest { Vip = 1 })).Gifts, Is.Empty,
            "VIP 0 sees no VIP gifts");
        await TestServer.GmAsync(host, $"//gm setprofile {acc} viplevel 3");
        var vip = (await player.RequestAsync(RoomProtocol.GiftWall, new GiftWallRequest { Vip = 1 })).Gifts.Select(g => g.GiftId).ToList();
        Assert.That(vip, Is.EqualTo(new[] { 101, 102 }));
        Assert.That((await player.RequestAsync(RoomProtocol.GiftWall, new GiftWallRequest { Vip = 2 })).Result,
            Is.EqualTo((int)ResultCode.ParamError));
    }

    [Test]
    public async Task ProbabilityOneAlwaysGrantsAndZeroNever()
    {
        string dir = TestServer.CopyConfig();
        var gifts = Path.Combine(dir, "gifts.json");
        File.WriteAllText(gifts, File.ReadAllText(gifts).Replace("\"probability\": 0.1", "\"probability\": 0"));
        await using var host = await TestServer.StartAsync(Redis, "gp", configDir: dir);
        var (sender, from, receiver, to, room) = await RoomPairAsync(host, gold: 10_000_000, vip: 5);
        await using var _s = sender;
        await using var _r = receiver;
        for (int i = 0; i < 30; i++)
        {
            Assert.That((await SendAsync(sender, room, to, 103, $"one{i}")).ExtraItem, Is.EqualTo(3001), "probability 1");
            Assert.That((await SendAsync(sender, room, to, 3, $"zero{i}")).ExtraItem, Is.EqualTo(0), "probability 0");
        }
        var inventory = await TestServer.Player(host).Ledger.GetInventoryAsync(from);
        Assert.That(inventory.Single(i => i.Item.Id == 3001).ExpireTime,
            Is.GreaterThan(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 29 * 15 * 86400L), "thirty 15-day effects, each extending the last");
        Assert.That(inventory.Any(i => i.Item.Id == 2001), Is.False);
    }

    [Test]
    public async Task ASeededThirtyPercentRewardComesOutNearThirtyPercent()
    {
        await using var host = await TestServer.StartAsync(Redis, "gs", random: new SeededRandomSource(7));
        var (sender, from, receiver, to, room) = await RoomPairAsync(host, gold: 10_000_000, vip: 1);
        await using var _s = sender;
        await using var _r = receiver;
        const int n = 600;
        var replies = new List<SendGiftResponse>();
        for (int batch = 0; batch < n; batch += 100) // pipelined, within the per-connection queue limit
            replies.AddRange(await Task.WhenAll(Enumerable.Range(batch, 100).Select(i => SendAsync(sender, room, to, 101, $"s{i}"))));
        Assert.That(replies.Select(r => r.Result), Is.All.EqualTo(0));
        int granted = replies.Count(r => r.ExtraItem == 1001);
        // mean 180, sd 11.2: the band is about four sd wide each way
        Assert.That(granted, Is.InRange(135, 225), $"{granted} of {n}");
        var frame = (await TestServer.Player(host).Ledger.GetInventoryAsync(from)).Single(i => i.Item.Id == 1001);
        Assert.That(frame.ExpireTime - DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Is.InRange(granted * 7 * 86400L - 120, granted * 7 * 86400L + 5), "every granted reward reached the inventory");
    }

    [Test]
    public async Task TheSameRequestIdToAnotherMemberIsAnotherGiftPaidAgain()
    {
        await using var host = await TestServer.StartAsync(Redis, "gk");
        var (sender, from, receiver, to, room) = await RoomPairAsync(host);
        await using var _s = sender;
        await using var _r = receiver;
        string third = TestServer.NewAccount("t");
        await using var other = await TestServer.LoginAsync(host, third);
        Assert.That((await other.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room })).Result, Is.EqualTo(0));
        Assert.That((await SendAsync(sender, room, to, 2, "same")).Gold, Is.EqualTo(100_000 - 100));
        Assert.That((await SendAsync(sender, room, third, 2, "same")).Gold, Is.EqualTo(100_000 - 200), "not a free replay");
        Assert.That((await other.RequestAsync(RoomProtocol.GiftStats, new GiftStatsRequest())).CharmTotal, Is.EqualTo(100));
        Assert.That((await sender.RequestAsync(RoomProtocol.GiftStats, new GiftStatsRequest())).WealthTotal, Is.EqualTo(200),
            "both gifts count in the sender's wealth");
    }

    [Test]
    public async Task AGiftIsRememberedAsCountedAsLongAsItsPaymentIsRemembered()
    {
        // A repeat while the ledger key lasts replays the payment for nothing; if the "counted" markers expired
        // first, that repeat would add charm and wealth again without paying.
        await using var host = await TestServer.StartAsync(Redis, "gt");
        var (sender, from, receiver, to, room) = await RoomPairAsync(host);
        await using var _s = sender;
        await using var _r = receiver;
        Assert.That((await SendAsync(sender, room, to, 2, "kept")).Result, Is.EqualTo(0));
        var db = host.Services.Redis.Db;
        var payment = await db.KeyTimeToLiveAsync(Modules.Player.PlayerKeys.Idempotency(from, $"gift:{to}:kept"));
        Assert.That(payment, Is.Not.Null);
        foreach (var marker in new[] { GiftService.CharmDoneKey(from, to, "kept"), GiftService.WealthDoneKey(from, to, "kept") })
            Assert.That(await db.KeyTimeToLiveAsync(marker), Is.GreaterThan(payment!.Value), marker.ToString());
    }
}
