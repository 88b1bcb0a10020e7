using SocialGame.Modules.Player;
using SocialGame.Modules.RedPacket;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Room;
using SocialGame.Protocol.Messages.RedPacket;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.RedPacket;

/// <summary>A red packet's request id binds its configuration, payment kind and room: tried as an attacker would.</summary>
[TestFixtureSource(typeof(RedisKinds), nameof(RedisKinds.Both))]
public class RedPacketRequestTests(RedisKind kind) : ClockedTwoNodeFixture(kind)
{
    private RedPacketService PacketsOf(Server.Hosting.ServerHost node) => node.Modules.OfType<RedPacketModule>().Single().Packets;
    private PlayerBase Player => TestServer.Player(NodeA);

    private async Task<long> GoldAsync(string acc) => (await Player.Ledger.GetWalletAsync(acc))["gold"];

    [Test]
    public async Task AGoldSendReusingAnUnpaidRmbPacketsRequestIdOpensNothingAndTheWalletNeverGrows()
    {
        // The issue's reproduction, step by step, through real sockets.
        var (room, sender, client) = await RedPacketKit.SenderAsync(NodeA, gold: 1000);
        await using var _ = client;
        var rmb = await client.RequestAsync(RedPacketProtocol.Send, new SendPacketRequest { RoomId = room, Id = 3, Pay = 2, ReqId = "X1" });
        Assert.That(rmb.Result, Is.EqualTo(0), rmb.ToJson());
        string pid = rmb.PacketId;

        var gold = await client.RequestAsync(RedPacketProtocol.Send,
            new SendPacketRequest { RoomId = room, Id = 1, Pay = 1, ReqId = "X1" });
        // Whatever the answer, try to cash in as the attacker would: grab a share, then let the room close.
        var grab = await client.RequestAsync(RedPacketProtocol.Grab, new PacketRequest { PacketId = pid });
        long afterGrab = await GoldAsync(sender);
        await TestServer.GmAsync(NodeA, $"//gm live stop {room}");
        await PacketsOf(NodeA).SettleAsync();
        long after = await GoldAsync(sender);

        Assert.That(afterGrab, Is.LessThanOrEqualTo(1000), $"gold after the grab ({grab})");
        Assert.That(after, Is.LessThanOrEqualTo(1000), "the wallet never grows");
        Assert.That(gold.Result, Is.EqualTo((int)ResultCode.RequestConflict), gold.ToJson());
        Assert.That(after, Is.EqualTo(1000), "the refused send charged nothing");
        Assert.That((await PacketsOf(NodeA).RecordsAsync(pid))!.State, Is.EqualTo("ordered"), "the RMB packet waits for its own order");
    }

