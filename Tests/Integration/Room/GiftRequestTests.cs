using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Room;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Room;

/// <summary>A gift's request id binds the gift, count and room; the extra-reward roll belongs to the paid gift only.</summary>
public class GiftRequestTests : RedisFixture
{
    private ServerHost _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await TestServer.StartAsync(Redis, "greq");

    [OneTimeTearDown]
    public async Task Stop() => await _host.StopAsync();

    private async Task<string> LiveRoomAsync()
    {
        string room = "room" + Guid.NewGuid().ToString("N")[..8];
        await TestServer.GmAsync(_host, $"//gm live start {room} owner");
        return room;
    }

    /// <summary>A sender and a receiver in one live room; the sender has <paramref name="gold"/> and VIP level
    /// <paramref name="vip"/>.</summary>
    private async Task<(Client.GameClient Sender, string From, Client.GameClient Receiver, string To, string Room)> PairAsync(long gold,
        int vip = 0)
    {
        string room = await LiveRoomAsync(), from = TestServer.NewAccount("s"), to = TestServer.NewAccount("t");
        var sender = await TestServer.LoginAsync(_host, from);
        var receiver = await TestServer.LoginAsync(_host, to);
        foreach (var c in new[] { sender, receiver })
            Assert.That((await c.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room })).Result, Is.EqualTo(0));
        if (gold > 0) await TestServer.GmAsync(_host, $"//gm addmoney {from} gold {gold}");
        if (vip > 0) await TestServer.GmAsync(_host, $"//gm setprofile {from} viplevel {vip}");
        return (sender, from, receiver, to, room);
    }

    private static Task<SendGiftResponse> SendAsync(Client.GameClient c, string room, string to, int gift, string reqid, int count = 1) =>
        c.RequestAsync(RoomProtocol.SendGift, new SendGiftRequest { RoomId = room, To = to, GiftId = gift, Count = count, ReqId = reqid });

    private async Task<long> GoldAsync(string acc) => (await TestServer.Player(_host).Ledger.GetWalletAsync(acc))["gold"];

    [Test]
    public async Task TheSameRequestIdInAnotherRoomIsRefusedAndChargesNothing()
    {
        var (sender, from, receiver, to, room) = await PairAsync(gold: 1000);
        await using var _s = sender;
        await using var _r = receiver;
        Assert.That((await SendAsync(sender, room, to, 2, "moved")).Result, Is.EqualTo(0));
        string other = await LiveRoomAsync();
        foreach (var c in new[] { sender, receiver })
            Assert.That((await c.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = other })).Result, Is.EqualTo(0));
        var moved = await SendAsync(sender, other, to, 2, "moved");
        Assert.That(moved.Result, Is.EqualTo((int)ResultCode.RequestConflict),
            "not a replay claiming a gift in this room: " + moved.ToJson());
        Assert.That((await SendAsync(sender, other, to, 1, "moved")).Result, Is.EqualTo((int)ResultCode.RequestConflict), "another gift");
        Assert.That(await GoldAsync(from), Is.EqualTo(900), "paid once, for the first gift only");
    }

    [Test]
    public async Task TheRollOfARefusedExpensiveGiftCannotBeCashedByACheapGiftUnderTheSameRequestId()
    {
        // Gift 103 (20,000 gold) always grants item 3001; gift 3 (520 gold) grants 2001 one time in ten.
        var (sender, from, receiver, to, room) = await PairAsync(gold: 1000, vip: 5);
        await using var _s = sender;
        await using var _r = receiver;
        Assert.That((await SendAsync(sender, room, to, 103, "cash-in")).Result, Is.EqualTo((int)ResultCode.InsufficientFunds));
        var cheap = await SendAsync(sender, room, to, 3, "cash-in");
        Assert.That(cheap.Result, Is.EqualTo(0), cheap.ToJson());
        Assert.That(cheap.ExtraItem, Is.AnyOf(0L, 2001L), "only the cheap gift's own reward");
        var inventory = await TestServer.Player(_host).Ledger.GetInventoryAsync(from);
        Assert.That(inventory.Any(i => i.Item.Id == 3001), Is.False);
        Assert.That(await GoldAsync(from), Is.EqualTo(480));
    }

    [Test]
    public async Task GiftsRefusedForLackOfGoldLeaveNothingBehind()
    {
        var (sender, from, receiver, to, room) = await PairAsync(gold: 0, vip: 5);
        await using var _s = sender;
        await using var _r = receiver;
        var db = _host.Services.Redis.Db;
        var server = _host.Services.Redis.Connection.GetServers().Single();
        var before = server.Keys(pattern: $"sg:{{{from}}}:*").Select(k => k.ToString()).ToHashSet();
        var replies = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => SendAsync(sender, room, to, i % 2 == 0 ? 103 : 101, $"free{i}")));
        Assert.That(replies.Select(r => r.Result), Is.All.EqualTo((int)ResultCode.InsufficientFunds));
        var after = server.Keys(pattern: $"sg:{{{from}}}:*").Select(k => k.ToString()).ToHashSet();
        Assert.That(after.Except(before), Is.Empty, "a refused gift stores no roll, no record");
        Assert.That(await db.KeyExistsAsync($"sg:{{{to}}}:charm"), Is.False);
    }

    [Test]
    public async Task EveryRepeatOfAPaidGiftAnswersTheRewardItRolledAndPaysNothingMore()
    {
        // Gift 102 grants item 4001 one time in two: repeats roll both ways and must still replay the first outcome.
        var (sender, from, receiver, to, room) = await PairAsync(gold: 100_000, vip: 3);
        await using var _s = sender;
        await using var _r = receiver;
        var outcomes = new List<long>();
        for (int g = 0; g < 4; g++)
        {
            var first = await SendAsync(sender, room, to, 102, $"rep{g}");
            Assert.That(first.Result, Is.EqualTo(0), first.ToJson());
            for (int i = 0; i < 12; i++)
            {
                var again = await SendAsync(sender, room, to, 102, $"rep{g}");
                Assert.That((again.Result, again.ExtraItem, again.Gold), Is.EqualTo((0, first.ExtraItem, first.Gold)));
            }
            outcomes.Add(first.ExtraItem);
        }
        Assert.That(await GoldAsync(from), Is.EqualTo(100_000 - 4 * 5000), "four gifts paid, the repeats nothing");
        var effect = (await TestServer.Player(_host).Ledger.GetInventoryAsync(from)).SingleOrDefault(i => i.Item.Id == 4001);
        long granted = outcomes.Count(o => o == 4001);
        Assert.That(effect.ExpireTime == 0 ? 0 : (effect.ExpireTime - _host.Services.Clock.UnixSeconds + 60) / (7 * 86400),
            Is.EqualTo(granted), "one 7-day grant per gift that rolled it");
    }
}
