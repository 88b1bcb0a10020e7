using SocialGame.Core.Time;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Store;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Integration.Store.StoreKit;

namespace SocialGame.Tests.Integration.Store;

/// <summary>The shipped stores (Config/stores.json) through real sockets: listing, buying with limits, repeats and refusals.</summary>
public class StoreBuyTests : ServerFixture
{
    [Test]
    public async Task TheStoresAndTheirTabsAreListedInOrder()
    {
        var (client, _) = await PlayerAsync(Host);
        await using var _c = client;
        var stores = await client.RequestAsync(StoreProtocol.Stores);
        Assert.That(stores.Stores.Select(s => s.Id), Is.EqualTo(new[] { "vip", "aquarium" }));
        Assert.That(stores.Stores[1].Tabs.Select(t => t.Id), Is.EqualTo(new[] { "fish", "tanks", "decor" }));
        Assert.That(stores.Stores[0].Name, Is.EqualTo("会员商城 VIP store"));
    }

    [Test]
    public async Task AnItemWithADailyLimitSellsOnceADayAndSaysWhenItResets()
    {
        var (client, acc) = await PlayerAsync(Host, gold: 10_000);
        await using var _c = client;
        var before = await client.ItemAsync("vip", 103);
        Assert.That((before.CanBuy, before.Label, before.Price, before.Currency, before.Left, before.Category),
            Is.EqualTo((1, "每日限购1 1 a day", 2000L, "gold", 1L, "home_effect")));
        var bought = await client.BuyAsync("vip", 103, 2000, "r1");
        Assert.That((bought.Result, bought.Balances["gold"]), Is.EqualTo((0, 8000L)), bought.ToJson());
        Assert.That(await HeldAsync(Host, acc, 3002), Is.EqualTo(1));

        var again = await client.BuyAsync("vip", 103, 2000, "r2");
        var tomorrow = Host.Services.Calendar.DayOf(DateTimeOffset.UtcNow).End.ToUnixTimeSeconds();
        Assert.That((again.Result, again.ResetAt, again.ReasonText), Is.EqualTo(((int)ResultCode.PurchaseLimit, tomorrow,
            "今日已售罄 Sold out today")));
        var after = await client.ItemAsync("vip", 103);
        Assert.That((after.CanBuy, after.Reason, after.Bought, after.Left, after.ResetAt),
            Is.EqualTo((0, (int)ResultCode.PurchaseLimit, 1L, 0L, tomorrow)));
        Assert.That(await GoldAsync(Host, acc), Is.EqualTo(8000));
        Assert.That(TestLogging.DataLogLines().Any(l => l.Contains("\"op\":\"store buy\"") && l.Contains(acc)), Is.True);
    }

    [Test]
    public async Task ARepeatReturnsTheFirstOutcomeAndTheRequestIdForAnotherItemIsRefused()
    {
        var (client, acc) = await PlayerAsync(Host, gold: 10_000);
        await using var _c = client;
        Assert.That((await client.BuyAsync("vip", 103, 2000, "same")).Result, Is.Zero);
        var repeat = await client.BuyAsync("vip", 103, 2000, "same");
        Assert.That((repeat.Result, repeat.Balances["gold"]), Is.EqualTo((0, 8000L)), "the limit is reached, yet a repeat replays");
        var other = await client.BuyAsync("aquarium", 202, 80, "same");
        Assert.That(other.Result, Is.EqualTo((int)ResultCode.RequestConflict));
        var more = await client.BuyAsync("vip", 107, 1000, "again", count: 2);
        Assert.That((await client.BuyAsync("vip", 107, 1000, "again", count: 3)).Result, Is.EqualTo((int)ResultCode.RequestConflict));
        Assert.That(more.Result, Is.Zero);
        Assert.That(await GoldAsync(Host, acc), Is.EqualTo(6000));
        Assert.That(await HeldAsync(Host, acc, 10002), Is.Zero);
        Assert.That(await HeldAsync(Host, acc, 7002), Is.EqualTo(2));
    }