    [Test]
    public async Task ARequestIdNamingAnotherConfigurationPaymentKindOrRoomIsRefusedAndChargesNothing()
    {
        var (room, sender, client) = await RedPacketKit.SenderAsync(NodeA, gold: 100_000);
        await using var _ = client;
        string other = await RedPacketKit.LiveRoomAsync(NodeA);

        var first = await client.RequestAsync(RedPacketProtocol.Send,
            new SendPacketRequest { RoomId = room, Id = 1, Pay = 1, ReqId = "G1" });
        Assert.That(first.Result, Is.EqualTo(0), first.ToJson());
        Assert.That(await GoldAsync(sender), Is.EqualTo(99_000));
        // The same request again is the same packet, paid once.
        var again = await client.RequestAsync(RedPacketProtocol.Send,
            new SendPacketRequest { RoomId = room, Id = 1, Pay = 1, ReqId = "G1" });
        Assert.That((again.Result, again.PacketId), Is.EqualTo((0, first.PacketId)));

        Assert.That((await client.RequestAsync(RedPacketProtocol.Send,
            new SendPacketRequest { RoomId = room, Id = 2, Pay = 1, ReqId = "G1" })).Result, Is.EqualTo((int)ResultCode.RequestConflict),
            "another configuration");
        Assert.That((await client.RequestAsync(RedPacketProtocol.Send,
            new SendPacketRequest { RoomId = room, Id = 3, Pay = 2, ReqId = "G1" })).Result, Is.EqualTo((int)ResultCode.RequestConflict),
            "another payment kind");
        Assert.That((await client.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = other })).Result, Is.EqualTo(0));
        var moved = await client.RequestAsync(RedPacketProtocol.Send,
            new SendPacketRequest { RoomId = other, Id = 1, Pay = 1, ReqId = "G1" });
        Assert.That(moved.Result, Is.EqualTo((int)ResultCode.RequestConflict), "another room: " + moved);
        Assert.That(await GoldAsync(sender), Is.EqualTo(99_000), "nothing more was charged");
    }

    [Test]
    public async Task AnRmbRequestIdReusedForAnotherRmbRoomIsRefusedAndNamesNoOrder()
    {
        var (room, sender, client) = await RedPacketKit.SenderAsync(NodeA, gold: 0);
        await using var _ = client;
        var first = await client.RequestAsync(RedPacketProtocol.Send,
            new SendPacketRequest { RoomId = room, Id = 3, Pay = 2, ReqId = "R1" });
        Assert.That(first.Result, Is.EqualTo(0), first.ToJson());
        string other = await RedPacketKit.LiveRoomAsync(NodeA);
        Assert.That((await client.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = other })).Result, Is.EqualTo(0));
        // raw: a typed answer cannot tell an absent orderid from an empty one
        var moved = await client.RequestRawAsync(RedPacketProtocol.Send, new { roomid = other, id = 3, pay = 2, reqid = "R1" });
        Assert.That((moved.Result, moved.GetString("orderid")), Is.EqualTo(((int)ResultCode.RequestConflict, (string?)null)),
            moved.ToString());
    }

    [Test]
    public async Task AnRmbPacketOpensOnlyForItsOwnOrderNeverForAGoldPayment()
    {
        var (room, sender, client) = await RedPacketKit.SenderAsync(NodeA, gold: 0);
        await using var _ = client;
        var rmb = await client.RequestAsync(RedPacketProtocol.Send,
            new SendPacketRequest { RoomId = room, Id = 3, Pay = 2, ReqId = "own" });
        string pid = rmb.PacketId, order = rmb.OrderId;
        var packets = PacketsOf(NodeB);
        foreach (var payment in new[] { RedPacketService.GoldPayment(3), RedPacketService.GoldPayment(1),
            RedPacketService.RmbPayment("Oanother") })
            Assert.That((await packets.OpenAsync(pid, payment)).Outcome, Is.EqualTo(OpenOutcome.Refused), payment);
        Assert.That((await packets.RecordsAsync(pid))!.State, Is.EqualTo("ordered"));
        Assert.That((await packets.OpenAsync(pid, RedPacketService.RmbPayment(order))).Outcome, Is.EqualTo(OpenOutcome.Opened));
        Assert.That((await packets.RecordsAsync(pid))!.Left, Is.EqualTo(6000));
    }

    [Test]
    public async Task TwoNodesRacingOneRequestIdWithTwoConfigurationsOneWinsTheOtherIsRefusedNothingPaidTwice()
    {
        const int Rounds = 36;
        var (room, sender, client) = await RedPacketKit.SenderAsync(NodeA, gold: 1_000_000);
        await using var _ = client;
        var (a, b) = (PacketsOf(NodeA), PacketsOf(NodeB));
        // Each round: node A sends the 1,000-gold packet, node B at the same instant the 10,000-gold one, or (every
        // twelfth round, within the unpaid-packet cap) the RMB one.
        var rounds = Enumerable.Range(0, Rounds).Select(async i =>
        {
            string reqid = $"race{i}";
            var other = new SendPacketRequest { RoomId = room, Id = i % 12 == 11 ? 3 : 2, Pay = i % 12 == 11 ? 2 : 1, ReqId = reqid };
            var replies = await Task.WhenAll(
                Task.Run(() => a.SendAsync(sender, new SendPacketRequest { RoomId = room, Id = 1, Pay = 1, ReqId = reqid })),
                Task.Run(() => b.SendAsync(sender, other)));
            return (Reqid: reqid, Small: replies[0], Other: replies[1], OtherConfig: other.Id);
        }).ToList();
        var results = await Task.WhenAll(rounds);

        long expectedDebit = 0;
        foreach (var r in results)
        {
            var codes = new[] { r.Small.Result, r.Other.Result };
            Assert.That(codes.Count(c => c == 0), Is.EqualTo(1), $"{r.Reqid}: one wins ({string.Join(",", codes)})");
            Assert.That(codes.Count(c => c == (int)ResultCode.RequestConflict), Is.EqualTo(1), $"{r.Reqid}: the other is refused");
            string pid = RedPacketService.PacketId(sender, r.Reqid);
            var packet = (await a.RecordsAsync(pid))!;
            if (r.Small.Result == 0)
            {
                expectedDebit += 1000;
                Assert.That((packet.Total, packet.State), Is.EqualTo((1000L, "open")), $"{r.Reqid}: the packet paid for");
            }
            else if (r.OtherConfig == 2)
            {
                expectedDebit += 10_000;
                Assert.That((packet.Total, packet.State), Is.EqualTo((10_000L, "open")), r.Reqid);
            }
            else
            {
                Assert.That((packet.Total, packet.State), Is.EqualTo((6000L, "ordered")), $"{r.Reqid}: the RMB packet waits for its order");
            }
        }
        Assert.That(await GoldAsync(sender), Is.EqualTo(1_000_000 - expectedDebit), "each winner paid once, no loser paid");
    }
}
