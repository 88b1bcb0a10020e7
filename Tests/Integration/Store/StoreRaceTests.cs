using SocialGame.Modules.Player;
using SocialGame.Modules.Store;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.System;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Integration.Store.StoreKit;

namespace SocialGame.Tests.Integration.Store;

/// <summary>Purchases racing across two nodes: limits and stock hold, nothing is granted twice, a crash's held stock comes back.</summary>
[TestFixtureSource(typeof(RedisKinds), nameof(RedisKinds.Both))]
public class StoreRaceTests(RedisKind kind) : RedisFixture(kind)
{
    private ServerHost _a = null!, _b = null!;

    [OneTimeSetUp]
    public async Task StartNodes()
    {
        string dir = ConfigWith(OneStore(Ring(1, ", \"limits\": { \"ever\": 1 }"), Ring(2, ", \"stock\": 10"), Ring(3, ", \"stock\": 5")));
        _a = await TestServer.StartAsync(Redis, "nodeA", configDir: dir);
        _b = await TestServer.StartAsync(Redis, "nodeB", configDir: dir);
    }

    [OneTimeTearDown]
    public async Task StopNodes()
    {
        await _a.StopAsync();
        await _b.StopAsync();
    }

    [Test]
    public async Task OneAccountBuyingALimitOfOneFromTwoNodesWhileItsLoginsKickEachOtherBuysOnce()
    {
        for (int round = 0; round < 5; round++)
        {
            var (first, acc) = await PlayerAsync(_a, gold: 1000);
            await using var _f = first;
            var buyOnA = Enumerable.Range(0, 5).Select(i => first.BuyAsync("t", 1, 10, $"a{i}").ContinueWith(t => t.IsCompletedSuccessfully
                ? t.Result.Result : -1)).ToList();
            // the same account logs in on node B (kicking node A's connection) and buys at once
            var second = await TestServer.ConnectAsync(_b);
            await using var _s = second;
            var login = await second.RequestAsync(SystemProtocol.Login, new LoginRequest { Acc = acc, Token = TestServer.Token(acc) });
            Assert.That(login.Result, Is.Zero);
            var buyOnB = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => second.BuyAsync("t", 1, 10, $"b{i}")));
            var onA = await Task.WhenAll(buyOnA);
            // answers to node A's connection may be lost to the kick; what was bought is read from the ledger
            int answered = onA.Count(r => r == 0) + buyOnB.Count(r => r.Result == 0);
            Assert.That(answered, Is.LessThanOrEqualTo(1),
                $"round {round}: A {string.Join(",", onA)} B {string.Join(",", buyOnB.Select(r => r.Result))}");
            Assert.That(buyOnB.Where(r => r.Result != 0).Select(r => r.Result), Is.All.EqualTo((int)ResultCode.PurchaseLimit));
            Assert.That(await GoldAsync(_a, acc), Is.EqualTo(990));
            Assert.That(await HeldAsync(_a, acc, 5001), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task FiftyBuyersForAStockOfTenAcrossTwoNodesBuyExactlyTenAndTheOthersKeepTheirGold()
    {
        var players = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => PlayerAsync(i % 2 == 0 ? _a : _b, gold: 100)));
        try
        {
            var replies = await Task.WhenAll(players.Select(p => p.Client.BuyAsync("t", 2, 10, "stock")));
            Assert.That(replies.Count(r => r.Result == 0), Is.EqualTo(10));
            Assert.That(replies.Where(r => r.Result != 0).Select(r => r.Result), Is.All.EqualTo((int)ResultCode.SoldOut));
            for (int i = 0; i < players.Length; i++)
            {
                bool won = replies[i].Result == 0;
                Assert.That(await GoldAsync(_a, players[i].Acc), Is.EqualTo(won ? 90 : 100));
                Assert.That(await HeldAsync(_a, players[i].Acc, 5001), Is.EqualTo(won ? 1 : 0));
            }
            var store = StoreOf(_a);
            Assert.That((await store.Stock.LeftAsync([StoreKeys.Field("t", 2)]))[0], Is.Zero);
            Assert.That((await store.Stock.SalesAsync())[StoreKeys.Field("t", 2)], Is.EqualTo(10));
            Assert.That((await players[0].Client.ItemAsync("t", 2)).Reason, Is.EqualTo((int)ResultCode.SoldOut));
        }
        finally
        {
            foreach (var p in players) await p.Client.DisposeAsync();
        }
    }

    [Test]
    public async Task StockHeldByABuyThatDiedIsGivenBackByTheSweepOnceAndASoldOneStaysSold()
    {
        var store = StoreOf(_a);
        string acc = TestServer.NewAccount(), paid = TestServer.NewAccount();
        // a buy took stock and died before its ledger operation
        var lost = await store.Stock.TakeAsync(acc, StoreKeys.Field("t", 3), 2, 5, "store:lost");
        // another took stock, was paid and died before settling
        var sold = await store.Stock.TakeAsync(paid, StoreKeys.Field("t", 3), 1, 5, "store:sold");
        Assert.That(lost, Is.Not.Null, "the first hold took stock");
        Assert.That(sold, Is.Not.Null, "the second hold took stock");
        await TestServer.Player(_a).Ledger.ApplyAsync(new LedgerOperation(paid, "store:sold", "test", [], [new ItemChange(5001, 1)]));
        Assert.That((await store.Stock.LeftAsync([StoreKeys.Field("t", 3)]))[0], Is.EqualTo(2));

        // both nodes sweep at once: each hold is settled by one of them
        var swept = await Task.WhenAll(StoreOf(_a).Stock.SweepAsync(TimeSpan.Zero), StoreOf(_b).Stock.SweepAsync(TimeSpan.Zero));
        Assert.That(swept.Sum(), Is.EqualTo(2));
        Assert.That((await store.Stock.LeftAsync([StoreKeys.Field("t", 3)]))[0], Is.EqualTo(4), "the lost buy's 2 are back");
        Assert.That((await store.Stock.SalesAsync())[StoreKeys.Field("t", 3)], Is.EqualTo(1));
        Assert.That(await store.Stock.SweepAsync(TimeSpan.Zero), Is.Zero);
        Assert.That(await store.Stock.SettleAsync(lost!, sold: false), Is.False, "the buy waking up late gives nothing back twice");
        Assert.That((await store.Stock.LeftAsync([StoreKeys.Field("t", 3)]))[0], Is.EqualTo(4));
    }
}