    [Test]
    public async Task AChangedPriceAnswersTheNewOneAndMovesNothing()
    {
        var (client, acc) = await PlayerAsync(Host, gold: 10_000);
        await using var _c = client;
        var reply = await client.BuyAsync("aquarium", 201, 90, "p1");
        Assert.That((reply.Result, reply.Price), Is.EqualTo(((int)ResultCode.PriceChanged, 100L)));
        Assert.That(await GoldAsync(Host, acc), Is.EqualTo(10_000));
        Assert.That((await client.BuyAsync("aquarium", 201, 100, "p1")).Result, Is.Zero, "nothing was kept of the refused request");
    }

    [Test]
    public async Task APurchaseForAnotherAccountRefundedInsteadOfDeliveredGivesItsStockBackAndCountsNoSale()
    {
        var store = StoreOf(Host);
        var (payer, friend) = await PayerAndFriendAsync(yuanbao: 1000);
        var def = store.Options.Find("aquarium")!;
        var db = Host.Services.Redis.Db;
        long Left(long?[] left) => left[0] ?? def.Find(203)!.Stock!.Value;
        long before = Left(await store.Stock.LeftAsync(["aquarium:203"]));
        long sales = (long?)await db.HashGetAsync(Modules.Store.StoreKeys.Sales, "aquarium:203") ?? 0;
        var gifting = store.Gifting;
        store.Gifting = new AtTheGrant(() => ResultCode.RecipientIneligible);
        try
        {
            var reply = await store.BuyAsync(new Modules.Store.BuyOrder(def, def.Find(203)!, 1, 200, "sg1", payer, friend), null);
            Assert.That(reply.Result, Is.EqualTo((int)ResultCode.RecipientIneligible), reply.ToJson());
        }
        finally
        {
            store.Gifting = gifting;
        }
        Assert.That((await TestServer.Player(Host).Ledger.GetWalletAsync(payer))["yuanbao"], Is.EqualTo(1000), "refunded");
        Assert.That(Left(await store.Stock.LeftAsync(["aquarium:203"])), Is.EqualTo(before), "the stock it held is back");
        Assert.That((long?)await db.HashGetAsync(Modules.Store.StoreKeys.Sales, "aquarium:203") ?? 0, Is.EqualTo(sales), "no sale");
    }

    [Test]
    public async Task ABuyForAFriendRefundedLiveOrByTheSweepGivesThePayerItsPurchaseLimitBack()
    {
        // item 201: 100 gold, at most 5 a day
        var store = StoreOf(Host);
        var def = store.Options.Find("aquarium")!;
        var (payer, friend) = await PayerAndFriendAsync(gold: 2000);
        var gifting = store.Gifting;
        try
        {
            store.Gifting = new AtTheGrant(() => ResultCode.RecipientIneligible);
            var live = await store.BuyAsync(new Modules.Store.BuyOrder(def, def.Find(201)!, 3, 100, "lim1", payer, friend), null);
            Assert.That(live.Result, Is.EqualTo((int)ResultCode.RecipientIneligible), live.ToJson());
            store.Gifting = new AtTheGrant(() => throw new InvalidOperationException("the node stops"));
            Assert.CatchAsync<InvalidOperationException>(() =>
                store.BuyAsync(new Modules.Store.BuyOrder(def, def.Find(201)!, 2, 100, "lim2", payer, friend), null));
            store.Gifting = new AtTheGrant(() => ResultCode.RecipientIneligible);
            Assert.That(await store.FinishGiftsDueAsync(TimeSpan.Zero), Is.EqualTo(1));
        }
        finally
        {
            store.Gifting = gifting;
        }
        Assert.That(await GoldAsync(Host, payer), Is.EqualTo(2000), "both refunded");
        var own = await store.BuyAsync(new Modules.Store.BuyOrder(def, def.Find(201)!, 5, 100, "lim3", payer, payer), null);
        Assert.That(own.Result, Is.Zero, "the day's 5 are the payer's again: " + own.ToJson());
        var sixth = await store.BuyAsync(new Modules.Store.BuyOrder(def, def.Find(201)!, 1, 100, "lim4", payer, payer), null);
        Assert.That(sixth.Result, Is.EqualTo((int)ResultCode.PurchaseLimit), "and the limit still holds");
        Assert.That(await GoldAsync(Host, payer), Is.EqualTo(1500));
    }

