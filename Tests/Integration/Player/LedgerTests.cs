using SocialGame.Modules.Player;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Tests.Infrastructure;
using StackExchange.Redis;

namespace SocialGame.Tests.Integration.Player;

/// <summary>The wallet and inventory under races and retries, against a real Redis.</summary>
[TestFixtureSource(typeof(RedisKinds), nameof(RedisKinds.Both))]
public class LedgerTests(RedisKind kind) : ServerFixture(kind)
{
    private Ledger Ledger => TestServer.Player(Host).Ledger;

    private static LedgerOperation Debit(string acc, string key, long amount, string currency = "yuanbao") =>
        LedgerOperation.Currency(acc, key, "test", currency, -amount);

    [Test]
    public async Task FiftyConcurrentDebitsNeverGoBelowZeroAndTheLedgerSumsToTheBalance()
    {
        string acc = TestServer.NewAccount();
        Assert.That((await Ledger.ApplyAsync(LedgerOperation.Currency(acc, "fund", "test", "yuanbao", 30))).Status,
            Is.EqualTo(LedgerStatus.Applied));
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => Ledger.ApplyAsync(Debit(acc, $"d{i}", 1)))));
        Assert.That(outcomes.Count(o => o.Status == LedgerStatus.Applied), Is.EqualTo(30));
        Assert.That(outcomes.Count(o => o.Status == LedgerStatus.Insufficient), Is.EqualTo(20));
        Assert.That((await Ledger.GetWalletAsync(acc))["yuanbao"], Is.EqualTo(0));
        var entries = await Host.Services.Redis.Db.StreamRangeAsync(PlayerKeys.Ledger(acc));
        Assert.That(entries.Sum(e => (long)e["delta"]), Is.EqualTo(0));
        Assert.That(entries.Length, Is.EqualTo(31), "one entry per applied change");
        var report = await TestServer.Player(Host).Audit.RunAsync();
        Assert.That(report.Mismatches.Where(m => m.Account == acc), Is.Empty);
    }

    [Test]
    public async Task OneIdempotencyKeyUsedByTwentyConcurrentRequestsAppliesOnce()
    {
        string acc = TestServer.NewAccount();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            Ledger.ApplyAsync(new LedgerOperation(acc, "grant-1", "test", [new CurrencyChange("gold", 100)], [new ItemChange(5001, 2)])))));
        Assert.That(outcomes.Count(o => o.Status == LedgerStatus.Applied), Is.EqualTo(1));
        Assert.That(outcomes.Count(o => o.Status == LedgerStatus.Replayed), Is.EqualTo(19));
        Assert.That(outcomes.Select(o => o.Balances["gold"]), Is.All.EqualTo(100), "a replay returns the first outcome");
        Assert.That((await Ledger.GetWalletAsync(acc))["gold"], Is.EqualTo(100));
        Assert.That((await Ledger.GetInventoryAsync(acc)).Single().Count, Is.EqualTo(2));
    }

    [Test]
    public async Task AKeyReusedForADifferentOperationIsAConflict()
    {
        string acc = TestServer.NewAccount();
        await Ledger.ApplyAsync(LedgerOperation.Currency(acc, "k", "test", "gold", 10));
        var again = await Ledger.ApplyAsync(LedgerOperation.Currency(acc, "k", "test", "gold", 20));
        Assert.That(again.Status, Is.EqualTo(LedgerStatus.Conflict));
        Assert.That((await Ledger.GetWalletAsync(acc))["gold"], Is.EqualTo(10));
    }

    [Test]
    public async Task PayingSeveralCurrenciesAndGrantingAnItemIsAllOrNothing()
    {
        string acc = TestServer.NewAccount();
        await Ledger.ApplyAsync(new LedgerOperation(acc, "fund", "test",
            [new CurrencyChange("gold", 50), new CurrencyChange("yuanbao", 5)], []));
        var buy = new LedgerOperation(acc, "buy", "test", [new CurrencyChange("gold", -40), new CurrencyChange("yuanbao", -10)],
            [new ItemChange(1002, 1)]);
        var refused = await Ledger.ApplyAsync(buy);
        Assert.That((refused.Status, refused.Short), Is.EqualTo((LedgerStatus.Insufficient, "yuanbao")));
        Assert.That(await Ledger.GetWalletAsync(acc), Is.EqualTo(new Dictionary<string, long> { ["gold"] = 50, ["yuanbao"] = 5 }),
            "gold was not taken either");
        Assert.That(await Ledger.GetInventoryAsync(acc), Is.Empty);
        await Ledger.ApplyAsync(LedgerOperation.Currency(acc, "topup", "test", "yuanbao", 5));
        Assert.That((await Ledger.ApplyAsync(buy)).Status, Is.EqualTo(LedgerStatus.Applied),
            "a failed key can be retried once the player can pay");
        Assert.That(await Ledger.GetWalletAsync(acc), Is.EqualTo(new Dictionary<string, long> { ["gold"] = 10, ["yuanbao"] = 0 }));
        Assert.That((await Ledger.GetInventoryAsync(acc)).Single().Item.Id, Is.EqualTo(1002));
    }

    [Test]
    public async Task TimedItemsExtendTheirExpiryAndExpiredItemsAreNotListedOrUsable()
    {
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        await using var host = await TestServer.StartAsync(Redis, "clocked", clock: clock);
        var ledger = TestServer.Player(host).Ledger;
        string acc = TestServer.NewAccount();
        long now = clock.UtcNow.ToUnixTimeSeconds();
        await ledger.ApplyAsync(new LedgerOperation(acc, "g1", "test", [], [new ItemChange(1001, 1)]));
        await ledger.ApplyAsync(new LedgerOperation(acc, "g2", "test", [], [new ItemChange(1001, 1)]));
        var frame = (await ledger.GetInventoryAsync(acc)).Single();
        Assert.That((frame.Count, frame.ExpireTime), Is.EqualTo((1L, now + 14 * 86400)), "7 days + 7 days");
        clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromSeconds(1));
        Assert.That(await ledger.GetInventoryAsync(acc), Is.Empty);
        var use = await ledger.ApplyAsync(new LedgerOperation(acc, "use", "test", [], [new ItemChange(1001, -1)]));
        Assert.That(use.Status, Is.EqualTo(LedgerStatus.InsufficientItems));
        await ledger.ApplyAsync(new LedgerOperation(acc, "g3", "test", [], [new ItemChange(1001, 1)]));
        Assert.That((await ledger.GetInventoryAsync(acc)).Single().ExpireTime, Is.EqualTo(clock.UtcNow.ToUnixTimeSeconds() + 7 * 86400),
            "granted again after expiry: a fresh week from now");
    }

    [Test]
    public void BadOperationsAreRefusedBeforeAnythingIsWritten()
    {
        string acc = TestServer.NewAccount();
        Assert.That(Ledger.Check(LedgerOperation.Currency(acc, "k", "t", "diamonds", 1)),
            Is.EqualTo(new LedgerProblem(LedgerProblemKind.UnknownCurrency, "diamonds")));
        Assert.That(Ledger.Check(LedgerOperation.Currency(acc, "k", "t", "gold", 0))?.Kind, Is.EqualTo(LedgerProblemKind.BadAmount));
        Assert.That(Ledger.Check(LedgerOperation.Currency(acc, "k", "t", "gold", long.MaxValue))?.Kind,
            Is.EqualTo(LedgerProblemKind.BadAmount));
        Assert.That(Ledger.Check(LedgerOperation.Currency(acc, "bad key", "t", "gold", 1))?.Kind, Is.EqualTo(LedgerProblemKind.BadKey));
        Assert.That(Ledger.Check(new LedgerOperation(acc, "k", "t", [], [new ItemChange(424242, 1)])),
            Is.EqualTo(new LedgerProblem(LedgerProblemKind.UnknownItem, "424242")));
        Assert.That(Ledger.Check(LedgerOperation.Currency(acc, "k", "t", "diamonds", 1))?.Message, Is.EqualTo("unknown currency diamonds"));
        Assert.ThrowsAsync<ArgumentException>(() => Ledger.ApplyAsync(LedgerOperation.Currency(acc, "k", "t", "diamonds", 1)));
    }

    [Test]
    public async Task TimedItemsExtendedBeyondTheCenturyStopAtItsEnd()
    {
        // 7-day frames granted a million at a time: the expiry adds up to far beyond anything stored as an integer.
        string acc = await TestServer.KnownAccountAsync(Host);
        for (int i = 0; i < 3; i++) await TestServer.GmAsync(Host, $"//gm additem {acc} 1001 1000000");
        var frame = (await Ledger.GetInventoryAsync(acc)).Single(i => i.Item.Id == 1001);
        Assert.That(frame.ExpireTime, Is.EqualTo(4_102_444_800), "2100-01-01, and the inventory still reads");
    }

    [Test]
    public async Task GmCommandsChangeWalletsAndInventoriesThroughTheLedger()
    {
        string acc = TestServer.NewAccount();
        await using var client = await TestServer.LoginAsync(Host, acc);
        Assert.That(await TestServer.GmAsync(Host, $"//gm addmoney {acc} yuanbao 120"), Does.Contain("120"));
        await TestServer.GmAsync(Host, $"//gm addmoney {acc} yuanbao -500", ResultCode.InsufficientFunds);
        await TestServer.GmAsync(Host, $"//gm addmoney {acc} rubies 5", ResultCode.ParamError);
        await TestServer.GmAsync(Host, $"//gm addmoney {acc} gold 99999999999999999999", ResultCode.ParamError);
        await TestServer.GmAsync(Host, $"//gm addmoney {acc} gold {long.MinValue}", ResultCode.ParamError);
        await TestServer.GmAsync(Host, $"//gm additem {acc} 5001 {long.MinValue}", ResultCode.ParamError);
        await TestServer.GmAsync(Host, $"//gm additem {acc} 5001 3");
        await TestServer.GmAsync(Host, $"//gm additem {acc} 77 3", ResultCode.ParamError);
        var balances = (await client.RequestAsync(PlayerProtocol.GetWallet)).Wallet;
        Assert.That((balances["gold"], balances["yuanbao"]), Is.EqualTo((0L, 120L)));
        var item = (await client.RequestAsync(PlayerProtocol.GetInventory)).Items.Single();
        Assert.That((item.ItemId, item.Kind, item.Count), Is.EqualTo((5001, "ring", 3L)));
        Assert.That(await TestServer.GmAsync(Host, "//gm audit"), Does.Contain("every balance equals its ledger"));
    }

    [Test]
    public async Task TheAuditFindsABalanceChangedBehindTheLedgersBack()
    {
        var redis = new RedisServer();
        try
        {
            await using var host = await TestServer.StartAsync(redis, "audited");
            string acc = TestServer.NewAccount();
            await TestServer.Player(host).Ledger.ApplyAsync(LedgerOperation.Currency(acc, "k", "t", "gold", 10));
            Assert.That((await TestServer.Player(host).Audit.RunAsync()).Mismatches, Is.Empty);
            await host.Services.Redis.Db.HashIncrementAsync(PlayerKeys.Wallet(acc), "gold", 5);
            var report = await TestServer.Player(host).Audit.RunAsync();
            Assert.That(report.Mismatches, Is.EqualTo(new[] { new AuditMismatch(acc, "gold", 15, 10) }));
            await TestServer.GmAsync(host, "//gm audit", ResultCode.DataError);
        }
        finally
        {
            redis.Dispose();
        }
    }
}
