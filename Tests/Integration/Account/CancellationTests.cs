using SocialGame.Core.Events;
using SocialGame.Modules.Account;
using SocialGame.Modules.Player;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Account;

/// <summary>Account cancellation end to end: real Redis, real sockets, an injectable clock, two nodes.</summary>
public class CancellationTests : ClockedTwoNodeFixture
{
    [SetUp]
    public async Task Prepare()
    {
        // Records of earlier tests must not fall due under this test's clock.
        await NodeA.Services.Redis.Db.KeyDeleteAsync("sg:cancel:due");
    }

    private static CancellationService Cancellation(ServerHost host) => host.Modules.OfType<AccountModule>().Single().Cancellation;

    /// <summary>Logs in (creating the profile), applies, logs out; returns the record's sid.</summary>
    private async Task<string> ApplyAndLeaveAsync(string acc)
    {
        await using var client = await TestServer.LoginAsync(NodeA, acc);
        var reply = await client.RequestAsync(AccountProtocol.CancelApply);
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToJson());
        return reply.Record!.Sid;
    }

    private async Task<string?> StateAsync(string acc) => (await Cancellation(NodeA).StatusAsync(acc))?.State;

    [Test]
    public async Task ApplyMakesOneActiveRecordWithTheCoolingPeriod()
    {
        string acc = TestServer.NewAccount();
        await using var client = await TestServer.LoginAsync(NodeA, acc);
        var first = await client.RequestAsync(AccountProtocol.CancelApply);
        var record = first.Record!;
        Assert.That(record.State, Is.EqualTo("cooling"));
        Assert.That(record.DueTime - record.CreateTime, Is.EqualTo(15 * 86400));
        Assert.That(first.Text, Does.Contain("cooling period"));
        var second = await client.RequestAsync(AccountProtocol.CancelApply);
        Assert.That(second.Result, Is.EqualTo(0));
        Assert.That(second.Record!.Sid, Is.EqualTo(record.Sid), "a second apply returns the active record");
        Assert.That((await client.RequestAsync(AccountProtocol.CancelStatus)).Record!.State, Is.EqualTo("cooling"));
    }

    [Test]
    public async Task PreChecksRefuseWithTheirOwnCodesAndTexts()
    {
        string leader = await TestServer.KnownAccountAsync(NodeA), bound = await TestServer.KnownAccountAsync(NodeA),
            eager = TestServer.NewAccount();
        await TestServer.GmAsync(NodeA, $"//gm setrecord {leader} family leader");
        await TestServer.GmAsync(NodeA, $"//gm setrecord {bound} bind.cp someone");
        await using var cl = await TestServer.LoginAsync(NodeA, leader);
        await using var cb = await TestServer.LoginAsync(NodeA, bound);
        await using var ce = await TestServer.LoginAsync(NodeA, eager);
        var l = await cl.RequestAsync(AccountProtocol.CancelApply);
        Assert.That((l.Result, l.Text), Is.EqualTo(((int)ResultCode.CancelFamilyLeader,
            "Family leaders must hand over the family first.")));
        Assert.That((await cb.RequestAsync(AccountProtocol.CancelApply)).Result, Is.EqualTo((int)ResultCode.CancelBound));
        await TestServer.GmAsync(NodeA, $"//gm setrecord {bound} bind.cp -");
        Assert.That((await cb.RequestAsync(AccountProtocol.CancelApply)).Result, Is.EqualTo(0), "allowed once the relation is gone");
        for (int i = 0; i < 3; i++)
        {
            Assert.That((await ce.RequestAsync(AccountProtocol.CancelApply)).Result, Is.EqualTo(0));
            Assert.That((await ce.RequestAsync(AccountProtocol.CancelWithdraw)).Result, Is.EqualTo(0));
        }
        Assert.That((await ce.RequestAsync(AccountProtocol.CancelApply)).Result, Is.EqualTo((int)ResultCode.CancelTooOften),
            "at most 3 in 30 days");
        Clock.Advance(TimeSpan.FromDays(31));
        Assert.That((await ce.RequestAsync(AccountProtocol.CancelApply)).Result, Is.EqualTo(0), "the window has moved on");
        Assert.That((await ce.RequestAsync(AccountProtocol.CancelWithdraw)).Result, Is.EqualTo(0));
        Assert.That((await ce.RequestAsync(AccountProtocol.CancelWithdraw)).Result, Is.EqualTo((int)ResultCode.CancelNone));
    }

    [Test]
    public async Task ComingOnlineWithdrawsItAndWelcomesThePlayerBack()
    {
        string acc = TestServer.NewAccount();
        await ApplyAndLeaveAsync(acc);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await using var again = await TestServer.LoginAsync(NodeB, acc);
        Assert.That(await Eventually.TrueAsync(async () => await StateAsync(acc) == "withdrawn"), Is.True);
        var mail = await again.WaitForAsync(PlayerProtocol.NewMessage);
        Assert.That(mail.Message.Text, Does.StartWith($"你好{acc}，欢迎回到"),
            "no lang at login: Chinese, the nickname of a new profile is its account");
    }

    [Test]
    public async Task TheLoginOfTheSessionTheCancellationWasAppliedInWithdrawsNothing()
    {
        // Its online event delivered late (a lagging consumer) or again (after a crash): older than the record.
        string acc = TestServer.NewAccount();
        long loginMs = Clock.UtcNow.ToUnixTimeMilliseconds();
        Clock.Advance(TimeSpan.FromSeconds(10));
        await ApplyAndLeaveAsync(acc);
        var stale = new OnlineEvent { Account = acc, EventId = "stale", Time = loginMs };
        await NodeB.Services.Events.PublishAsync(SystemEvents.Online, acc, stale);
        await Eventually.EventsHandledAsync(NodeA, NodeB);
        Assert.That(await StateAsync(acc), Is.EqualTo("cooling"));
        Assert.That(await TestServer.Player(NodeA).Inbox.ListAsync(acc), Is.Empty, "no welcome back");
        Clock.Advance(TimeSpan.FromSeconds(1));
        var later = new OnlineEvent { Account = acc, EventId = "later", Time = Clock.UtcNow.ToUnixTimeMilliseconds() };
        await NodeB.Services.Events.PublishAsync(SystemEvents.Online, acc, later);
        Assert.That(await Eventually.TrueAsync(async () => await StateAsync(acc) == "withdrawn"), Is.True, "a later login does");
    }

    [Test]
    public async Task TheJobDeletesTheAccountOnTheFifteenthDayNotBefore()
    {
        string acc = await TestServer.KnownAccountAsync(NodeA);
        await TestServer.GmAsync(NodeA, $"//gm setrecord {acc} realname Li-Bai-110101");
        await TestServer.GmAsync(NodeA, $"//gm setrecord {acc} cpdecl forever");
        await TestServer.GmAsync(NodeA, $"//gm setrecord {acc} cpapply from-du-fu");
        await ApplyAndLeaveAsync(acc);
        Clock.Advance(TimeSpan.FromDays(15) - TimeSpan.FromSeconds(1));
        Assert.That(await Cancellation(NodeA).RunDueAsync(), Is.EqualTo(0));
        Assert.That(await StateAsync(acc), Is.EqualTo("cooling"));
        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await Cancellation(NodeA).RunDueAsync(), Is.EqualTo(1));
        Assert.That(await StateAsync(acc), Is.EqualTo("done"));
        Assert.That(await TestServer.Player(NodeA).Profiles.ExistsAsync(acc), Is.False);
        var records = await new AccountRecords(NodeA.Services.Redis, new AccountOptions()).GetAllAsync(acc);
        Assert.That(records.Keys, Is.Empty, "real-name data, CP declaration and CP applications are gone");
        Assert.That(TestLogging.DataLogLines().Count(l => l.Contains("\"op\":\"cancel done\"") && l.Contains(acc)), Is.EqualTo(1));
    }

    [Test]
    public async Task ApplyingAgainRestoresARecordLostFromTheJobsIndex()
    {
        string acc = TestServer.NewAccount();
        await ApplyAndLeaveAsync(acc);
        // As a crash between writing the record and indexing it leaves it.
        await NodeA.Services.Redis.Db.SortedSetRemoveAsync("sg:cancel:due", acc);
        await using (var client = await TestServer.LoginAsync(NodeA, acc))
        {
            var reply = await client.RequestAsync(AccountProtocol.CancelApply);
            Assert.That(reply.Result, Is.EqualTo(0), reply.ToJson());
        }
        Clock.Advance(TimeSpan.FromDays(15));
        Assert.That(await Cancellation(NodeA).RunDueAsync(), Is.EqualTo(1));
        Assert.That(await StateAsync(acc), Is.EqualTo("done"));
    }

    [Test]
    public async Task TwoNodesRunningTheJobAtOnceExecuteEachRecordOnce()
    {
        var accounts = Enumerable.Range(0, 12).Select(_ => TestServer.NewAccount("j")).ToList();
        foreach (var acc in accounts) await ApplyAndLeaveAsync(acc);
        Clock.Advance(TimeSpan.FromDays(16));
        var runs = await Task.WhenAll(Cancellation(NodeA).RunDueAsync(), Cancellation(NodeB).RunDueAsync(),
            Cancellation(NodeA).RunDueAsync(), Cancellation(NodeB).RunDueAsync());
        Assert.That(runs.Sum(), Is.EqualTo(accounts.Count));
        foreach (var acc in accounts)
        {
            Assert.That(await StateAsync(acc), Is.EqualTo("done"));
            Assert.That(TestLogging.DataLogLines().Count(l => l.Contains("\"op\":\"cancel execute\"") && l.Contains(acc)), Is.EqualTo(1),
                acc);
        }
    }

    [Test]
    public async Task TheJobRacingALoginLeavesOneConsistentOutcome()
    {
        var accounts = Enumerable.Range(0, 10).Select(_ => TestServer.NewAccount("x")).ToList();
        foreach (var acc in accounts) await ApplyAndLeaveAsync(acc);
        Clock.Advance(TimeSpan.FromDays(15));
        var logins = accounts.Select(acc => NodeB.Services.Events.PublishAsync(SystemEvents.Online, acc,
            new OnlineEvent { Account = acc, EventId = "race-" + acc, Time = Clock.UtcNow.ToUnixTimeMilliseconds() }));
        await Task.WhenAll(logins.Append(Cancellation(NodeA).RunDueAsync()));
        await Eventually.EventsHandledAsync(NodeA, NodeB);
        foreach (var acc in accounts)
        {
            string? state = await StateAsync(acc);
            bool profile = await TestServer.Player(NodeA).Profiles.ExistsAsync(acc);
            var mails = await TestServer.Player(NodeA).Inbox.ListAsync(acc);
            if (state == "done") Assert.That((profile, mails.Count), Is.EqualTo((false, 0)), $"{acc} deleted: no welcome");
            else Assert.That((state, profile, mails.Count), Is.EqualTo(("withdrawn", true, 1)), $"{acc} kept: welcomed once");
        }
    }

    [Test]
    public async Task ALateDuplicateOnlineEventAfterDeletionChangesNothing()
    {
        string acc = TestServer.NewAccount();
        await ApplyAndLeaveAsync(acc);
        Clock.Advance(TimeSpan.FromDays(15));
        await Cancellation(NodeA).RunDueAsync();
        for (int i = 0; i < 3; i++)
            await NodeA.Services.Events.PublishAsync(SystemEvents.Online, acc,
                new OnlineEvent { Account = acc, EventId = "late", Time = Clock.UtcNow.ToUnixTimeMilliseconds() });
        await Eventually.EventsHandledAsync(NodeA);
        Assert.That(await StateAsync(acc), Is.EqualTo("done"));
        Assert.That(await TestServer.Player(NodeA).Inbox.ListAsync(acc), Is.Empty);
    }

    [Test]
    public async Task ADeletionLeftHalfDoneByACrashIsFinishedByTheNextRun()
    {
        string acc = TestServer.NewAccount();
        await ApplyAndLeaveAsync(acc);
        Clock.Advance(TimeSpan.FromDays(15));
        // The crash: a node claimed the record and died before deleting anything.
        await NodeA.Services.Redis.Db.HashSetAsync(CancellationService.RecordKey(acc),
            [new("state", "executing"), new("claimedby", "dead-node"), new("claimedat", Clock.UtcNow.ToUnixTimeSeconds())]);
        Assert.That(await Cancellation(NodeB).RunDueAsync(), Is.EqualTo(0), "the claim is still leased to the dead node");
        Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.That(await Cancellation(NodeB).RunDueAsync(), Is.EqualTo(1));
        Assert.That(await StateAsync(acc), Is.EqualTo("done"));
        Assert.That(await TestServer.Player(NodeA).Profiles.ExistsAsync(acc), Is.False);
    }

    [Test]
    public async Task AnAccountStillConnectedWhenItsTimeComesIsKicked()
    {
        string acc = TestServer.NewAccount();
        await using var session = await TestServer.LoginAsync(NodeB, acc);
        Assert.That((await session.RequestAsync(AccountProtocol.CancelApply)).Result, Is.EqualTo(0));
        Clock.Advance(TimeSpan.FromDays(15));
        Assert.That(await Cancellation(NodeA).RunDueAsync(), Is.EqualTo(1));
        await Kicks.ExpectAsync(session, Protocol.Catalog.KickReason.AccountCancelled);
        Assert.That(await StateAsync(acc), Is.EqualTo("done"));
    }
}
