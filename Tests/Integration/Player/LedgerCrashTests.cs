using SocialGame.Modules.Player;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Player;

/// <summary>Redis killed (SIGKILL) in the middle of paid purchases, then restarted from its append-only file.</summary>
public class LedgerCrashTests
{
    [Test]
    public async Task ACrashInTheMiddleOfPurchasesLeavesEachEitherWholeOrNotAtAll()
    {
        using var redis = new RedisServer(durable: true);
        await using var host = await TestServer.StartAsync(redis, "crash");
        var ledger = TestServer.Player(host).Ledger;
        var accounts = Enumerable.Range(0, 20).Select(_ => TestServer.NewAccount("c")).ToList();
        foreach (var acc in accounts) await ledger.ApplyAsync(LedgerOperation.Currency(acc, "fund", "test", "yuanbao", 1_000_000));

        using var stop = new CancellationTokenSource();
        int applied = 0;
        var buyers = accounts.Select(acc => Task.Run(async () =>
        {
            for (int i = 0; i < 100_000 && !stop.IsCancellationRequested; i++)
            {
                try
                {
                    await ledger.ApplyAsync(new LedgerOperation(acc, $"buy{i}", "buy ring", [new CurrencyChange("yuanbao", -10)],
                        [new ItemChange(5001, 1)]));
                    Interlocked.Increment(ref applied);
                }
                catch (Exception ex) when (Core.Storage.RedisFaults.IsRedisFault(ex))
                {
                    // the crash: this purchase may or may not have happened
                }
            }
        })).ToList();
        await Eventually.ThatAsync(() => Volatile.Read(ref applied) >= 200, "200 purchases applied, so the crash comes in full flow", 30);
        redis.Stop();
        await stop.CancelAsync();
        await Task.WhenAll(buyers);
        redis.Start();
        Assert.That(await Eventually.TrueAsync(() => host.Services.Redis.PingAsync(), 15), Is.True, "reconnected");

        int bought = 0;
        foreach (var acc in accounts)
        {
            long spent = 1_000_000 - (await ledger.GetWalletAsync(acc))["yuanbao"];
            long rings = (await ledger.GetInventoryAsync(acc)).SingleOrDefault().Count;
            Assert.That(spent, Is.EqualTo(10 * rings), $"{acc}: every ring paid for and every payment has its ring");
            bought += (int)rings;
        }
        Assert.That(bought, Is.GreaterThan(0), "purchases happened before the crash");
        Assert.That((await TestServer.Player(host).Audit.RunAsync()).Mismatches, Is.Empty);
    }
}
