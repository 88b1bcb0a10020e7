using System.Text.Json.Nodes;
using SocialGame.Client;
using SocialGame.Core.Storage.Keys;
using SocialGame.Modules.Account;
using SocialGame.Modules.Player;
using SocialGame.Modules.RedPacket;
using SocialGame.Modules.Room;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.RedPacket;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;
using SocialGame.Tests.Integration.RedPacket;
using StackExchange.Redis;

namespace SocialGame.Tests.Integration.Account;

/// <summary>
/// What deleting an account does to data it left outside its own key space: bargain entries (its own go, its helps stay
/// under an anonymous name and the codes go on), gift markers and pass gift records in other accounts' data, the red
/// packets it sent; that money is settled before its ledger closes and a late credit cannot bring a wallet back; and
/// that a server whose modules declared account data without an eraser does not start.
/// </summary>
public class AccountErasureTests : ClockedTwoNodeFixture
{
    protected override string? NodeConfigDir => DrivenDeletionConfig.Folder;

    private IDatabase Db => NodeA.Services.Redis.Db;

    [SetUp]
    public async Task Prepare() => await Db.KeyDeleteAsync(["sg:cancel:due", "hash:bargain_1_1:help"]);

    private static CancellationService Cancellation(ServerHost host) => host.Modules.OfType<AccountModule>().Single().Cancellation;

    /// <summary>Logs in from an address of its own (the bargain counts helpers per IP), with a token valid on the test's clock.</summary>
    private async Task<GameClient> LoginFromAsync(ServerHost host, string acc)
    {
        var client = await GameClient.ConnectAsync("127.0.0.1", host.Port, BargainFixture.FreshIp());
        var token = TestServer.Token(acc, Clock.UtcNow.ToUnixTimeSeconds() + 3600);
        Assert.That((await client.RequestAsync((int)ModuleType.System, 1, new { acc, token })).Result, Is.EqualTo(0));
        return client;
    }

