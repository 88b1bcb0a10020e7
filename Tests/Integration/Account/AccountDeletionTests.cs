using SocialGame.Core.Storage.Keys;
using SocialGame.Modules.Account;
using SocialGame.Protocol;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Account;

/// <summary>
/// What the cancellation job deletes (every module's declared data of the account, and nothing finance or the audit keeps), and
/// that a cancelled account stays gone: every node refuses its login, with a token issued before, and creates nothing for it.
/// </summary>
public class AccountDeletionTests : ClockedTwoNodeFixture
{
    [SetUp]
    public async Task Prepare() => await NodeA.Services.Redis.Db.KeyDeleteAsync("sg:cancel:due");

    private static CancellationService Cancellation(ServerHost host) => host.Modules.OfType<AccountModule>().Single().Cancellation;

    /// <summary>An account with data in every module a player reaches, a friend and a room shared with it; applies for cancellation and leaves.</summary>
    private async Task<(string Acc, string Friend, string Room)> BusyAccountAsync()
    {
        string acc = TestServer.NewAccount("del"), friend = await TestServer.KnownAccountAsync(NodeB, "fr"), room = "room" + Guid.NewGuid().ToString("N")[..8];
        await TestServer.GmAsync(NodeA, $"//gm live start {room} owner");
        await using (var client = await TestServer.LoginAsync(NodeA, acc))
        {
            await TestServer.GmAsync(NodeA, $"//gm addfriend {acc} {friend}");
            await TestServer.GmAsync(NodeA, $"//gm addmoney {acc} gold 500");
            await TestServer.GmAsync(NodeA, $"//gm additem {acc} 1001 2");
            await TestServer.GmAsync(NodeA, $"//gm sendmail {acc} hello");
            await TestServer.GmAsync(NodeA, $"//gm setrecord {acc} realname Li-Bai-110101");
            await TestServer.GmAsync(NodeA, $"//gm setrecord {acc} family member");
            Assert.That((await client.RequestAsync(13, 1, new { roomid = room })).Result, Is.EqualTo(0));
            Assert.That((await client.RequestAsync(11, 1)).Result, Is.EqualTo(0));
        }
        Assert.That(await Eventually.TrueAsync(async () => await NodeA.Services.Sessions.LocateAsync(acc) is null), Is.True);
        // Leaving on close takes the account out of its rooms; a node that died with the session open leaves it in.
        await NodeA.Services.Redis.Db.HashSetAsync($"sg:room:{{{room}}}:members", acc, "nodeA");
        await NodeA.Services.Redis.Db.HashSetAsync($"sg:{{{acc}}}:rooms", "chat", room);
        return (acc, friend, room);
    }

    [Test]
    public async Task AfterDeletionTheAccountIsFoundOnlyInTheKeptData()
    {
        var (acc, friend, room) = await BusyAccountAsync();
        await using var other = await TestServer.LoginAsync(NodeB, friend);
        Assert.That(await AccountDataScan.LeftoversAsync(NodeA.Services.Redis, NodeA.Services.AccountData, acc), Is.Not.Empty, "the scan sees the live data");
        Clock.Advance(TimeSpan.FromDays(15));
        Assert.That(await Cancellation(NodeB).RunDueAsync(), Is.EqualTo(1));

        Assert.That(await AccountDataScan.LeftoversAsync(NodeA.Services.Redis, NodeA.Services.AccountData, acc), Is.Empty);
        var db = NodeA.Services.Redis.Db;
        Assert.That(await db.KeyExistsAsync($"sg:{{{acc}}}:ledger"), Is.True, "the ledger is kept for finance");
        Assert.That(await db.KeyExistsAsync($"sg:{{{acc}}}:wallet"), Is.False, "the balances go; the ledger keeps how they came");
        Assert.That(await db.KeyExistsAsync($"sg:{{{acc}}}:cancel"), Is.True, "the cancellation record is kept");
        Assert.That(await db.HashExistsAsync($"sg:room:{{{room}}}:members", acc), Is.False);
        var friends = (object?[])(await other.RequestAsync(10, 4)).Data["friends"]!;
        Assert.That(friends, Is.Empty, "the friend's list no longer shows it");
    }

    [Test]
    public async Task AKeyOfTheAccountThatNoModuleDeclaredIsLeftAndTheScanNamesIt()
    {
        var (acc, _, _) = await BusyAccountAsync();
        // As a module that writes a key of the account's space and forgot to declare it.
        await NodeA.Services.Redis.Db.StringSetAsync($"sg:{{{acc}}}:undeclared", "x");
        Clock.Advance(TimeSpan.FromDays(15));
        Assert.That(await Cancellation(NodeA).RunDueAsync(), Is.EqualTo(1));
        Assert.That(await AccountDataScan.LeftoversAsync(NodeA.Services.Redis, NodeA.Services.AccountData, acc), Is.EqualTo(new[] { $"sg:{{{acc}}}:undeclared" }));
    }

