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
        var (client, payer) = await PlayerAsync(Host, yuanbao: 1000);
        await client.DisposeAsync();
        string friend = await TestServer.KnownAccountAsync(Host);
        var def = store.Options.Find("aquarium")!;
        var db = Host.Services.Redis.Db;
        long Left(long?[] left) => left[0] ?? def.Find(203)!.Stock!.Value;
        long before = Left(await store.Stock.LeftAsync(["aquarium:203"]));
        long sales = (long?)await db.HashGetAsync(Modules.Store.StoreKeys.Sales, "aquarium:203") ?? 0;
        var gifting = store.Gifting;
        store.Gifting = new IneligibleAtTheGrant();
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

    /// <summary>Anyone may be bought for; the recipient is found ineligible just before the grant (e.g. started cancelling).</summary>
    private sealed class IneligibleAtTheGrant : Modules.Store.IStoreGifting
    {
        public Task<ResultCode> CheckAsync(string payer, string recipient, string storeId, Modules.Store.StoreItem item,
            DateTimeOffset now) => Task.FromResult(ResultCode.Success);

        public Task<ResultCode> RecipientAsync(string payer, string recipient, Modules.Store.StoreItem item) =>
            Task.FromResult(ResultCode.RecipientIneligible);

        public Task GrantedAsync(Modules.Store.StorePurchase purchase) => Task.CompletedTask;
    }
}