    private static async Task<string> StartBargainAsync(GameClient client, int idx)
    {
        var reply = await client.RequestAsync((int)ModuleType.Bargain, 3, new { id = 1, idx, goodsid = 100 + idx });
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToString());
        return ((JsonObject)BargainReply.ToNode(reply.Data)!)["bargaindata"]!["code"]!.GetValue<string>();
    }

    private static async Task<int> HelpAsync(GameClient client, string code) =>
        (await client.RequestAsync((int)ModuleType.Bargain, 4,
            new { id = 1, deviceid = "dev-" + Guid.NewGuid().ToString("N")[..12], devicetype = 0, bargaincode = code })).Result;

    private async Task<JsonObject?> JsonAsync(string key, string field) =>
        await Db.HashGetAsync(key, field) is { IsNull: false } raw ? (JsonObject)JsonNode.Parse(raw.ToString())! : null;

    /// <summary>A code's total cut: the system's cut at start plus each helper's.</summary>
    private static void AssertAddsUp(JsonObject code) =>
        Assert.That(code["totaldelprice"]!.GetValue<long>(),
            Is.EqualTo(code["sysdelprice"]!.GetValue<long>() + Helpers(code).Sum(x => x.DelPrice)), "the total still equals the helpers");

    private static List<(string Acc, long DelPrice)> Helpers(JsonObject code) =>
        code["helperlist"]!.AsArray().Select(h => (h!["acc"]!.GetValue<string>(), h["delprice"]!.GetValue<long>())).ToList();

    private async Task DeleteAsync(string acc, ServerHost node)
    {
        Clock.Advance(TimeSpan.FromDays(15));
        Assert.That(await Cancellation(node).RunDueAsync(), Is.EqualTo(1));
    }

    private static async Task ApplyAsync(GameClient client) =>
        Assert.That((await client.RequestAsync(AccountProtocol.CancelApply)).Result, Is.EqualTo(0));

    [Test]
    public async Task ItsBargainEntriesGoItsHelpsStayAnonymousAndTheCodesItHelpedGoOn()
    {
        string acc = TestServer.NewAccount("bdel"), master = TestServer.NewAccount("bm"), helper = TestServer.NewAccount("bh"),
            late = TestServer.NewAccount("bl");
        await using var m = await LoginFromAsync(NodeA, master);
        await using var h = await LoginFromAsync(NodeB, helper);
        string theirs = await StartBargainAsync(m, 1), mine;
        await using (var client = await LoginFromAsync(NodeA, acc))
        {
            mine = await StartBargainAsync(client, 1);
            Assert.That(await HelpAsync(client, theirs), Is.EqualTo(0));
            Assert.That(await HelpAsync(h, mine), Is.EqualTo(0));
            await ApplyAsync(client);
        }
        var beforeCode = (await JsonAsync("hash:bargain_1_1:code", theirs))!;
        AssertAddsUp(beforeCode);
        var before = Helpers(beforeCode);
        Assert.That(before.Select(x => x.Acc), Is.EqualTo(new[] { acc }));
        await DeleteAsync(acc, NodeB);

        Assert.That(await Db.HashExistsAsync("hash:bargain_1_1:player", acc), Is.False, "its own entry goes");
        Assert.That(await Db.HashExistsAsync("hash:bargain_1_1:code", mine), Is.False, "its own code goes");
        var code = (await JsonAsync("hash:bargain_1_1:code", theirs))!;
        var after = Helpers(code);
        Assert.That(after.Single().Acc, Does.StartWith(DeletedAccount.Placeholder));
        Assert.That(after.Single().DelPrice, Is.EqualTo(before.Single().DelPrice), "the cut it gave stays");
        Assert.That(code["totaldelprice"]!.GetValue<long>(), Is.EqualTo(beforeCode["totaldelprice"]!.GetValue<long>()));
        AssertAddsUp(code);
        var helps = (await JsonAsync("hash:bargain_1_1:player", helper))!["helplist"]!.AsArray();
        Assert.That(helps.Single()!["acc"]!.GetValue<string>(), Does.StartWith(DeletedAccount.Placeholder),
            "the helper's record no longer names the owner");
        Assert.That(helps.Single()!["code"]!.GetValue<string>(), Is.EqualTo(mine));
        foreach (var list in await Db.HashValuesAsync("hash:bargain_1_1:help"))
            Assert.That(list.ToString(), Does.Not.Contain(acc));

        await using var l = await LoginFromAsync(NodeA, late);
        Assert.That(await HelpAsync(l, theirs), Is.EqualTo(0), "the code it helped goes on for its owner");
        code = (await JsonAsync("hash:bargain_1_1:code", theirs))!;
        AssertAddsUp(code);
        Assert.That(Helpers(code).Select(x => x.Acc).Skip(1), Is.EqualTo(new[] { late }));
        Assert.That(await AccountDataScan.LeftoversAsync(NodeA.Services.Redis, NodeA.Services.AccountData, acc), Is.Empty);
    }

    [Test]
    public async Task ARoomItOwnsKeepsItsStateWithTheOwnerReplaced()
    {
        string acc = TestServer.NewAccount("odel"), room = "room" + Guid.NewGuid().ToString("N")[..8];
        string other = "room" + Guid.NewGuid().ToString("N")[..8];
        await TestServer.GmAsync(NodeA, $"//gm live start {room} {acc}");
        await TestServer.GmAsync(NodeA, $"//gm live start {other} someone");
        await using (var client = await TestServer.LoginAsync(NodeA, acc))
            await ApplyAsync(client);
        await DeleteAsync(acc, NodeA);

        var owner = (await Db.HashGetAsync(RoomKeys.Room(room), "owner")).ToString();
        Assert.That(owner, Does.StartWith(DeletedAccount.Placeholder), "the room stays, without the name");
        Assert.That((await Db.HashGetAsync(RoomKeys.Room(room), "live")).ToString(), Is.EqualTo("1"));
        Assert.That((await Db.HashGetAsync(RoomKeys.Room(other), "owner")).ToString(), Is.EqualTo("someone"));
        Assert.That(await AccountDataScan.LeftoversAsync(NodeA.Services.Redis, NodeA.Services.AccountData, acc), Is.Empty);
    }

    [Test]
    public async Task GiftMarkersAndPassGiftRecordsInOtherAccountsDataNoLongerNameIt()
    {
        string acc = TestServer.NewAccount("gdel"), friend = await TestServer.KnownAccountAsync(NodeA, "gf");
        await using (var client = await TestServer.LoginAsync(NodeA, acc))
            await ApplyAsync(client);
        // As the gift and pass gift flows leave them: a gift of acc counted in the friend's charm, a gift of the friend
        // to acc counted in the friend's wealth, the friend's unpaid pass gift to acc, a settled pass gift each way and
        // finance's refund record of acc's RMB gift.
        await Db.StringSetAsync(RoomKeys.CharmDone(acc, friend, "r1"), "1");
        await Db.StringSetAsync(RoomKeys.WealthDone(friend, acc, "r2"), "1");
        await Db.StringSetAsync(Modules.Pass.PassKeys.Unpaid(friend, acc), "Gunpaid1");
        string sent = "G1" + Guid.NewGuid().ToString("N")[..8], received = "G2" + Guid.NewGuid().ToString("N")[..8];
        await Db.HashSetAsync(Modules.Pass.PassKeys.Gift(sent),
            [new("from", acc), new("to", friend), new("season", "s1"), new("pay", 1), new("state", "unlocked"), new("time", 1)]);
        await Db.HashSetAsync(Modules.Pass.PassKeys.Gift(received),
            [new("from", friend), new("to", acc), new("season", "s1"), new("pay", 1), new("state", "refunded"), new("time", 2)]);
        await Db.HashSetAsync(Modules.Pass.PassKeys.Refunds, received,
            new JsonObject { ["giftid"] = received, ["orderid"] = "O1", ["acc"] = acc, ["amount"] = 30, ["time"] = 2 }.ToJsonString());
        await DeleteAsync(acc, NodeA);

        Assert.That(await Db.KeyExistsAsync(RoomKeys.CharmDone(acc, friend, "r1")), Is.False);
        Assert.That(await Db.KeyExistsAsync(RoomKeys.WealthDone(friend, acc, "r2")), Is.False);
        Assert.That(await Db.KeyExistsAsync(Modules.Pass.PassKeys.Unpaid(friend, acc)), Is.False);
        var gift = (await Db.HashGetAllAsync(Modules.Pass.PassKeys.Gift(sent)))
            .ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        Assert.That((gift["from"], gift["to"], gift["state"]), Is.EqualTo((gift["from"], friend, "unlocked")));
        Assert.That(gift["from"], Does.StartWith(DeletedAccount.Placeholder), "the record stays for the friend, without the name");
        Assert.That((await Db.HashGetAsync(Modules.Pass.PassKeys.Gift(received), "to")).ToString(),
            Does.StartWith(DeletedAccount.Placeholder));
        var refund = (await JsonAsync(Modules.Pass.PassKeys.Refunds.ToString(), received))!;
        Assert.That((refund["orderid"]!.GetValue<string>(), refund["amount"]!.GetValue<long>()), Is.EqualTo(("O1", 30L)),
            "finance keeps the order and amount");
        Assert.That(refund["acc"]!.GetValue<string>(), Does.StartWith(DeletedAccount.Placeholder));
        Assert.That(await AccountDataScan.LeftoversAsync(NodeA.Services.Redis, NodeA.Services.AccountData, acc), Is.Empty);
    }

    [Test]
    public async Task AGiftOrABargainStillBeingPaidMakesTheDeletionWaitUntilItIsSettled()
    {
        string acc = TestServer.NewAccount("wdel"), friend = TestServer.NewAccount("wf"), code;
        await using (var client = await LoginFromAsync(NodeA, acc))
        {
            code = await StartBargainAsync(client, 1);
            await ApplyAsync(client);
        }
        string gift = "G3" + Guid.NewGuid().ToString("N")[..8];
        await Db.HashSetAsync(Modules.Pass.PassKeys.Gift(gift),
            [new("from", acc), new("to", friend), new("season", "s1"), new("pay", 1), new("state", "paying"), new("time", 1)]);
        var bought = (await JsonAsync("hash:bargain_1_1:code", code))!;
        bought["isget"] = 2;
        await Db.HashSetAsync("hash:bargain_1_1:code", code, bought.ToJsonString());
        Clock.Advance(TimeSpan.FromDays(15));

        Assert.That(await Cancellation(NodeA).RunDueAsync(), Is.EqualTo(0));
        Assert.That((await Cancellation(NodeA).StatusAsync(acc))!.State, Is.EqualTo("executing"));
        Assert.That(await Db.HashExistsAsync("hash:bargain_1_1:code", code), Is.True, "a code being bought stays");

        bought["isget"] = 1;
        await Db.HashSetAsync("hash:bargain_1_1:code", code, bought.ToJsonString());
        Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.That(await Cancellation(NodeA).RunDueAsync(), Is.EqualTo(0), "the bargain step is done; the pass step waits");
        Assert.That(await Db.HashExistsAsync("hash:bargain_1_1:code", code), Is.False);
        Assert.That((await Db.HashGetAsync(Modules.Pass.PassKeys.Gift(gift), "from")).ToString(), Is.EqualTo(acc),
            "a gift being paid keeps its sender");
        Assert.That((await Db.StreamRangeAsync(PlayerKeys.Ledger(acc))).Any(e => !e["closed"].IsNull), Is.False,
            "the ledger is still open for what the payment may still move");

        await Db.HashSetAsync(Modules.Pass.PassKeys.Gift(gift), "state", "refunded");
        Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.That(await Cancellation(NodeB).RunDueAsync(), Is.EqualTo(1), "settled: the deletion finishes");
        Assert.That((await Db.HashGetAsync(Modules.Pass.PassKeys.Gift(gift), "from")).ToString(),
            Does.StartWith(DeletedAccount.Placeholder));
        Assert.That(await AccountDataScan.LeftoversAsync(NodeA.Services.Redis, NodeA.Services.AccountData, acc), Is.Empty);
    }

    [Test]
    public async Task APacketItSentIsRefundedBeforeItsLedgerClosesAndALateCreditIsRefusedAndRecorded()
    {
        var (room, acc, client) = await RedPacketKit.SenderAsync(NodeA, gold: 5000);
        string pid;
        await using (client)
        {
            var sent = await client.RequestAsync(RedPacketProtocol.Send,
                new SendPacketRequest { RoomId = room, Id = 1, Pay = 1, ReqId = Guid.NewGuid().ToString("N") });
            Assert.That(sent.Result, Is.EqualTo(0), sent.ToJson());
            pid = sent.PacketId;
            await ApplyAsync(client);
        }
        // Its countdown outlasts the cooling period, so the packet is still open when the deletion runs.
        await Db.HashSetAsync(RedPacketKeys.Packet(pid), "expire", Clock.UtcNow.ToUnixTimeSeconds() + 30 * 86400);
        Clock.Advance(TimeSpan.FromDays(15));
        Assert.That(await Cancellation(NodeA).RunDueAsync(), Is.EqualTo(0), "the red-packet step waits for the refund");
        Assert.That(await Db.KeyExistsAsync(PlayerKeys.Wallet(acc)), Is.True, "the ledger is not closed before the money is settled");
        await Db.HashSetAsync(RedPacketKeys.Packet(pid), "expire", Clock.UtcNow.ToUnixTimeSeconds() - 1);
        await Db.SortedSetAddAsync(RedPacketKeys.Index, pid, 0);
        await NodeA.Modules.OfType<RedPacketModule>().Single().Packets.SettleAsync();
        Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.That(await Cancellation(NodeB).RunDueAsync(), Is.EqualTo(1));

        var stream = await Db.StreamRangeAsync(PlayerKeys.Ledger(acc));
        int refund = Array.FindIndex(stream, e => e["key"] == $"rp:{pid}:refund"),
            closed = Array.FindIndex(stream, e => !e["closed"].IsNull);
        Assert.That(refund, Is.GreaterThanOrEqualTo(0), "refunded to its wallet while it had one");
        Assert.That(closed, Is.EqualTo(stream.Length - 1), "then the ledger closed, last");
        Assert.That((await Db.HashGetAsync(RedPacketKeys.Packet(pid), "sender")).ToString(), Does.StartWith(DeletedAccount.Placeholder));

        var ledger = TestServer.Player(NodeA).Ledger;
        var late = LedgerOperation.Currency(acc, $"rp:late{pid}:refund", "red packet refund", "gold", 70);
        Assert.That((await ledger.ApplyAsync(late)).Status, Is.EqualTo(LedgerStatus.Closed));
        Assert.That((await ledger.ApplyAsync(late)).Status, Is.EqualTo(LedgerStatus.Closed), "a retry is refused the same way");
        Assert.That(await Db.KeyExistsAsync(PlayerKeys.Wallet(acc)), Is.False, "no wallet recreated");
        Assert.That(await ledger.WasAppliedAsync(acc, late.Key), Is.False, "no idempotency marker recreated");
        Assert.That(await Db.KeyExistsAsync(PlayerKeys.Inventory(acc)), Is.False);
        var refused = (await Db.StreamRangeAsync(PlayerKeys.Ledger(acc))).Where(e => e["refused"] == late.Key).ToList();
        Assert.That(refused, Has.Count.EqualTo(1), "recorded once for finance");
        Assert.That((refused[0]["changes"].ToString(), refused[0]["cur"].IsNull), Is.EqualTo(("gold:70", true)),
            "what was refused, outside the balance entries");
        Assert.That(await AccountDataScan.LeftoversAsync(NodeA.Services.Redis, NodeA.Services.AccountData, acc), Is.Empty);
    }

    [Test]
    public void AServerWhoseModuleDeclaredAccountDataWithoutAnEraserDoesNotStart()
    {
        var planted = new AccountData("zz-planted", new KeyPattern("sg:zz:board", "a test module's board of accounts"),
            AccountDataPlace.Entries, AccountDataPolicy.Delete, "test");
        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await TestServer.StartAsync(Redis, "nodeC", clock: Clock, extraModules: s =>
            {
                s.AccountData.Declare([planted]);
                return [];
            }));
        Assert.That(ex!.Message, Does.Contain("zz-planted").And.Contain("sg:zz:board"));
    }
}