    [Test]
    public async Task AStepThatFailsIsResumedByTheNextPassAndTheFinishedStepsAreNotRunAgain()
    {
        int attempts = 0;
        // A module declared after the others: its step fails once, as a node dying midway would leave it.
        NodeA.Services.AccountData.Declare([new AccountData("zz-flaky", AccountKeys.Pattern("flaky", "a test module's key"), AccountDataPlace.Key, AccountDataPolicy.Delete, "test")]);
        NodeA.Services.AccountData.AddEntryEraser("zz-flaky", _ => ++attempts == 1 ? throw new InvalidOperationException("crash") : Task.CompletedTask);
        var (acc, _, _) = await BusyAccountAsync();
        await NodeA.Services.Redis.Db.StringSetAsync($"sg:{{{acc}}}:flaky", "x");
        Clock.Advance(TimeSpan.FromDays(15));
        Assert.That(await Cancellation(NodeA).RunDueAsync(), Is.EqualTo(0), "stopped midway");
        Assert.That((await Cancellation(NodeA).StatusAsync(acc))!.State, Is.EqualTo("executing"));
        Assert.That(await TestServer.Player(NodeA).Profiles.ExistsAsync(acc), Is.False, "the steps before it are done");
        // The steps already done stay done: a profile written meanwhile would be deleted again by a rerun.
        await NodeA.Services.Redis.Db.HashSetAsync($"sg:{{{acc}}}:profile", "probe", "1");
        Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.That(await Cancellation(NodeA).RunDueAsync(), Is.EqualTo(1));
        Assert.That((await Cancellation(NodeA).StatusAsync(acc))!.State, Is.EqualTo("done"));
        Assert.That((attempts, await NodeA.Services.Redis.Db.KeyExistsAsync($"sg:{{{acc}}}:flaky")), Is.EqualTo((2, false)));
        Assert.That(await NodeA.Services.Redis.Db.KeyExistsAsync($"sg:{{{acc}}}:profile"), Is.True, "the player step was not run again");
        await NodeA.Services.Redis.Db.KeyDeleteAsync($"sg:{{{acc}}}:profile");
        Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.That(await Cancellation(NodeA).RunDueAsync(), Is.EqualTo(0), "a finished deletion is not run again");
    }

    private async Task<int> LoginResultAsync(ServerHost host, string acc, string token)
    {
        await using var client = await TestServer.ConnectAsync(host);
        return (await client.RequestAsync((int)ModuleType.System, 1, new { acc, token })).Result;
    }

    [Test]
    public async Task ACancelledAccountCannotLogInOnAnyNodeAndGetsNoNewProfile()
    {
        string acc = TestServer.NewAccount("gone");
        // Issued before the deletion and still unexpired after it.
        string token = TestServer.Token(acc, Clock.UtcNow.ToUnixTimeSeconds() + 16 * 86400);
        await using (var client = await TestServer.LoginAsync(NodeA, acc))
            Assert.That((await client.RequestAsync(11, 1)).Result, Is.EqualTo(0));
        Clock.Advance(TimeSpan.FromDays(15));
        Assert.That(await Cancellation(NodeB).RunDueAsync(), Is.EqualTo(1));
        Assert.That(await TestServer.Player(NodeA).Profiles.ExistsAsync(acc), Is.False);

        Assert.That(await LoginResultAsync(NodeA, acc, token), Is.EqualTo((int)ResultCode.AccountCancelled));
        Assert.That(await LoginResultAsync(NodeB, acc, token), Is.EqualTo((int)ResultCode.AccountCancelled));
        Assert.That(await LoginResultAsync(NodeB, acc, TestServer.Token(acc, Clock.UtcNow.ToUnixTimeSeconds() + 3600)), Is.EqualTo((int)ResultCode.AccountCancelled), "a fresh token too");
        await Task.Delay(200);
        Assert.That(await TestServer.Player(NodeA).Profiles.ExistsAsync(acc), Is.False, "no fresh default profile");
        Assert.That(await NodeA.Services.Redis.Db.KeyExistsAsync("sg:online:" + acc), Is.False, "no presence");
    }

    [Test]
    public async Task ALoginInEnglishIsWelcomedBackInEnglishWithItsNickname()
    {
        string acc = TestServer.NewAccount("en");
        await using (var client = await TestServer.LoginAsync(NodeA, acc))
            Assert.That((await client.RequestAsync(11, 1)).Result, Is.EqualTo(0));
        await TestServer.GmAsync(NodeA, $"//gm setprofile {acc} nickname Ming");
        Clock.Advance(TimeSpan.FromSeconds(1));
        await using var again = await TestServer.ConnectAsync(NodeB);
        var login = await again.RequestAsync((int)ModuleType.System, 1, new { acc, token = TestServer.Token(acc), lang = "en-GB" });
        Assert.That(login.Result, Is.EqualTo(0), login.ToString());
        var mail = (await again.WaitForAsync(f => f.ModuleType == 10 && f.OpId == 7)).GetMap("message");
        Assert.That((mail["title"], mail["text"]), Is.EqualTo(("Welcome back", "Hi Ming, welcome back to SocialGame! Your account cancellation has been withdrawn.")));
    }

    [Test]
    public async Task AnAccountInItsCoolingPeriodStillLogsIn()
    {
        string acc = TestServer.NewAccount("cool");
        await using (var client = await TestServer.LoginAsync(NodeA, acc))
            Assert.That((await client.RequestAsync(11, 1)).Result, Is.EqualTo(0));
        Clock.Advance(TimeSpan.FromSeconds(1));
        await (await TestServer.LoginAsync(NodeB, acc)).DisposeAsync();
    }
}