    [Test]
    public async Task ABuyForAFriendWhoseNodeStoppedBeforeTheDeliveryIsDeliveredOrRefundedOnceByTheSweep()
    {
        var store = StoreOf(Host);
        var def = store.Options.Find("aquarium")!;
        var db = Host.Services.Redis.Db;
        string friend = await TestServer.KnownAccountAsync(Host);
        var gifting = store.Gifting;
        var results = new List<int>();
        foreach (var ineligibleLater in new[] { false, true })
        {
            var (client, payer) = await PlayerAsync(Host, gold: 1000);
            await client.DisposeAsync();
            var order = new Modules.Store.BuyOrder(def, def.Find(202)!, 2, 80, "sd1", payer, friend);
            long held = await HeldAsync(Host, friend, 10002);
            // paid, then the delivery stops (as a node that stops there): the buy stays recorded
            store.Gifting = new AtTheGrant(() => throw new InvalidOperationException("the node stops"));
            try
            {
                Assert.CatchAsync<InvalidOperationException>(() => store.BuyAsync(order, null));
                Assert.That(await GoldAsync(Host, payer), Is.EqualTo(840), "paid");
                Assert.That(await DueAsync(payer + ":sd1:"), Is.EqualTo(1), "recorded");
                store.Gifting = new AtTheGrant(() => ineligibleLater ? ResultCode.RecipientIneligible : ResultCode.Success);
                Assert.That(await store.FinishGiftsDueAsync(TimeSpan.FromMinutes(1)), Is.Zero, "not before the grace");
                Assert.That(await store.FinishGiftsDueAsync(TimeSpan.Zero), Is.EqualTo(1));
                Assert.That(await store.FinishGiftsDueAsync(TimeSpan.Zero), Is.Zero, "finished once");
            }
            finally
            {
                store.Gifting = gifting;
            }
            Assert.That(await DueAsync(payer + ":sd1:"), Is.Zero);
            results.Add((int)(await GoldAsync(Host, payer) * 1000 + await HeldAsync(Host, friend, 10002) - held));
        }
        Assert.That(results, Is.EqualTo(new[] { 840_002, 1000_000 }), "delivered (840 gold left, 2 to the friend), or refunded in full");
    }

