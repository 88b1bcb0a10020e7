using System.Net.Http.Json;
using SocialGame.Modules.Player;
using SocialGame.Modules.Player.Payments;
using SocialGame.Modules.RedPacket;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Player;
using SocialGame.Protocol.Messages.RedPacket;
using SocialGame.Protocol.Messages.Room;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.RedPacket;

/// <summary>Red packets against a real Redis and real sockets, racing for real.</summary>
[TestFixtureSource(typeof(RedisKinds), nameof(RedisKinds.Both))]
public class RedPacketTests(RedisKind kind) : ClockedTwoNodeFixture(kind)
{
    private RedPacketService Packets => NodeA.Modules.OfType<RedPacketModule>().Single().Packets;
    private PlayerBase Player => TestServer.Player(NodeA);

    private sealed record Scene(string Room, string Sender, Client.GameClient SenderClient,
        List<(string Acc, Client.GameClient Client)> Members);

    /// <summary>A live room with a funded sender and <paramref name="members"/> grabbers spread over both nodes.</summary>
    private async Task<Scene> SceneAsync(int members)
    {
        string room = "room" + Guid.NewGuid().ToString("N")[..8], sender = TestServer.NewAccount("s");
        await TestServer.GmAsync(NodeA, $"//gm live start {room} owner");
        var senderClient = await TestServer.LoginAsync(NodeA, sender);
        await senderClient.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room });
        await TestServer.GmAsync(NodeA, $"//gm addmoney {sender} gold 100000");
        var list = new List<(string, Client.GameClient)>();
        foreach (int i in Enumerable.Range(0, members))
        {
            string acc = TestServer.NewAccount("m");
            var c = await TestServer.LoginAsync(i % 2 == 0 ? NodeA : NodeB, acc);
            Assert.That((await c.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room })).Result, Is.EqualTo(0));
            list.Add((acc, c));
        }
        return new Scene(room, sender, senderClient, list);
    }

    private static async Task<string> SendAsync(Scene s, int config = 1, string? reqid = null)
    {
        var reply = await s.SenderClient.RequestAsync(RedPacketProtocol.Send,
            new SendPacketRequest { RoomId = s.Room, Id = config, Pay = 1, ReqId = reqid ?? Guid.NewGuid().ToString("N") });
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToJson());
        return reply.PacketId;
    }

    private async Task<long> GoldAsync(string acc) => (await Player.Ledger.GetWalletAsync(acc))["gold"];

    private static async Task DisposeAsync(Scene s)
    {
        await s.SenderClient.DisposeAsync();
        foreach (var (_, c) in s.Members) await c.DisposeAsync();
    }

    [Test]
    public async Task FifteenGrabbersAtOnceTenSucceedTheSharesSumToTheTotalNoOneTwice()
    {
        var s = await SceneAsync(15);
        string pid = await SendAsync(s);
        Assert.That(await GoldAsync(s.Sender), Is.EqualTo(100000 - 1000));
        foreach (var (_, c) in s.Members)
            Assert.That((await c.WaitForAsync(RedPacketProtocol.Sent)).PacketId, Is.EqualTo(pid), "every member on both nodes heard it");
        var replies = await Task.WhenAll(s.Members.Select(m =>
            m.Client.RequestAsync(RedPacketProtocol.Grab, new PacketRequest { PacketId = pid })));
        var won = replies.Where(r => r.Result == 0).Select(r => r.Amount).ToList();
        Assert.That(won, Has.Count.EqualTo(10));
        Assert.That(replies.Count(r => r.Result == (int)ResultCode.PacketEmpty), Is.EqualTo(5));
        Assert.That(won.Sum(), Is.EqualTo(1000));
        Assert.That(won.Min(), Is.GreaterThanOrEqualTo(1));
        var again = await Task.WhenAll(s.Members.Select(m =>
            m.Client.RequestAsync(RedPacketProtocol.Grab, new PacketRequest { PacketId = pid })));
        Assert.That(again.Count(r => r.Result == (int)ResultCode.PacketGrabbed), Is.EqualTo(10), "nobody twice");
        long credited = 0;
        foreach (var (acc, _) in s.Members) credited += await GoldAsync(acc);
        Assert.That(credited, Is.EqualTo(1000), "every share reached a wallet through the ledger, once");
        var records = await s.SenderClient.RequestAsync(RedPacketProtocol.Records, new PacketRequest { PacketId = pid });
        Assert.That(records.Grabs, Has.Count.EqualTo(10));
        Assert.That(records.Top.Select(t => t.Amount), Is.EqualTo(won.OrderDescending().Take(5)));
        Assert.That(records.Luckiest, Is.EqualTo(records.Top[0].Acc));
        Assert.That((records.State, records.Left), Is.EqualTo(("done", 0L)));
        await DisposeAsync(s);
    }

    [Test]
    public async Task OneAccountGrabbingManyTimesAtOnceGetsOneShare()
    {
        var s = await SceneAsync(1);
        string pid = await SendAsync(s);
        var (acc, _) = s.Members[0];
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => Packets.GrabAsync(acc, pid))));
        Assert.That(results.Count(r => r.Result == 0), Is.EqualTo(1));
        Assert.That(results.Count(r => r.Result == (int)ResultCode.PacketGrabbed), Is.EqualTo(11));
        Assert.That(await GoldAsync(acc), Is.EqualTo(results.Single(r => r.Result == 0).Amount));
        await DisposeAsync(s);
    }

    [Test]
    public async Task GrabsRacingTheRoomClosingEitherWinAShareOrFindItClosedAndTheRestIsRefundedOnce()
    {
        var s = await SceneAsync(8);
        string pid = await SendAsync(s, config: 2);
        var grabs = s.Members.Select(m => m.Client.RequestAsync(RedPacketProtocol.Grab, new PacketRequest { PacketId = pid })).ToList();
        var close = TestServer.GmAsync(NodeB, $"//gm live stop {s.Room}");
        var replies = await Task.WhenAll(grabs);
        await close;
        await Packets.OnRoomClosedAsync(new Modules.Room.RoomClosed(s.Room, "", "duplicate close"));
        Assert.That(replies.Select(r => r.Result), Is.All.AnyOf(0, (int)ResultCode.PacketClosed, (int)ResultCode.NotInRoom));
        long grabbed = 0;
        foreach (var (acc, _) in s.Members) grabbed += await GoldAsync(acc);
        long refunded = await GoldAsync(s.Sender) - (100000 - 10000);
        Assert.That(grabbed + refunded, Is.EqualTo(10000), "every gold piece is either grabbed or back with the sender");
        Assert.That(grabbed, Is.EqualTo(replies.Where(r => r.Result == 0).Sum(r => r.Amount)));
        var mails = (await Player.Inbox.ListAsync(s.Sender)).Where(m => m.Title == "Red packet refund").ToList();
        Assert.That(mails, Has.Count.EqualTo(refunded > 0 ? 1 : 0), "one refund however many closes");
        await DisposeAsync(s);
    }

    [Test]
    public async Task TheCountdownEndingRefundsWhatIsLeftOnceWithAMessage()
    {
        var s = await SceneAsync(2);
        string pid = await SendAsync(s);
        foreach (var (_, c) in s.Members) Assert.That((await c.RequestAsync(RedPacketProtocol.Grab, new PacketRequest { PacketId = pid }))
            .Result, Is.EqualTo(0));
        long grabbed = 0;
        foreach (var (acc, _) in s.Members) grabbed += await GoldAsync(acc);
        Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.That((await s.Members[0].Client.RequestAsync(RedPacketProtocol.Grab, new PacketRequest { PacketId = pid })).Result,
            Is.EqualTo((int)ResultCode.PacketGrabbed));
        await Task.WhenAll(Packets.SettleAsync(), NodeB.Modules.OfType<RedPacketModule>().Single().Packets.SettleAsync());
        await Packets.SettleAsync();
        Assert.That(await GoldAsync(s.Sender), Is.EqualTo(100000 - 1000 + (1000 - grabbed)));
        Assert.That((await Player.Inbox.ListAsync(s.Sender)).Count(m => m.Title == "Red packet refund"), Is.EqualTo(1));
        Assert.That((await Packets.RecordsAsync(pid))!.State, Is.EqualTo("refunded"));
        await DisposeAsync(s);
    }

    [Test]
    public async Task AGrabWhoseCreditWasLostInACrashIsCreditedOnceByTheSettlementPass()
    {
        var s = await SceneAsync(1);
        string pid = await SendAsync(s);
        var (acc, _) = s.Members[0];
        // What a grab leaves when the node dies before the ledger credit: the packet due soon, a share taken and marked pending.
        var db = NodeA.Services.Redis.Db;
        await db.SortedSetAddAsync("sg:rp:index", pid, Clock.UtcNow.ToUnixTimeSeconds() + 30);
        long amount = (long)await db.ListLeftPopAsync($"sg:rp:{{{pid}}}:shares");
        await db.HashSetAsync($"sg:rp:{{{pid}}}:grabbed", acc, amount);
        await db.SetAddAsync($"sg:rp:{{{pid}}}:pending", acc);
        await db.ListRightPushAsync($"sg:rp:{{{pid}}}:log", $"{acc}|{amount}|{Clock.UtcNow.ToUnixTimeSeconds()}");
        await db.HashIncrementAsync(RedPacketService.PacketKey(pid), "left", -amount);
        Assert.That(await GoldAsync(acc), Is.EqualTo(0));
        Clock.Advance(TimeSpan.FromSeconds(31));
        await Task.WhenAll(Packets.SettleAsync(), Packets.SettleAsync());
        await Packets.SettleAsync();
        Assert.That(await GoldAsync(acc), Is.EqualTo(amount));
        Assert.That((await s.Members[0].Client.RequestAsync(RedPacketProtocol.Grab, new PacketRequest { PacketId = pid })).Result,
            Is.EqualTo((int)ResultCode.PacketGrabbed));
        await DisposeAsync(s);
    }

    [Test]
    public async Task AnRmbPacketIsSentOnceHoweverOftenThePaymentIsReported()
    {
        var s = await SceneAsync(1);
        var reply = await s.SenderClient.RequestAsync(RedPacketProtocol.Send,
            new SendPacketRequest { RoomId = s.Room, Id = 3, Pay = 2, ReqId = "rmb-1" });
        Assert.That((reply.Result, reply.Amount), Is.EqualTo((0, 6000L)), reply.ToJson());
        string order = reply.OrderId, pid = reply.PacketId;
        Assert.That((await Packets.RecordsAsync(pid))!.State, Is.EqualTo("ordered"));
        Assert.That((await s.SenderClient.RequestAsync(RedPacketProtocol.Send,
            new SendPacketRequest { RoomId = s.Room, Id = 3, Pay = 2, ReqId = "rmb-1" })).OrderId, Is.EqualTo(order),
            "a repeated request names the same order");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{NodeB.AdminPort}") };
        var callbacks = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => http.PostAsJsonAsync("/pay/callback",
            new { orderid = order, amount = 6000, txid = "tx-rp",
                sign = Payments.Sign(PlayerOptions.DevelopmentPaySecret, order, 6000, "tx-rp") })));
        Assert.That(callbacks.Select(c => (int)c.StatusCode), Is.All.EqualTo(200));
        var records = (await Packets.RecordsAsync(pid))!;
        Assert.That((records.State, records.Left), Is.EqualTo(("open", 6000L)));
        Assert.That(await NodeA.Services.Redis.Db.ListLengthAsync($"sg:rp:{{{pid}}}:shares"), Is.EqualTo(30), "one set of shares, not six");
        Assert.That((await s.Members[0].Client.WaitForAsync(RedPacketProtocol.Sent)).PacketId, Is.EqualTo(pid));
        await DisposeAsync(s);
    }

    [Test]
    public async Task OnlyThePacketsOwnOrderOpensIt()
    {
        var s = await SceneAsync(1);
        var reply = await s.SenderClient.RequestAsync(RedPacketProtocol.Send,
            new SendPacketRequest { RoomId = s.Room, Id = 3, Pay = 2, ReqId = "own-order" });
        string pid = reply.PacketId;
        Assert.That((await s.SenderClient.RequestAsync(PlayerProtocol.CreateOrder,
            new CreateOrderRequest { ProductId = "redpacket_60", Extra = pid })).Result, Is.EqualTo((int)ResultCode.ParamError),
            "a red packet's product is ordered by sending the packet, not by createorder");
        // Another order of the sender naming the packet (as createorder used to allow): paid, it opens nothing.
        var other = (await Player.Payments.CreateAsync(s.Sender, Player.Products.Find("redpacket_60")!, pid))!;
        await TestServer.PayAsync(NodeA, other.Id, other.Amount, "tx-other");
        Assert.That((await Player.Payments.GetAsync(other.Id))!.State, Is.EqualTo(OrderState.Paid),
            "left for an operator, not marked fulfilled");
        Assert.That((await Packets.RecordsAsync(pid))!.State, Is.EqualTo("ordered"));
        Assert.That(await GoldAsync(s.Sender), Is.EqualTo(100_000));
        await TestServer.PayAsync(NodeA, reply.OrderId, 6000, "tx-own");
        Assert.That((await Packets.RecordsAsync(pid))!.State, Is.EqualTo("open"));
        await DisposeAsync(s);
    }

    [Test]
    public async Task AnRmbPacketPaidAfterItExpiredIsSentAfterAll()
    {
        var s = await SceneAsync(1);
        var reply = await s.SenderClient.RequestAsync(RedPacketProtocol.Send,
            new SendPacketRequest { RoomId = s.Room, Id = 3, Pay = 2, ReqId = "late" });
        string pid = reply.PacketId, order = reply.OrderId;
        Clock.Advance(TimeSpan.FromMinutes(16));
        await Packets.SettleAsync();
        Assert.That((await Packets.RecordsAsync(pid))!.State, Is.EqualTo("expired"), "not paid within 15 minutes");
        Assert.That((await Player.Payments.GetAsync(order))!.State, Is.EqualTo(OrderState.Expired), "its order with it");
        Assert.That(await TestServer.PayAsync(NodeA, order, 6000, "tx-late"), Is.EqualTo(System.Net.HttpStatusCode.OK));
        Assert.That((await Player.Payments.GetAsync(order))!.State, Is.EqualTo(OrderState.Fulfilled));
        var records = (await Packets.RecordsAsync(pid))!;
        Assert.That((records.State, records.Left), Is.EqualTo(("open", 6000L)), "the payment opens it");
        Assert.That((await s.Members[0].Client.WaitForAsync(RedPacketProtocol.Sent)).PacketId, Is.EqualTo(pid));
        await DisposeAsync(s);
    }

    [Test]
    public async Task ASiteWidePacketIsHeardByEverybodyOnlineAndRefusalsChargeNothing()
    {
        var s = await SceneAsync(1);
        await using var elsewhere = await TestServer.LoginAsync(NodeB, TestServer.NewAccount("x"));
        string pid = await SendAsync(s, config: 2);
        Assert.That((await elsewhere.WaitForAsync(RedPacketProtocol.Sent)).PacketId, Is.EqualTo(pid));
        Assert.That((await elsewhere.RequestAsync(RedPacketProtocol.Grab, new PacketRequest { PacketId = pid })).Result,
            Is.EqualTo((int)ResultCode.NotInRoom));

        long before = await GoldAsync(s.Sender);
        Assert.That((await s.SenderClient.RequestAsync(RedPacketProtocol.Send,
            new SendPacketRequest { RoomId = "room-nope", Id = 1, Pay = 1, ReqId = "x1" })).Result,
            Is.EqualTo((int)ResultCode.RoomNotLive));
        Assert.That((await s.SenderClient.RequestAsync(RedPacketProtocol.Send,
            new SendPacketRequest { RoomId = s.Room, Id = 99, Pay = 1, ReqId = "x2" })).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await s.SenderClient.RequestAsync(RedPacketProtocol.Send,
            new SendPacketRequest { RoomId = s.Room, Id = 3, Pay = 1, ReqId = "x3" })).Result, Is.EqualTo((int)ResultCode.ParamError),
            "RMB-only");
        await TestServer.GmAsync(NodeA, $"//gm addmoney {s.Sender} gold -{before}");
        Assert.That((await s.SenderClient.RequestAsync(RedPacketProtocol.Send,
            new SendPacketRequest { RoomId = s.Room, Id = 1, Pay = 1, ReqId = "x4" })).Result,
            Is.EqualTo((int)ResultCode.InsufficientFunds));
        Assert.That((await s.SenderClient.RequestAsync(RedPacketProtocol.Grab, new PacketRequest { PacketId = "nonsense" })).Result,
            Is.EqualTo((int)ResultCode.ParamError));
        await DisposeAsync(s);
    }

    [Test]
    public async Task TheRoomPendantShowsThePacketAndFollowsItsGrabs()
    {
        var s = await SceneAsync(2);
        string pid = await SendAsync(s);
        var (_, watcher) = s.Members[1];
        var pendant = (await watcher.WaitForAsync(PendantProtocol.Show)).Pendant;
        Assert.That((pendant.Id, pendant.Current, pendant.Total), Is.EqualTo(("red-packet", 0L, 10L)));
        Assert.That((await s.Members[0].Client.RequestAsync(RedPacketProtocol.Grab, new PacketRequest { PacketId = pid })).Result,
            Is.EqualTo(0));
        var progress = await watcher.WaitForAsync(PendantProtocol.Progress);
        Assert.That((progress.Current, progress.Total), Is.EqualTo((1L, 10L)));
        await TestServer.GmAsync(NodeA, $"//gm live stop {s.Room}");
        await DisposeAsync(s);
    }

    [Test]
    public async Task APacketFinishedWithoutEndingItsPendantHasItEndedByTheSettlementPass()
    {
        var s = await SceneAsync(1);
        string pid = await SendAsync(s);
        var pendants = NodeA.Modules.OfType<Modules.Pendant.PendantModule>().Single().Pendants;
        Assert.That((await pendants.TriggeredAsync(s.Room)).Select(p => p.Key), Does.Contain(pid), "shown while the packet is open");
        // As the last grab leaves it when the node dies after the grab and before ending the pendant (due soon, marked before the grab).
        await NodeA.Services.Redis.Db.HashSetAsync($"sg:rp:{{{pid}}}", "state", "done");
        await NodeA.Services.Redis.Db.SortedSetAddAsync("sg:rp:index", pid, Clock.UtcNow.ToUnixTimeSeconds() + 30);
        Clock.Advance(TimeSpan.FromSeconds(31));
        await Packets.SettleAsync();
        Assert.That((await pendants.TriggeredAsync(s.Room)).Select(p => p.Key), Does.Not.Contain(pid));
        var hide = await s.Members[0].Client.WaitForAsync(PendantProtocol.Hide);
        Assert.That(hide.Key, Is.EqualTo(pid));
        await DisposeAsync(s);
    }
}
