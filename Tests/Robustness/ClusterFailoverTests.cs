using System.Collections.Concurrent;
using System.Diagnostics;
using SocialGame.Core.Options;
using SocialGame.Modules.Player;
using SocialGame.Protocol;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Integration.BargainTestConfig;

namespace SocialGame.Tests.Robustness;

/// <summary>
/// On a private Redis Cluster of 3 masters with 2 replicas each, with redis.waitReplicas 1: a money write is answered only
/// once a replica has it, and the master serving the bargain period is killed (kill -9) under bargain, wallet and red-packet load:
/// one of its replicas takes over (and still has a replica, so money writes can be acknowledged), every acknowledged
/// ledger write and every acknowledged grab is there afterwards, every bargain, red-packet and ledger invariant holds,
/// and the service is back within the bound
/// stated below. The killed master is then started again and rejoins as a replica.
/// </summary>
[NonParallelizable]
public class ClusterFailoverTests() : BargainLoadFixture(RedisKind.Cluster)
{
    private const int Bots = 12;
    private const int Packets = 16, Grabbers = 16;

    /// <summary>
    /// The bound, from the kill: cluster-node-timeout (1 s in the tests) until the master is marked failed, about as long
    /// again for a replica's election, and the node's reading of the new slot map (every half second after a lost master),
    /// with room for the shared, loaded test machine.
    /// </summary>
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(8);

    private RedisCluster Cluster => (RedisCluster)Redis;

    protected override int PrivateClusterReplicas => 2;

    protected override void Configure(ServerOptions options)
    {
        options.Redis.WaitReplicas = 1;
        options.Redis.WaitTimeoutMs = 500;
    }

    private Ledger Ledger => TestServer.Player(Host).Ledger;

