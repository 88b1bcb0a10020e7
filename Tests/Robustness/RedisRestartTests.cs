using System.Collections.Concurrent;
using System.Diagnostics;
using SocialGame.Client;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Gm;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Robustness;

/// <summary>
/// Redis killed under bargain and wallet load and started again from its append-only file: meanwhile every
/// request is answered (redis_error or a normal result) within the client timeout, the node stays up and
/// recovers by itself within seconds, and afterwards every bargain and ledger invariant holds.
/// </summary>
public class RedisRestartTests : BargainLoadFixture
{
    private const int Bots = 16;

    [Test]
    public async Task RedisKilledUnderLoadAnswersRedisErrorThenRecoversWithEveryInvariantKept()
    {
        var accounts = await FundedAccountsAsync(Bots, "rr");
        var bots = new BargainBots(accounts, (acc, ip) => LoginAsync(acc, ip), TimeSpan.FromMilliseconds(25), reconnect: false);
        await using var gm = await LoginAsync("gm");
        gm.DefaultTimeout = Timeout;
        await using var probe = await LoginAsync(TestServer.NewAccount("probe"));
        probe.DefaultTimeout = Timeout;
        var gmFailures = new ConcurrentQueue<string>();

        using var stop = new CancellationTokenSource();
        var load = bots.RunAsync(stop.Token);
        var funding = Task.Run(async () =>
        {
            // wallet writes beside the bargain payments: one yuanbao at a time to a random bot
            var random = new Random(3);
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(40); // pacing of the wallet writes
                var reply = await gm.RequestAsync(GmProtocol.Command,
                    new GmCommandRequest { Text = $"//gm addmoney {accounts[random.Next(Bots)]} yuanbao 1" });
                if (reply.Result is not (0 or (int)ResultCode.RedisError)) gmFailures.Enqueue($"gm addmoney answered {reply.Result}");
            }
        });
        try
        {
            Assert.That(await Eventually.TrueAsync(() => bots.Count(5, ResultCode.Success) >= 10 || !bots.Failures.IsEmpty, 20), Is.True,
                "goods collected before the outage");
            Assert.That(bots.Failures, Is.Empty);

            int errorsBefore = bots.Count(ResultCode.RedisError), errorsDuring;
            Standalone.Stop();
            try
            {
                await Task.Delay(2000); // the behaviour under test: an outage of two seconds under load
                errorsDuring = bots.Count(ResultCode.RedisError) - errorsBefore;
            }
            finally
            {
                Standalone.Start();
            }
            Assert.That(errorsDuring, Is.GreaterThan(Bots), "requests answered redis_error during the outage");
            Assert.That(bots.Count(5, ResultCode.RedisError), Is.GreaterThan(0), "getgoods cut short by the outage");

            var watch = Stopwatch.StartNew();
            int wallet = -1;
            while (watch.Elapsed < TimeSpan.FromSeconds(15) && wallet != 0)
            {
                wallet = (await probe.RequestAsync(PlayerProtocol.GetWallet)).Result;
                if (wallet != 0) await Task.Delay(50);
            }
            var recovery = watch.Elapsed;
            Assert.That(wallet, Is.EqualTo(0), "requests succeed again after Redis is back");
            Assert.That(recovery, Is.LessThan(TimeSpan.FromSeconds(5)), "recovered within seconds");

            int collected = bots.Count(5, ResultCode.Success), helped = bots.Count(4, ResultCode.Success);
            await Eventually.TrueAsync(() => (bots.Count(5, ResultCode.Success) >= collected + 10
                && bots.Count(4, ResultCode.Success) > helped) || !bots.Failures.IsEmpty, 20);
            Assert.That(bots.Count(5, ResultCode.Success), Is.GreaterThanOrEqualTo(collected + 10),
                "goods collected again after the restart");
            Assert.That(bots.Count(4, ResultCode.Success), Is.GreaterThan(helped), "helps succeed again after the restart");
            TestContext.Out.WriteLine($"recovered in {recovery.TotalMilliseconds:F0} ms; {errorsDuring} redis_error answers during the " +
                $"outage");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(load, funding);
        }
        Assert.That(bots.Failures, Is.Empty, "every request answered in time with an expected result");
        Assert.That(gmFailures, Is.Empty);
        TestContext.Out.WriteLine(string.Join(", ", bots.Answers.OrderBy(a => a.Key).Select(a => $"{a.Key.Op}/{a.Key.Result}: {a.Value}")));

        int finished = await FinishCollectionsAsync((acc, ip) => LoginAsync(acc, ip));
        TestContext.Out.WriteLine($"{finished} collections cut short by the outage finished afterwards; {bots.Repeated} getgoods repeated");
        Assert.That(bots.Repeated, Is.GreaterThan(0), "getgoods answered redis_error were repeated after the restart and completed");
        Assert.That(await CheckInvariantsAsync(), Is.Empty);
        await using var fresh = await LoginAsync(TestServer.NewAccount("after"));
        Assert.That((await fresh.RequestAsync(PlayerProtocol.GetWallet)).Result, Is.EqualTo(0), "the node still serves new players");
    }
}
