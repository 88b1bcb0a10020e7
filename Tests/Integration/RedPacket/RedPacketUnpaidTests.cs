using SocialGame.Modules.Player;
using SocialGame.Modules.RedPacket;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Player;
using SocialGame.Protocol.Messages.RedPacket;
using SocialGame.Tests.Infrastructure;
using SocialGame.Modules.Player.Payments;

namespace SocialGame.Tests.Integration.RedPacket;

/// <summary>
/// What a player can make without paying is bounded: unpaid RMB packets expire, are capped, and cost the settlement pass nothing.
/// </summary>
public class RedPacketUnpaidTests : ClockedTwoNodeFixture
{
    private RedPacketService PacketsOf(Server.Hosting.ServerHost node) => node.Modules.OfType<RedPacketModule>().Single().Packets;
    private PlayerBase Player => TestServer.Player(NodeA);

    private static Task<SendPacketResponse> RmbAsync(Client.GameClient c, string room, string reqid) =>
        c.RequestAsync(RedPacketProtocol.Send, new SendPacketRequest { RoomId = room, Id = 3, Pay = 2, ReqId = reqid });

    [Test]
    public async Task ASenderHoldsAtMostThreeUnpaidPacketsWhichExpireWithTheirOrdersAndFreeTheirPlaces()
    {
        var (room, sender, client) = await RedPacketKit.SenderAsync(NodeA);
        await using var _ = client;
        var sent = new List<SendPacketResponse>();
        for (int i = 0; i < 3; i++) sent.Add(await RmbAsync(client, room, $"u{i}"));
        Assert.That(sent.Select(r => r.Result), Is.All.EqualTo(0));
        Assert.That(sent[0].Expires, Is.EqualTo(Clock.UtcNow.ToUnixTimeSeconds() + 900));
        Assert.That((await RmbAsync(client, room, "u3")).Result, Is.EqualTo((int)ResultCode.TooManyUnpaid), "a fourth unpaid packet");
        Assert.That(await PacketsOf(NodeA).RecordsAsync(RedPacketService.PacketId(sender, "u3")), Is.Null, "the refused one left nothing");
        var again = await RmbAsync(client, room, "u0");
        Assert.That((again.Result, again.OrderId), Is.EqualTo((0, sent[0].OrderId)), "a repeat is not a new packet");

        Clock.Advance(TimeSpan.FromSeconds(901));
        // The orders' own pass may come first: a packet whose order expired is over even before its pass.
        await Player.Payments.ExpireDueAsync();
        Assert.That((await Player.Payments.GetAsync(sent[1].OrderId))!.State, Is.EqualTo(OrderState.Expired));
        Assert.That((await RmbAsync(client, room, "u1")).Result, Is.EqualTo((int)ResultCode.PacketClosed));
        await PacketsOf(NodeB).SettleAsync();
        foreach (var r in sent)
        {
            Assert.That((await PacketsOf(NodeA).RecordsAsync(r.PacketId))!.State, Is.EqualTo("expired"));
            Assert.That((await Player.Payments.GetAsync(r.OrderId))!.State, Is.EqualTo(OrderState.Expired), "expired with its packet");
            var ttl = await NodeA.Services.Redis.Db.KeyTimeToLiveAsync(RedPacketService.PacketKey(r.PacketId));
            Assert.That(ttl, Is.Not.Null.And.LessThanOrEqualTo(TimeSpan.FromDays(1)),
                "the expired record goes away after the late-payment window");
        }
        Assert.That((await RmbAsync(client, room, "u0")).Result, Is.EqualTo((int)ResultCode.PacketClosed),
            "an expired packet is not asked for again");
        Assert.That((await RmbAsync(client, room, "u3")).Result, Is.EqualTo(0), "the expired ones hold no place");
    }

    [Test]
    public async Task AnRmbPacketIsRefusedWhenTheSenderHoldsTooManyUnpaidOrdersAndLeavesNothing()
    {
        var (room, sender, client) = await RedPacketKit.SenderAsync(NodeA);
        await using var _ = client;
        var orders = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            var order = await client.RequestAsync(PlayerProtocol.CreateOrder, new CreateOrderRequest { ProductId = "yuanbao60" });
            Assert.That(order.Result, Is.EqualTo(0), order.ToJson());
            orders.Add(order.OrderId);
        }
        Assert.That((await RmbAsync(client, room, "o1")).Result, Is.EqualTo((int)ResultCode.TooManyUnpaid));
        Assert.That(await PacketsOf(NodeA).RecordsAsync(RedPacketService.PacketId(sender, "o1")), Is.Null);
        await TestServer.PayAsync(NodeA, orders[0], 600, "tx-free-one");
        var sent = await RmbAsync(client, room, "o1");
        Assert.That(sent.Result, Is.EqualTo(0), "a paid order frees its place: " + sent);
    }

    [Test]
    public async Task TheSettlementPassReadsOnlyThePacketsThatAreDue()
    {
        string? room = null;
        var gold = new List<string>();
        var unpaid = new List<string>();
        var clients = new List<Client.GameClient>();
        for (int s = 0; s < 4; s++)
        {
            var (r, _, client) = await RedPacketKit.SenderAsync(NodeA, room, gold: 100_000);
            room = r;
            clients.Add(client);
            for (int i = 0; i < 3; i++) unpaid.Add((await RmbAsync(client, room, $"due{i}")).PacketId);
            for (int i = 0; i < 2; i++)
                gold.Add((await client.RequestAsync(RedPacketProtocol.Send,
                    new SendPacketRequest { RoomId = room, Id = 1, Pay = 1, ReqId = $"gold{i}" })).PacketId);
        }
        Assert.That(unpaid.Concat(gold).Distinct().Count(), Is.EqualTo(20));

        // Nothing is due: passes on both nodes (and the nodes' own) read none of the twenty.
        var seen = await WatchAsync(() => Task.WhenAll(PacketsOf(NodeA).SettleAsync(), PacketsOf(NodeB).SettleAsync()));
        Assert.That(seen.Where(l => unpaid.Concat(gold).Any(l.Contains)), Is.Empty, "packets not due were read");

        // The gold packets' countdowns end: they are refunded; the unpaid packets, not due for fifteen minutes, are still not read.
        Clock.Advance(TimeSpan.FromSeconds(61));
        seen = await WatchAsync(() => PacketsOf(NodeA).SettleAsync());
        foreach (var pid in gold) Assert.That((await PacketsOf(NodeA).RecordsAsync(pid))!.State, Is.EqualTo("refunded"));
        Assert.That(seen.Where(l => unpaid.Any(l.Contains)), Is.Empty, "unpaid packets not due were read");
        foreach (var c in clients) await c.DisposeAsync();
    }

    /// <summary>Every Redis command run while <paramref name="work"/> runs (and until a marker after it reaches the feed).</summary>
    private async Task<IReadOnlyList<string>> WatchAsync(Func<Task> work)
    {
        await using var monitor = await RedisMonitor.StartAsync(Standalone);
        await work();
        string marker = "sg:test:marker:" + Guid.NewGuid().ToString("N");
        await NodeA.Services.Redis.Db.StringGetAsync(marker);
        Assert.That(await monitor.SawAsync(marker), Is.True);
        return monitor.Lines;
    }
}