    [Test, Order(1)]
    public async Task AMoneyWriteIsAnsweredOnlyOnceAReplicaHasIt()
    {
        string acc = TestServer.NewAccount("w");
        Assert.That((await Ledger.ApplyAsync(LedgerOperation.Currency(acc, "w1", "test", "yuanbao", 5))).Status,
            Is.EqualTo(LedgerStatus.Applied));
        int master = Cluster.MasterOfSlot(Host.Services.Redis.Connection.HashSlot(PlayerKeys.Wallet(acc)));
        var replicas = Cluster.ReplicasOf(master);
        foreach (int replica in replicas) Cluster.Pause(replica);
        try
        {
            var watch = Stopwatch.StartNew();
            var ex = Assert.CatchAsync(() => Ledger.ApplyAsync(LedgerOperation.Currency(acc, "w2", "test", "yuanbao", 7)));
            Assert.That(Core.Storage.RedisFaults.IsRedisFault(ex!), Is.True, ex!.ToString());
            Assert.That(ex.Message, Does.Contain("0 of 1 replicas"));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(Host.Services.Options.Redis.OperationTimeoutMs + 500)));
        }
        finally
        {
            foreach (int replica in replicas) Cluster.Pause(replica, paused: false);
        }
        Cluster.WaitHealthy(TimeSpan.FromSeconds(30));
        // The retry of the unacknowledged write goes through the idempotent path: applied once.
        var retry = await Ledger.ApplyAsync(LedgerOperation.Currency(acc, "w2", "test", "yuanbao", 7));
        Assert.That(retry.Status, Is.AnyOf(LedgerStatus.Applied, LedgerStatus.Replayed));
        Assert.That((await Ledger.GetWalletAsync(acc))["yuanbao"], Is.EqualTo(12));
    }

    [Test, Order(2)]
    public async Task KillingThePeriodsMasterUnderLoadLosesNoAcknowledgedWriteAndRecoversWithinTheBound()
    {
        var accounts = await FundedAccountsAsync(Bots, "cf");
        int victim = Cluster.MasterOfSlot(Host.Services.Redis.Connection.HashSlot(PeriodKeys.Code(Open)));
        // Wallet credits on the victim's slots beside the bargain load: each one answered Applied must be in the ledger afterwards.
        var credited = Enumerable.Range(0, 200).Select(_ => TestServer.NewAccount("c"))
            .Where(a => Cluster.MasterOfSlot(Host.Services.Redis.Connection.HashSlot(PlayerKeys.Wallet(a))) == victim).Take(4).ToList();
        var acknowledged = new ConcurrentQueue<(string Acc, string Key)>();
        var bots = new BargainBots(accounts, (acc, ip) => LoginAsync(acc, ip), TimeSpan.FromMilliseconds(25), reconnect: false);
        await using var probe = await LoginAsync(TestServer.NewAccount("probe"));
        probe.DefaultTimeout = Timeout;
        // Red packets on the victim, grabbed by their room's members before, during and after the kill.
        var grabs = await PacketGrabLoad.StartAsync(Host, Cluster, victim, Packets, Grabbers, acc => LoginAsync(acc),
            text => GmAsync(text));

        using var stop = new CancellationTokenSource();
        var load = bots.RunAsync(stop.Token);
        var grabbing = grabs.RunAsync(2, TimeSpan.FromMilliseconds(60), stop.Token);
        var credits = Task.Run(async () =>
        {
            int n = 0;
            while (!stop.IsCancellationRequested)
            {
                string acc = credited[n % credited.Count], key = $"k{n++}";
                try
                {
                    var outcome = await Ledger.ApplyAsync(LedgerOperation.Currency(acc, key, "test", "yuanbao", 1));
                    if (outcome.Status == LedgerStatus.Applied) acknowledged.Enqueue((acc, key));
                }
                catch (Exception ex) when (Core.Storage.RedisFaults.IsRedisFault(ex))
                {
                    await Task.Delay(20);
                }
            }
        });
        TimeSpan recovery;
        TimeSpan? grabsBack;
        try
        {
            Assert.That(await Eventually.TrueAsync(() => bots.Count(4, ResultCode.Success) >= 20 || !bots.Failures.IsEmpty, 20), Is.True,
                "helps before the kill");
            Assert.That(bots.Failures, Is.Empty);
            Assert.That(await Eventually.TrueAsync(() => grabs.Acknowledged.Count >= 5, 20), Is.True, "grabs before the kill");
            Cluster.Kill(victim);
            var watch = Stopwatch.StartNew();
            var killedAt = grabs.Now;
            int helped = bots.Count(4, ResultCode.Success);
            Assert.That(await Eventually.TrueAsync(() => !Cluster.Masters().Contains(victim), 10), Is.True, "failed over");
            TestContext.Out.WriteLine($"failed over {watch.ElapsedMilliseconds} ms after the kill");
            // Back: the bots' helps (on the period's slot, now the replica's) succeed again.
            await Eventually.TrueAsync(() => bots.Count(4, ResultCode.Success) > helped + 5, RecoveryBound.TotalSeconds + 5);
            recovery = watch.Elapsed;
            Assert.That(bots.Count(4, ResultCode.Success), Is.GreaterThan(helped + 5), "helps succeed again after the failover");
            Assert.That(recovery, Is.LessThan(RecoveryBound), "service back within the bound");
            // Grabs on the victim's packets succeed again within the bound too.
            await Eventually.TrueAsync(() => grabs.FirstAcknowledgedAfter(killedAt) is not null, RecoveryBound.TotalSeconds);
            grabsBack = grabs.FirstAcknowledgedAfter(killedAt) - killedAt;
            Assert.That(grabsBack, Is.Not.Null.And.LessThan(RecoveryBound), "grabs back within the bound");
            Assert.That(grabs.Faults, Is.GreaterThan(0), "grabs ran into the outage");
            Assert.That((await probe.RequestAsync((int)ModuleType.Player, 2)).Result, Is.EqualTo(0), "other requests served");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(load, credits, grabbing);
            Cluster.Restart(victim);
        }
        Cluster.WaitHealthy(TimeSpan.FromSeconds(30));
        TestContext.Out.WriteLine($"helps back {recovery.TotalMilliseconds:F0} ms after the kill, " +
            $"grabs {grabsBack!.Value.TotalMilliseconds:F0} ms; {acknowledged.Count} acknowledged credits, " +
            $"{grabs.Acknowledged.Count} acknowledged grabs ({grabs.Faults} grabs hit the outage); " +
            string.Join(", ", bots.Answers.OrderBy(a => a.Key).Select(a => $"{a.Key.Op}/{a.Key.Result}: {a.Value}")));
        Assert.That(bots.Failures, Is.Empty, "every request answered in time with an expected result");
        foreach (var group in acknowledged.GroupBy(a => a.Acc))
        {
            var keys = (await Host.Services.Redis.Db.StreamRangeAsync(PlayerKeys.Ledger(group.Key))).Select(e => e["key"].ToString())
                .ToHashSet();
            Assert.That(group.Select(a => a.Key).Where(k => !keys.Contains(k)), Is.Empty,
                $"acknowledged credits of {group.Key} missing after the failover");
        }
        Assert.That(await grabs.CheckAsync(), Is.Empty, "red packets grabbed during the failover");
        await grabs.DisposeAsync();
        await FinishCollectionsAsync((acc, ip) => LoginAsync(acc, ip));
        Assert.That(await CheckInvariantsAsync(), Is.Empty);
        Assert.That((await TestServer.Player(Host).Audit.RunAsync()).Complete, Is.True, "the audit reaches every master again");
    }
}