    [Test]
    public async Task AStockHoldOfABuyForAFriendWhoseNodeStoppedFollowsTheGiftDecisionOrIsSoldWhenNoneComesInADay()
    {
        // item 203: 200 yuanbao, 50 in stock. The node stops after the payment and before the delivery: both the stock hold and
        // the gift record are left; the stock sweep must wait for the gift's decision, then follow it.
        var store = StoreOf(Host);
        var def = store.Options.Find("aquarium")!;
        var db = Host.Services.Redis.Db;
        long Left(long?[] left) => left[0] ?? def.Find(203)!.Stock!.Value;
        async Task<long> SalesAsync() => (long?)await db.HashGetAsync(Modules.Store.StoreKeys.Sales, "aquarium:203") ?? 0;
        var gifting = store.Gifting;
        var seen = new List<(long Stock, long Sales)>();
        foreach (var delivered in new[] { false, true })
        {
            var (payer, friend) = await PayerAndFriendAsync(yuanbao: 1000);
            long stock = Left(await store.Stock.LeftAsync(["aquarium:203"])), sales = await SalesAsync();
            try
            {
                store.Gifting = new AtTheGrant(() => throw new InvalidOperationException("the node stops"));
                Assert.CatchAsync<InvalidOperationException>(() =>
                    store.BuyAsync(new Modules.Store.BuyOrder(def, def.Find(203)!, 1, 200, "gh" + delivered, payer, friend), null));
                Assert.That(await store.Stock.SweepAsync(TimeSpan.Zero), Is.Zero, "undecided: the hold waits for the gift sweep");
                store.Gifting = new AtTheGrant(() => delivered ? ResultCode.Success : ResultCode.RecipientIneligible);
                Assert.That(await store.FinishGiftsDueAsync(TimeSpan.Zero), Is.EqualTo(1));
                Assert.That(await store.Stock.SweepAsync(TimeSpan.Zero), Is.EqualTo(1));
            }
            finally
            {
                store.Gifting = gifting;
            }
            seen.Add((stock - Left(await store.Stock.LeftAsync(["aquarium:203"])), await SalesAsync() - sales));
            Assert.That(await HeldAsync(Host, friend, 10003), Is.EqualTo(delivered ? 1 : 0));
        }
        Assert.That(seen, Is.EqualTo(new[] { (0L, 0L), (1L, 1L) }), "refunded: the unit back, no sale; delivered: one sold");

        // never decided (the gift record lost as well): after a day the hold is settled as sold, the payment having been applied
        var (payer3, friend3) = await PayerAndFriendAsync(yuanbao: 1000);
        long stock3 = Left(await store.Stock.LeftAsync(["aquarium:203"])), sales3 = await SalesAsync();
        try
        {
            store.Gifting = new AtTheGrant(() => throw new InvalidOperationException("the node stops"));
            Assert.CatchAsync<InvalidOperationException>(() =>
                store.BuyAsync(new Modules.Store.BuyOrder(def, def.Find(203)!, 1, 200, "ghlost", payer3, friend3), null));
        }
        finally
        {
            store.Gifting = gifting;
        }
        await db.HashDeleteAsync(Modules.Store.StoreKeys.GiftsDue, payer3 + ":ghlost");
        var entry = (await db.HashGetAllAsync(Modules.Store.StoreKeys.Holding)).Single(e => e.Value.ToString().Contains(payer3));
        var hold = System.Text.Json.JsonSerializer.Deserialize<Modules.Store.StockHold>(entry.Value.ToString())!;
        long now = Host.Services.Clock.UnixSeconds;
        await db.HashSetAsync(Modules.Store.StoreKeys.Holding, entry.Name,
            System.Text.Json.JsonSerializer.Serialize(hold with { Time = now - 23 * 3600 }));
        Assert.That(await store.Stock.SweepAsync(TimeSpan.Zero), Is.Zero, "under a day: still waiting for a decision");
        await db.HashSetAsync(Modules.Store.StoreKeys.Holding, entry.Name,
            System.Text.Json.JsonSerializer.Serialize(hold with { Time = now - 25 * 3600 }));
        Assert.That(await store.Stock.SweepAsync(TimeSpan.Zero), Is.EqualTo(1), "a day old: settled");
        Assert.That((stock3 - Left(await store.Stock.LeftAsync(["aquarium:203"])), await SalesAsync() - sales3), Is.EqualTo((1L, 1L)),
            "paid and never decided: sold");
        Assert.That(await db.HashExistsAsync(Modules.Store.StoreKeys.Holding, entry.Name), Is.False);
    }

