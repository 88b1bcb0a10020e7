using SocialGame.Modules.Player;
using SocialGame.Modules.Store;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Store;

/// <summary>Per-account counters of a ledger operation: checked and counted in the same atomic step as the debit and grant.</summary>
[TestFixtureSource(typeof(RedisKinds), nameof(RedisKinds.Both))]
public class LedgerCounterTests(RedisKind kind) : ServerFixture(kind)
{
    private Ledger Ledger => TestServer.Player(Host).Ledger;

    private static LedgerOperation Buy(string acc, string key, long limit, long increment = 1, long expireAt = 0) =>
        new(acc, key, "test", [new CurrencyChange("gold", -10)], [new ItemChange(5001, 1)])
        {
            Counters = [new LedgerCounter(StoreKeys.Counter(acc, "test", 1, "ever"), limit, increment, expireAt)],
        };

    [Test]
    public async Task ThirtyConcurrentBuysOfALimitOfThreeApplyThreeAndTheOthersChangeNothing()
    {
        string acc = TestServer.NewAccount();
        await Ledger.ApplyAsync(LedgerOperation.Currency(acc, "fund", "test", "gold", 1000));
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => Ledger.ApplyAsync(Buy(acc, $"b{i}", 3)))));
        Assert.That(outcomes.Count(o => o.Status == LedgerStatus.Applied), Is.EqualTo(3));
        var refused = outcomes.Where(o => o.Status != LedgerStatus.Applied).ToList();
        Assert.That(refused.Select(o => o.Status), Is.All.EqualTo(LedgerStatus.CounterLimit));
        Assert.That(refused.Select(o => o.Short), Is.All.EqualTo(StoreKeys.Counter(acc, "test", 1, "ever")));
        Assert.That((await Ledger.GetWalletAsync(acc))["gold"], Is.EqualTo(970));
        Assert.That((await Ledger.GetInventoryAsync(acc)).Single().Count, Is.EqualTo(3));
        Assert.That((long)await Host.Services.Redis.Db.StringGetAsync(StoreKeys.Counter(acc, "test", 1, "ever")), Is.EqualTo(3));
    }

    [Test]
    public async Task AGiveBackLowersACounterToZeroAtMostAndLeavesACounterThatIsGoneAlone()
    {
        string acc = TestServer.NewAccount();
        string counter = StoreKeys.Counter(acc, "test", 1, "ever");
        await Ledger.ApplyAsync(LedgerOperation.Currency(acc, "fund", "test", "gold", 1000));
        Assert.That((await Ledger.ApplyAsync(Buy(acc, "b1", 3))).Status, Is.EqualTo(LedgerStatus.Applied));
        Assert.That((await Ledger.ApplyAsync(Buy(acc, "b2", 3))).Status, Is.EqualTo(LedgerStatus.Applied));
        var back = LedgerOperation.Currency(acc, "back1", "test", "gold", 10) with { Counters = [new LedgerCounter(counter, 3, -1, 0)] };
        Assert.That((await Ledger.ApplyAsync(back)).Status, Is.EqualTo(LedgerStatus.Applied));
        Assert.That((long)await Host.Services.Redis.Db.StringGetAsync(counter), Is.EqualTo(1), "2 counted, 1 given back");
        var more = back with { Key = "back2", Counters = [new LedgerCounter(counter, 3, -5, 0)] };
        Assert.That((await Ledger.ApplyAsync(more)).Status, Is.EqualTo(LedgerStatus.Applied));
        Assert.That((long)await Host.Services.Redis.Db.StringGetAsync(counter), Is.Zero, "never below zero");
        await Host.Services.Redis.Db.KeyDeleteAsync(counter); // its period over
        Assert.That((await Ledger.ApplyAsync(more with { Key = "back3" })).Status, Is.EqualTo(LedgerStatus.Applied));
        Assert.That(await Host.Services.Redis.Db.KeyExistsAsync(counter), Is.False, "not made again by a give-back");
        var applied = new List<LedgerStatus>();
        for (int i = 0; i < 4; i++) applied.Add((await Ledger.ApplyAsync(Buy(acc, $"c{i}", 3))).Status);
        Assert.That(applied,
            Is.EqualTo(new[] { LedgerStatus.Applied, LedgerStatus.Applied, LedgerStatus.Applied, LedgerStatus.CounterLimit }));
    }

    [Test]
    public async Task AGiveBackAppliesEvenWhenTheCounterIsAboveTheLimitItCarries()
    {
        // the limit was raised after the payment and later buys counted past the payment's limit: its refund still gives back
        string acc = TestServer.NewAccount();
        string counter = StoreKeys.Counter(acc, "test", 1, "ever");
        await Ledger.ApplyAsync(LedgerOperation.Currency(acc, "fund", "test", "gold", 1000));
        for (int i = 0; i < 3; i++) Assert.That((await Ledger.ApplyAsync(Buy(acc, $"r{i}", 5))).Status, Is.EqualTo(LedgerStatus.Applied));
        var back = LedgerOperation.Currency(acc, "refund1", "test", "gold", 10) with { Counters = [new LedgerCounter(counter, 1, -1, 0)] };
        Assert.That((await Ledger.ApplyAsync(back)).Status, Is.EqualTo(LedgerStatus.Applied), "refunded, not refused as over the limit");
        Assert.That((long)await Host.Services.Redis.Db.StringGetAsync(counter), Is.EqualTo(2));
    }

    [Test]
    public async Task ARefusedCounterWritesNothingAndAReplayIgnoresTheLimit()
    {
        string acc = TestServer.NewAccount();
        await Ledger.ApplyAsync(LedgerOperation.Currency(acc, "fund", "test", "gold", 100));
        Assert.That((await Ledger.ApplyAsync(Buy(acc, "one", 1))).Status, Is.EqualTo(LedgerStatus.Applied));
        var second = await Ledger.ApplyAsync(Buy(acc, "two", 1));
        Assert.That((second.Status, second.ToResult()), Is.EqualTo((LedgerStatus.CounterLimit, Protocol.ResultCode.PurchaseLimit)));
        Assert.That(await Ledger.WasAppliedAsync(acc, "two"), Is.False, "no idempotency key for a refusal");
        Assert.That((await Ledger.ApplyAsync(Buy(acc, "one", 1))).Status, Is.EqualTo(LedgerStatus.Replayed),
            "the first outcome, limit or not");
        Assert.That((await Ledger.GetWalletAsync(acc))["gold"], Is.EqualTo(90));
        var stream = await Host.Services.Redis.Db.StreamRangeAsync(PlayerKeys.Ledger(acc));
        Assert.That(stream.Length, Is.EqualTo(3), "fund, the debit and the grant of the one applied buy");
    }

    [Test]
    public async Task TheCountersArePartOfTheFingerprint()
    {
        string acc = TestServer.NewAccount();
        await Ledger.ApplyAsync(LedgerOperation.Currency(acc, "fund", "test", "gold", 100));
        Assert.That((await Ledger.ApplyAsync(Buy(acc, "k", 5))).Status, Is.EqualTo(LedgerStatus.Applied));
        Assert.That((await Ledger.ApplyAsync(Buy(acc, "k", 5, increment: 2))).Status, Is.EqualTo(LedgerStatus.Conflict));
        var without = new LedgerOperation(acc, "k", "test", [new CurrencyChange("gold", -10)], [new ItemChange(5001, 1)]);
        Assert.That((await Ledger.ApplyAsync(without)).Status, Is.EqualTo(LedgerStatus.Conflict), "the same changes without the counter");
    }

    [Test]
    public async Task ACounterExpiresAtItsResetTime()
    {
        string acc = TestServer.NewAccount();
        await Ledger.ApplyAsync(LedgerOperation.Currency(acc, "fund", "test", "gold", 100));
        long reset = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600;
        await Ledger.ApplyAsync(Buy(acc, "e", 5, expireAt: reset));
        var ttl = await Host.Services.Redis.Db.KeyTimeToLiveAsync(StoreKeys.Counter(acc, "test", 1, "ever"));
        Assert.That(ttl!.Value.TotalSeconds, Is.InRange(3500, 3601));
    }

    [Test]
    public void ACounterOutsideTheAccountsSpaceOrWithABadIncrementIsRefusedBeforeRedis()
    {
        string acc = TestServer.NewAccount(), other = TestServer.NewAccount();
        var foreign = Buy(acc, "f", 1) with { Counters = [new LedgerCounter(StoreKeys.Counter(other, "test", 1, "ever"), 1, 1, 0)] };
        Assert.That(Ledger.Check(foreign)?.Kind, Is.EqualTo(LedgerProblemKind.BadCounter));
        Assert.That(Ledger.Check(Buy(acc, "z", 1, increment: 0))?.Kind, Is.EqualTo(LedgerProblemKind.BadCounter));
        Assert.ThrowsAsync<ArgumentException>(() => Ledger.ApplyAsync(foreign));
    }
}
