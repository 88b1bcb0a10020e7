using SocialGame.Core.Storage;
using SocialGame.Modules.Player;
using SocialGame.Modules.Store;
using SocialGame.Protocol;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Integration.Store.StoreKit;

namespace SocialGame.Tests.Integration.Store;

/// <summary>
/// The activities' seam: a store built with a promotion shows its marks, adds its extras to the purchase's one ledger operation,
/// and buys once more without them when only the promotion's counter refuses.
/// </summary>
public class StorePromotionTests : ServerFixture
{
    /// <summary>Buy one clownfish, get one more, once per account; the "spring" activity is open.</summary>
    private sealed class BuyOneGetOne : IStorePromotions
    {
        public static string Counter(string acc) => StoreKeys.Counter(acc, "promo", 202, "ever");

        public Task<IReadOnlyList<IReadOnlyList<StoreMark>>> MarksAsync(string account, string storeId, IReadOnlyList<StoreItem> items,
            DateTimeOffset now) => Task.FromResult<IReadOnlyList<IReadOnlyList<StoreMark>>>(items
                .Select(i => (IReadOnlyList<StoreMark>)(i.Id == 202 ? [new StoreMark("bogo", "买一送一 Buy one get one", 1)] : [])).ToList());

        public Task<PromotionExtras> ExtrasAsync(StorePurchase purchase, DateTimeOffset now) => Task.FromResult(purchase.Item.Id == 202
            ? new PromotionExtras([new ItemChange(10002, purchase.Count)], [new LedgerCounter(Counter(purchase.Payer), 1, 1, 0)])
            : PromotionExtras.None);

        public bool? IsActivityOpen(string activityId, DateTimeOffset now) => activityId == "spring" ? true : null;
    }

    private StoreService WithPromotion()
    {
        // the host's player base and Redis, a store of its own built with the promotion (its scripts in a registry of its own)
        var scripts = new ScriptRegistry(Host.Services.Redis);
        var store = new StoreService(TestServer.ConfigDir, Host.Services.Redis, scripts, Host.Services.Clock, Host.Services.Calendar,
            TestServer.Player(Host), [new BuyOneGetOne()]);
        return store;
    }

    [Test]
    public async Task APromotionsMarkIsShownAndItsExtrasGoInTheSameOperationUntilItsCounterIsFull()
    {
        var store = WithPromotion();
        var (client, acc) = await PlayerAsync(Host, gold: 1000);
        await using var _c = client;
        var items = await store.ItemsAsync(acc, null, "aquarium", "fish");
        var fish = items!.Single(i => i.Id == 202);
        Assert.That(fish.Marks.Select(m => (m.Kind, m.Label, m.Left)), Is.EqualTo(new[] { ("bogo", "买一送一 Buy one get one", 1L) }));
        Assert.That(items!.Single(i => i.Id == 201).Marks, Is.Empty);

        var def = store.Options.Find("aquarium")!;
        var first = await store.BuyAsync(new BuyOrder(def, def.Find(202)!, 2, 80, "bogo1", acc, acc), null);
        Assert.That((first.Result, await HeldAsync(Host, acc, 10002)), Is.EqualTo((0, 4L)), "two bought, two given");
        var stream = await Host.Services.Redis.Db.StreamRangeAsync(PlayerKeys.Ledger(acc));
        Assert.That(stream.Count(e => e["key"] == "store:bogo1"), Is.EqualTo(2), "one operation: the debit and one grant of 4");

        // the promotion's counter is full: the buy goes through without the extras
        var second = await store.BuyAsync(new BuyOrder(def, def.Find(202)!, 1, 80, "bogo2", acc, acc), null);
        Assert.That((second.Result, await HeldAsync(Host, acc, 10002)), Is.EqualTo((0, 5L)));
        Assert.That(await GoldAsync(Host, acc), Is.EqualTo(1000 - 3 * 80));
        // a repeat of the first replays it, extras included
        var repeat = await store.BuyAsync(new BuyOrder(def, def.Find(202)!, 2, 80, "bogo1", acc, acc), null);
        Assert.That((repeat.Result, await HeldAsync(Host, acc, 10002), await GoldAsync(Host, acc)), Is.EqualTo((0, 5L, 760L)));
    }

    [Test]
    public async Task AnItemThatNeedsAnActivityIsBuyableOnlyWhenAPromotionSaysItIsOpen()
    {
        string dir = ConfigWith(OneStore(Ring(1, ", \"activity\": \"spring\""), Ring(2, ", \"activity\": \"autumn\"")));
        var store = new StoreService(dir, Host.Services.Redis, new ScriptRegistry(Host.Services.Redis), Host.Services.Clock,
            Host.Services.Calendar, TestServer.Player(Host), [new BuyOneGetOne()]);
        var (client, acc) = await PlayerAsync(Host, gold: 100);
        await using var _c = client;
        var items = await store.ItemsAsync(acc, null, "t", null);
        Assert.That(items!.Select(i => (i.Id, i.CanBuy, i.Reason)), Is.EqualTo(new[] { (1, 1, 0), (2, 0,
            (int)ResultCode.ActivityNotOpen) }));
        var def = store.Options.Find("t")!;
        Assert.That((await store.BuyAsync(new BuyOrder(def, def.Find(2)!, 1, 10, "act2", acc, acc), null)).Result,
            Is.EqualTo((int)ResultCode.ActivityNotOpen));
        Assert.That((await store.BuyAsync(new BuyOrder(def, def.Find(1)!, 1, 10, "act1", acc, acc), null)).Result, Is.Zero);
        Assert.That(await GoldAsync(Host, acc), Is.EqualTo(90));
    }

    [Test]
    public async Task ABuyForAnotherAccountChargesThePayerAndGrantsTheRecipient()
    {
        var store = WithPromotion();
        var (payer, from) = await PlayerAsync(Host, gold: 1000);
        var (friend, to) = await PlayerAsync(Host);
        await using var _p = payer;
        await using var _f = friend;
        var def = store.Options.Find("aquarium")!;
        var bought = await store.BuyAsync(new BuyOrder(def, def.Find(201)!, 2, 100, "gift1", from, to), null);
        Assert.That(bought.Result, Is.Zero);
        Assert.That((await GoldAsync(Host, from), await HeldAsync(Host, from, 10001)), Is.EqualTo((800L, 0L)));
        Assert.That(await HeldAsync(Host, to, 10001), Is.EqualTo(2));
        Assert.That((await store.BuyAsync(new BuyOrder(def, def.Find(201)!, 2, 100, "gift1", from, to), null)).Result, Is.Zero);
        Assert.That((await GoldAsync(Host, from), await HeldAsync(Host, to, 10001)), Is.EqualTo((800L, 2L)), "a repeat moves nothing");
        Assert.That((await store.BuyAsync(new BuyOrder(def, def.Find(201)!, 2, 100, "gift1", from, from), null)).Result,
            Is.EqualTo((int)ResultCode.RequestConflict), "the same request id for another recipient");
    }
}