    [Test]
    public async Task ARecordedBuyForAFriendThatWasNeverPaidIsDroppedWithoutChargingOrGrantingAndADeletionFinishesOnlyItsOwn()
    {
        var store = StoreOf(Host);
        var (payer, friend) = await PayerAndFriendAsync(gold: 1000);
        var due = new Modules.Store.GiftDue("aquarium", 202, 1, 80, "gold", "np1", payer, friend,
            [new Modules.Player.ItemChange(10002, 1)], "none", Host.Services.Clock.UnixSeconds - 3600);
        await Host.Services.Redis.Db.HashSetAsync(Modules.Store.StoreKeys.GiftsDue, payer + ":np1",
            System.Text.Json.JsonSerializer.Serialize(due));
        long held = await HeldAsync(Host, friend, 10002);
        // a record that cannot be read is left (and logged) without holding up the others
        await Host.Services.Redis.Db.HashSetAsync(Modules.Store.StoreKeys.GiftsDue, "unreadable", "{not json");
        // the deletion of an account finishes the buys naming it, whatever their age, and no other
        var other = due with { ReqId = "np2", Payer = "someoneelse", Recipient = "someoneelse2", At = Host.Services.Clock.UnixSeconds };
        await Host.Services.Redis.Db.HashSetAsync(Modules.Store.StoreKeys.GiftsDue, "someoneelse:np2",
            System.Text.Json.JsonSerializer.Serialize(other));
        Assert.That(await store.FinishGiftsDueAsync(TimeSpan.FromDays(1), friend), Is.EqualTo(1));
        Assert.That((await GoldAsync(Host, payer), await HeldAsync(Host, friend, 10002) - held), Is.EqualTo((1000L, 0L)));
        Assert.That(await Host.Services.Redis.Db.HashExistsAsync(Modules.Store.StoreKeys.GiftsDue, payer + ":np1"), Is.False);
        Assert.That(await store.FinishGiftsDueAsync(TimeSpan.FromDays(1)), Is.Zero, "the other is young");
        Assert.That(await store.FinishGiftsDueAsync(TimeSpan.Zero), Is.EqualTo(1), "and is finished once old (never paid: dropped)");

        // a record of a request id whose payment was applied for something else (a conflicting copy) delivers nothing
        var def = store.Options.Find("aquarium")!;
        var own = await store.BuyAsync(new Modules.Store.BuyOrder(def, def.Find(202)!, 1, 80, "np3", payer, payer), null);
        Assert.That(own.Result, Is.Zero, own.ToJson());
        await Host.Services.Redis.Db.HashSetAsync(Modules.Store.StoreKeys.GiftsDue, payer + ":np3",
            System.Text.Json.JsonSerializer.Serialize(due with { ReqId = "np3", Payment = "other" }));
        Assert.That(await store.FinishGiftsDueAsync(TimeSpan.Zero), Is.EqualTo(1));
        Assert.That((await GoldAsync(Host, payer), await HeldAsync(Host, friend, 10002) - held), Is.EqualTo((920L, 0L)));
        Assert.That(await DueAsync("unreadable"), Is.EqualTo(1));
        await Host.Services.Redis.Db.HashDeleteAsync(Modules.Store.StoreKeys.GiftsDue, "unreadable");
    }

    /// <summary>How many buys for another account are recorded as due under ids starting with <paramref name="prefix"/>.</summary>
    private async Task<int> DueAsync(string prefix) =>
        (await Host.Services.Redis.Db.HashKeysAsync(Modules.Store.StoreKeys.GiftsDue)).Count(k => k.ToString().StartsWith(prefix,
            StringComparison.Ordinal));

    /// <summary>A payer with gold or yuanbao (not connected), and an account to buy for.</summary>
    private async Task<(string Payer, string Friend)> PayerAndFriendAsync(long gold = 0, long yuanbao = 0)
    {
        var (client, payer) = await PlayerAsync(Host, gold, yuanbao);
        await client.DisposeAsync();
        return (payer, await TestServer.KnownAccountAsync(Host));
    }

    /// <summary>Anyone may be bought for; at the grant, the recipient's check answers (or throws) what it is told.</summary>
    private sealed class AtTheGrant(Func<ResultCode> recipient) : Modules.Store.IStoreGifting
    {
        public Task<ResultCode> CheckAsync(string payer, string recipient, string storeId, Modules.Store.StoreItem item,
            DateTimeOffset now) => Task.FromResult(ResultCode.Success);

        public Task<ResultCode> RecipientAsync(string payer, string r, Modules.Store.StoreItem item) => Task.FromResult(recipient());

        public Task GrantedAsync(Modules.Store.StorePurchase purchase) => Task.CompletedTask;
    }
}
