using SocialGame.Core.Storage.Keys;
using SocialGame.Modules.Account;
using SocialGame.Modules.RedPacket;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.RedPacket;
using SocialGame.Protocol.Messages.Room;
using SocialGame.Protocol.Messages.System;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;
using SocialGame.Tests.Integration.RedPacket;
using StackExchange.Redis;

namespace SocialGame.Tests.Integration.Account;

/// <summary>
/// What the cancellation job deletes (every module's declared data of the account, and nothing finance or the audit keeps), and
/// that a cancelled account stays gone: every node refuses its login, with a token issued before, and creates nothing for it.
/// </summary>
public class AccountDeletionTests : ClockedTwoNodeFixture
{
    protected override string? NodeConfigDir => DrivenDeletionConfig.Folder;

    [SetUp]
    public async Task Prepare() => await NodeA.Services.Redis.Db.KeyDeleteAsync("sg:cancel:due");

    private static CancellationService Cancellation(ServerHost host) => host.Modules.OfType<AccountModule>().Single().Cancellation;

    /// <summary>
    /// An account with data in every module a player reaches, a friend and a room shared with it; applies for cancellation and leaves.
    /// </summary>
    private async Task<(string Acc, string Friend, string Room)> BusyAccountAsync()
    {
        string acc = TestServer.NewAccount("del"), friend = await TestServer.KnownAccountAsync(NodeB, "fr"), room = "room"
            + Guid.NewGuid().ToString("N")[..8];
        await TestServer.GmAsync(NodeA, $"//gm live start {room} owner");
        await using (var client = await TestServer.LoginAsync(NodeA, acc))
        {
            await TestServer.GmAsync(NodeA, $"//gm addfriend {acc} {friend}");
            await TestServer.GmAsync(NodeA, $"//gm addmoney {acc} gold 500");
            await TestServer.GmAsync(NodeA, $"//gm additem {acc} 1001 2");
            await TestServer.GmAsync(NodeA, $"//gm sendmail {acc} hello");
            await TestServer.GmAsync(NodeA, $"//gm setrecord {acc} realname Li-Bai-110101");
            await TestServer.GmAsync(NodeA, $"//gm setrecord {acc} family member");
            await TestServer.GmAsync(NodeA, $"//gm setprofile {acc} nickname {Nick(acc)}");
            Assert.That((await client.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room })).Result, Is.EqualTo(0));
            await GrabbedPacketAsync(client, room);
            Assert.That((await client.RequestAsync(AccountProtocol.CancelApply)).Result, Is.EqualTo(0));
        }
        Assert.That(await Eventually.TrueAsync(async () => await NodeA.Services.Sessions.LocateAsync(acc) is null), Is.True);
        // Leaving on close takes the account out of its rooms (the room's members, then the account's index of its rooms: waited
        // for, or its last step could forget the entries written below); a node that died with the session open leaves it in.
        Assert.That(await Eventually.TrueAsync(async () => !await NodeA.Services.Redis.Db.HashExistsAsync($"sg:{{{acc}}}:rooms", "chat")),
            Is.True);
        await NodeA.Services.Redis.Db.HashSetAsync($"sg:room:{{{room}}}:members", acc, "nodeA");
        await NodeA.Services.Redis.Db.HashSetAsync($"sg:{{{acc}}}:rooms", "chat", room);
        return (acc, friend, room);
    }

    /// <summary>The nickname <see cref="BusyAccountAsync"/> gives the account (a text the scan looks for besides its name).</summary>
    private static string Nick(string acc) => "昵称" + acc[^6..];

    /// <summary>A packet sent in <paramref name="room"/> by another member, of which <paramref name="client"/> grabbed a share.</summary>
    private async Task<(string Pid, long Amount)> GrabbedPacketAsync(Client.GameClient client, string room)
    {
        string pid = await SentPacketAsync(room);
        var grab = await client.RequestAsync(RedPacketProtocol.Grab, new PacketRequest { PacketId = pid });
        Assert.That(grab.Result, Is.EqualTo(0), grab.ToJson());
        return (pid, grab.Amount);
    }

    private async Task<string> SentPacketAsync(string room)
    {
        var (_, _, sender) = await RedPacketKit.SenderAsync(NodeA, room, gold: 100000);
        await using var _ = sender;
        var sent = await sender.RequestAsync(RedPacketProtocol.Send,
            new SendPacketRequest { RoomId = room, Id = 1, Pay = 1, ReqId = Guid.NewGuid().ToString("N") });
        Assert.That(sent.Result, Is.EqualTo(0), sent.ToJson());
        return sent.PacketId;
    }

    private static Task<PacketRecordsResponse> RecordsAsync(Client.GameClient reader, string pid) =>
        reader.RequestAsync(RedPacketProtocol.Records, new PacketRequest { PacketId = pid });

    [Test]
    public async Task AfterDeletionTheAccountIsFoundOnlyInTheKeptData()
    {
        var (acc, friend, room) = await BusyAccountAsync();
        await using var other = await TestServer.LoginAsync(NodeB, friend);
        Assert.That(await AccountDataScan.LeftoversAsync(NodeA.Services.Redis, NodeA.Services.AccountData, Nick(acc)), Is.Not.Empty,
            "the scan sees the nickname");
        Assert.That(await AccountDataScan.LeftoversAsync(NodeA.Services.Redis, NodeA.Services.AccountData, acc), Is.Not.Empty,
            "the scan sees the live data");
        Clock.Advance(TimeSpan.FromDays(15));
        Assert.That(await Cancellation(NodeB).RunDueAsync(), Is.EqualTo(1));

        Assert.That(await AccountDataScan.LeftoversAsync(NodeA.Services.Redis, NodeA.Services.AccountData, acc, Nick(acc)), Is.Empty);
        var db = NodeA.Services.Redis.Db;
        Assert.That(await db.KeyExistsAsync($"sg:{{{acc}}}:ledger"), Is.True, "the ledger is kept for finance");
        Assert.That(await db.KeyExistsAsync($"sg:{{{acc}}}:wallet"), Is.False, "the balances go; the ledger keeps how they came");
        Assert.That(await db.KeyExistsAsync($"sg:{{{acc}}}:cancel"), Is.True, "the cancellation record is kept");
        Assert.That(await db.HashExistsAsync($"sg:room:{{{room}}}:members", acc), Is.False);
        var friends = (object?[])(await other.RequestFrameAsync(PlayerProtocol.GetFriends, new EmptyRequest())).Data["friends"]!;
        Assert.That(friends, Is.Empty, "the friend's list no longer shows it");
    }

    [Test]
    public async Task ItsRedPacketGrabsStayWithTheirAmountsUnderAPlaceholderAndThePacketStillAddsUp()
    {
        string acc = TestServer.NewAccount("rpdel"), other = TestServer.NewAccount("rpkeep"), room =
            await RedPacketKit.LiveRoomAsync(NodeA);
        await using var keeper = await TestServer.LoginAsync(NodeB, other);
        Assert.That((await keeper.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room })).Result, Is.EqualTo(0));
        string pid;
        long mine;
        await using (var client = await TestServer.LoginAsync(NodeA, acc))
        {
            Assert.That((await client.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room })).Result, Is.EqualTo(0));
            (pid, mine) = await GrabbedPacketAsync(client, room);
            Assert.That((await keeper.RequestAsync(RedPacketProtocol.Grab, new PacketRequest { PacketId = pid })).Result, Is.EqualTo(0));
            Assert.That((await client.RequestAsync(AccountProtocol.CancelApply)).Result, Is.EqualTo(0));
        }
        var before = await RecordsAsync(keeper, pid);
        Assert.That(before.Grabs.Select(g => g.Acc), Is.EquivalentTo(new[] { acc, other }));
        Clock.Advance(TimeSpan.FromDays(15));
        Assert.That(await Cancellation(NodeA).RunDueAsync(), Is.EqualTo(1));

        var after = await RecordsAsync(keeper, pid);
        Assert.That(after.Grabs.Select(g => g.Acc), Does.Not.Contain(acc));
        var anonymous = after.Grabs.Single(g => g.Acc.StartsWith(DeletedAccount.Placeholder, StringComparison.Ordinal));
        Assert.That((anonymous.Amount, anonymous.Time), Is.EqualTo((mine, before.Grabs.Single(g => g.Acc == acc).Time)),
            "the amount and time stay");
        Assert.That(after.Grabs.Select(g => (g.Acc == anonymous.Acc ? acc : g.Acc, g.Amount, g.Time)),
            Is.EqualTo(before.Grabs.Select(g => (g.Acc, g.Amount, g.Time))), "only the name changed, the other grabber's entry as it was");
        Assert.That(after.Grabs.Sum(g => g.Amount) + after.Left, Is.EqualTo(after.Total), "the packet still adds up");
        var grabbed = await NodeA.Services.Redis.Db.HashGetAllAsync(RedPacketKeys.Grabbed(pid));
        Assert.That(grabbed.ToDictionary(e => e.Name.ToString(), e => (long)e.Value), Is.EqualTo(new Dictionary<string, long>
            { [anonymous.Acc] = mine, [other] = after.Grabs.Single(g => g.Acc == other).Amount }));
        Assert.That(await TestServer.Player(NodeA).Ledger.WasAppliedAsync(other, $"rp:{pid}:{other}"), Is.True);
        Assert.That(await AccountDataScan.LeftoversAsync(NodeA.Services.Redis, NodeA.Services.AccountData, acc), Is.Empty);
        Clock.Advance(TimeSpan.FromDays(1));
        Assert.That(await Cancellation(NodeA).RunDueAsync(), Is.EqualTo(0), "done once");
    }

    [Test]
    public async Task AShareStillBeingCreditedKeepsItsNameUntilTheSettlementPassCreditedItThenTheDeletionFinishes()
    {
        string acc = TestServer.NewAccount("rppend"), room = await RedPacketKit.LiveRoomAsync(NodeA);
        await using var reader = await TestServer.LoginAsync(NodeB, TestServer.NewAccount("rd"));
        await using (var client = await TestServer.LoginAsync(NodeA, acc))
        {
            Assert.That((await client.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room })).Result, Is.EqualTo(0));
            Assert.That((await client.RequestAsync(AccountProtocol.CancelApply)).Result, Is.EqualTo(0));
        }
        string pid = await SentPacketAsync(room);
        var db = NodeA.Services.Redis.Db;
        // As the grab's Lua step leaves it when the node dies before the credit; out of the settlement index, as a
        // credit refused until the deletion runs would be.
        long share = (long)await db.ListLeftPopAsync(RedPacketKeys.Shares(pid));
        await db.HashSetAsync(RedPacketKeys.Grabbed(pid), acc, share);
        await db.SetAddAsync(RedPacketKeys.Pending(pid), acc);
        await db.ListRightPushAsync(RedPacketKeys.Log(pid), $"{acc}|{share}|{Clock.UtcNow.ToUnixTimeSeconds()}");
        await db.HashIncrementAsync(RedPacketKeys.Packet(pid), "left", -share);
        await db.SortedSetRemoveAsync(RedPacketKeys.Index, pid);
        Clock.Advance(TimeSpan.FromDays(15));

        Assert.That(await Cancellation(NodeA).RunDueAsync(), Is.EqualTo(0), "the red-packet step waits for the credit");
        Assert.That((await Cancellation(NodeA).StatusAsync(acc))!.State, Is.EqualTo("executing"));
        Assert.That((await db.SetContainsAsync(RedPacketKeys.Pending(pid), acc), await db.HashGetAsync(RedPacketKeys.Grabbed(pid), acc)),
            Is.EqualTo((true, (RedisValue)share)), "the pending share is left for the settlement pass");
        await db.SortedSetAddAsync(RedPacketKeys.Index, pid, 0);
        var packets = NodeA.Modules.OfType<RedPacketModule>().Single().Packets;
        Assert.That(await packets.SettleAsync(), Is.GreaterThanOrEqualTo(1));
        Assert.That(await TestServer.Player(NodeA).Ledger.WasAppliedAsync(acc, $"rp:{pid}:{acc}"), Is.True,
            "credited by the settlement pass");
        Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.That(await Cancellation(NodeA).RunDueAsync(), Is.EqualTo(1));

        var records = await RecordsAsync(reader, pid);
        Assert.That(records.Grabs.Select(g => g.Acc), Has.None.EqualTo(acc));
        Assert.That(records.Grabs.Single().Acc, Does.StartWith(DeletedAccount.Placeholder));
        Assert.That(records.Grabs.Single().Amount, Is.EqualTo(share));
        Assert.That(records.Grabs.Sum(g => g.Amount) + records.Left, Is.EqualTo(records.Total), "the packet still adds up");
        Assert.That(await db.SetLengthAsync(RedPacketKeys.Pending(pid)), Is.Zero);
    }

    [Test]
    public async Task AKeyOfTheAccountThatNoModuleDeclaredIsLeftAndTheScanNamesIt()
    {
        var (acc, _, _) = await BusyAccountAsync();
        // As a module that writes a key of the account's space and forgot to declare it.
        await NodeA.Services.Redis.Db.StringSetAsync($"sg:{{{acc}}}:undeclared", "x");
        Clock.Advance(TimeSpan.FromDays(15));
        Assert.That(await Cancellation(NodeA).RunDueAsync(), Is.EqualTo(1));
        Assert.That(await AccountDataScan.LeftoversAsync(NodeA.Services.Redis, NodeA.Services.AccountData, acc),
            Is.EqualTo(new[] { $"sg:{{{acc}}}:undeclared" }));
    }

    [Test]
    public async Task AStepThatFailsIsResumedByTheNextPassOnAnotherNodeAndTheFinishedStepsAreNotRunAgain()
    {
        int attempts = 0;
        // A module declared after the others on both nodes: its step fails once (on node A), as a node dying midway would leave it.
        foreach (var node in new[] { NodeA, NodeB })
        {
            node.Services.AccountData.Declare([new AccountData("zz-flaky", AccountKeys.Pattern("flaky", "a test module's key"),
                AccountDataPlace.Key, AccountDataPolicy.Delete, "test")]);
            node.Services.AccountData.AddEntryEraser("zz-flaky", _ => Interlocked.Increment(ref attempts) == 1
                ? throw new InvalidOperationException("crash") : Task.CompletedTask);
        }
        var (acc, _, room) = await BusyAccountAsync();
        var db = NodeA.Services.Redis.Db;
        await db.StringSetAsync($"sg:{{{acc}}}:flaky", "x");
        Clock.Advance(TimeSpan.FromDays(15));
        Assert.That(await Cancellation(NodeA).RunDueAsync(), Is.EqualTo(0), "stopped midway");
        Assert.That((await Cancellation(NodeA).StatusAsync(acc))!.State, Is.EqualTo("executing"));
        Assert.That(await db.HashExistsAsync($"sg:room:{{{room}}}:members", acc), Is.False, "the steps before it are done");
        Assert.That(await TestServer.Player(NodeA).Profiles.ExistsAsync(acc), Is.True, "the player step, last, is not");
        // The steps already done stay done: a membership written meanwhile would be deleted again by a rerun.
        await db.HashSetAsync($"sg:{{{acc}}}:rooms", "probe", "1");
        Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.That(await Cancellation(NodeB).RunDueAsync(), Is.EqualTo(1), "node B finishes it");
        Assert.That((await Cancellation(NodeA).StatusAsync(acc))!.State, Is.EqualTo("done"));
        Assert.That((attempts, await db.KeyExistsAsync($"sg:{{{acc}}}:flaky")), Is.EqualTo((2, false)));
        Assert.That(await TestServer.Player(NodeA).Profiles.ExistsAsync(acc), Is.False);
        Assert.That(await db.KeyExistsAsync($"sg:{{{acc}}}:rooms"), Is.True, "the room step was not run again");
        await db.KeyDeleteAsync($"sg:{{{acc}}}:rooms");
        Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.That(await Cancellation(NodeA).RunDueAsync(), Is.EqualTo(0), "a finished deletion is not run again");
    }

    [Test]
    public async Task RunningEveryStepAgainAfterTheDeletionChangesNothing()
    {
        var (acc, _, _) = await BusyAccountAsync();
        Clock.Advance(TimeSpan.FromDays(15));
        Assert.That(await Cancellation(NodeA).RunDueAsync(), Is.EqualTo(1));
        var before = await SettledSnapshotAsync();
        var eraser = new AccountDataEraser(NodeB.Services.Redis, NodeB.Services.AccountData);
        foreach (string module in eraser.Steps) await eraser.EraseAsync(module, acc);
        Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.That(await Cancellation(NodeB).RunDueAsync(), Is.EqualTo(0));
        Assert.That(await AccountDataScan.SnapshotAsync(NodeA.Services.Redis), Is.EqualTo(before));
    }

    /// <summary>Every key and value once the nodes' background passes (the red-packet settlement) have nothing more to change.</summary>
    private async Task<SortedDictionary<string, List<string>>> SettledSnapshotAsync()
    {
        var last = await AccountDataScan.SnapshotAsync(NodeA.Services.Redis);
        for (int i = 0; i < 30; i++)
        {
            await Task.Delay(500);
            var now = await AccountDataScan.SnapshotAsync(NodeA.Services.Redis);
            if (now.Count == last.Count && now.All(e => last.TryGetValue(e.Key, out var v) && v.SequenceEqual(e.Value))) return now;
            last = now;
        }
        Assert.Fail("Redis kept changing for 15 s after the deletion: the background passes never settled");
        return last;
    }

    [Test]
    public async Task AFieldNamingTheAccountInAKeyNoModuleDeclaredIsFoundByTheScan()
    {
        var (acc, _, _) = await BusyAccountAsync();
        // As a module that keeps accounts in a shared key of its own and declared nothing: the scan must fail the deletion test.
        await NodeA.Services.Redis.Db.HashSetAsync("sg:zz:board", acc, 1);
        Clock.Advance(TimeSpan.FromDays(15));
        Assert.That(await Cancellation(NodeA).RunDueAsync(), Is.EqualTo(1));
        Assert.That(await AccountDataScan.LeftoversAsync(NodeA.Services.Redis, NodeA.Services.AccountData, acc),
            Is.EqualTo(new[] { "sg:zz:board (in its value)" }));
        await NodeA.Services.Redis.Db.KeyDeleteAsync("sg:zz:board");
    }

    [Test]
    public void WhatIsKeptIsExactlyTheLedgerThePaymentOrdersAndTheCancellationRecord()
    {
        var kept = NodeA.Services.AccountData.Entries.Where(e => e.Policy is AccountDataPolicy.KeepForFinance
            or AccountDataPolicy.KeepAsRecord)
            .Select(e => (e.Pattern.Template, e.Policy)).ToList();
        Assert.That(kept, Is.EquivalentTo(new[]
        {
            ("sg:{<acc>}:ledger", AccountDataPolicy.KeepForFinance), ("sg:{orders}:order:<any>", AccountDataPolicy.KeepForFinance),
            ("sg:{<acc>}:cancel", AccountDataPolicy.KeepAsRecord), ("sg:{<acc>}:cancelhist", AccountDataPolicy.KeepAsRecord),
        }), "README's list of what a deletion keeps");
    }

    private async Task<int> LoginResultAsync(ServerHost host, string acc, string token)
    {
        await using var client = await TestServer.ConnectAsync(host);
        return (await client.RequestAsync(SystemProtocol.Login, new LoginRequest { Acc = acc, Token = token })).Result;
    }

    [Test]
    public async Task ACancelledAccountCannotLogInOnAnyNodeAndGetsNoNewProfile()
    {
        string acc = TestServer.NewAccount("gone");
        // Issued before the deletion and still unexpired after it.
        string token = TestServer.Token(acc, Clock.UtcNow.ToUnixTimeSeconds() + 16 * 86400);
        await using (var client = await TestServer.LoginAsync(NodeA, acc))
            Assert.That((await client.RequestAsync(AccountProtocol.CancelApply)).Result, Is.EqualTo(0));
        Clock.Advance(TimeSpan.FromDays(15));
        Assert.That(await Cancellation(NodeB).RunDueAsync(), Is.EqualTo(1));
        Assert.That(await TestServer.Player(NodeA).Profiles.ExistsAsync(acc), Is.False);

        Assert.That(await LoginResultAsync(NodeA, acc, token), Is.EqualTo((int)ResultCode.AccountCancelled));
        Assert.That(await LoginResultAsync(NodeB, acc, token), Is.EqualTo((int)ResultCode.AccountCancelled));
        Assert.That(await LoginResultAsync(NodeB, acc, TestServer.Token(acc, Clock.UtcNow.ToUnixTimeSeconds() + 3600)),
            Is.EqualTo((int)ResultCode.AccountCancelled), "a fresh token too");
        await Eventually.EventsHandledAsync(NodeA, NodeB);
        Assert.That(await TestServer.Player(NodeA).Profiles.ExistsAsync(acc), Is.False, "no fresh default profile");
        Assert.That(await NodeA.Services.Redis.Db.KeyExistsAsync(CoreKeys.Presence(acc)), Is.False, "no presence");
    }

    [Test]
    public async Task ALoginInEnglishIsWelcomedBackInEnglishWithItsNickname()
    {
        string acc = TestServer.NewAccount("en");
        await using (var client = await TestServer.LoginAsync(NodeA, acc))
            Assert.That((await client.RequestAsync(AccountProtocol.CancelApply)).Result, Is.EqualTo(0));
        await TestServer.GmAsync(NodeA, $"//gm setprofile {acc} nickname Ming");
        Clock.Advance(TimeSpan.FromSeconds(1));
        await using var again = await TestServer.ConnectAsync(NodeB);
        var login = await again.RequestAsync(SystemProtocol.Login,
            new LoginRequest { Acc = acc, Token = TestServer.Token(acc), Lang = "en-GB" });
        Assert.That(login.Result, Is.EqualTo(0), login.ToJson());
        var mail = (await again.WaitForAsync(f => f.Is(PlayerProtocol.NewMessage))).GetMap("message");
        Assert.That((mail["title"], mail["text"]),
            Is.EqualTo(("Welcome back", "Hi Ming, welcome back to SocialGame! Your account cancellation has been withdrawn.")));
    }

    [Test]
    public async Task AnAccountInItsCoolingPeriodStillLogsIn()
    {
        string acc = TestServer.NewAccount("cool");
        await using (var client = await TestServer.LoginAsync(NodeA, acc))
            Assert.That((await client.RequestAsync(AccountProtocol.CancelApply)).Result, Is.EqualTo(0));
        Clock.Advance(TimeSpan.FromSeconds(1));
        await (await TestServer.LoginAsync(NodeB, acc)).DisposeAsync();
    }
}
