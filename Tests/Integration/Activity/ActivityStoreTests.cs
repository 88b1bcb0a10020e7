using SocialGame.Client;
using SocialGame.Modules.Account;
using SocialGame.Modules.Player;
using SocialGame.Modules.Store;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Activity;
using SocialGame.Protocol.Messages.Store;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;
using SocialGame.Tests.Integration.Store;
using static SocialGame.Tests.Integration.Activity.ActivityTestKit;

namespace SocialGame.Tests.Integration.Activity;

/// <summary>
/// The festival's store rules on the real store: buy one get one (the second item in the purchase's own ledger operation, within
/// the per-account limit, only in the window) and buying for a friend (checks, inbox, refund). Items of the shipped stores.json:
/// aquarium 202 (clownfish, 80 gold, grants item 10002) and 204 (crystal tank, 5000 gold, grants the permanent item 11001).
/// </summary>
public class ActivityStoreTests : RedisFixture
{
    private const int Clownfish = 202, ClownfishItem = 10002, Tank = 204, TankItem = 11001;

    private static Dictionary<string, object?> Festival(string id, DateTimeOffset begin, DateTimeOffset end, int limit = 3)
    {
        var def = Def(id, begin, end);
        def["buyOneGetOne"] = new[] { new { storeId = "aquarium", itemId = Clownfish, limit } };
        def["friendGift"] = new[] { new { storeId = "aquarium", itemId = Tank } };
        return def;
    }

    private static Task<StoreBuyResponse> BuyAsync(GameClient client, int item, long price, string reqid, string? friend = null) =>
        client.RequestAsync(StoreProtocol.Buy, new StoreBuyRequest { StoreId = "aquarium", ItemId = item, Count = 1, Price = price,
            ReqId = reqid, Friend = friend });

    [Test]
    public async Task ItemsShowTheMarksAndABuyGetsTheSecondItemUpToTheLimitOnceAcrossConcurrentBuys()
    {
        var clock = Clock();
        await using var host = await StartAsync(Redis, "bogo1", clock, QuickConfig());
        string id = NewId();
        await ReplaceAsync(host, Festival(id, clock.UtcNow.AddMinutes(-1), clock.UtcNow.AddMinutes(10)));
        var (client, acc) = await StoreKit.PlayerAsync(host, gold: 100_000);
        await using var _ = client;
        var fish = await client.ItemAsync("aquarium", Clownfish);
        Assert.That(fish.Marks.Select(m => (m.Kind, m.Left)), Is.EqualTo(new[] { ("bogo", 3L) }));
        Assert.That((await client.ItemAsync("aquarium", Tank)).Marks.Select(m => m.Kind), Is.EqualTo(new[] { "giftable" }));

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => BuyAsync(client, Clownfish, 80, $"fish-{i}")));
        Assert.That(replies.Select(r => r.Result), Is.All.Zero);
        Assert.That(await StoreKit.HeldAsync(host, acc, ClownfishItem), Is.EqualTo(13), "ten bought, three of them with a second");
        Assert.That(await StoreKit.GoldAsync(host, acc), Is.EqualTo(100_000 - 800));
        Assert.That((await BuyAsync(client, Clownfish, 80, "fish-0")).Result, Is.Zero, "a repeat replays");
        Assert.That(await StoreKit.HeldAsync(host, acc, ClownfishItem), Is.EqualTo(13));
        Assert.That((await client.ItemAsync("aquarium", Clownfish)).Marks.Single().Left, Is.Zero);
        var detail = await client.RequestAsync(ActivityProtocol.Detail, new ActivityDetailRequest { ActivityId = id });
        Assert.That(detail.BuyOneGetOne.Select(o => (o.ItemId, o.Used, o.Left)), Is.EqualTo(new[] { (Clownfish, 3, 0) }));
    }

    [Test]
    public async Task OneAccountBuyingFromTwoNodesAtOnceGetsNoMoreSecondItemsThanTheLimit()
    {
        var clock = Clock();
        string config = QuickConfig();
        await using var a = await StartAsync(Redis, "bogo2a", clock, config);
        await using var b = await StartAsync(Redis, "bogo2b", clock, config);
        await ReplaceAsync(a, Festival(NewId(), clock.UtcNow.AddMinutes(-1), clock.UtcNow.AddMinutes(10), limit: 2));
        var (first, acc) = await StoreKit.PlayerAsync(a, gold: 100_000);
        await using var _ = first;
        var onA = Enumerable.Range(0, 15).Select(i => BuyAsync(first, Clownfish, 80, $"a-{i}")).ToList();
        await using var second = await TestServer.LoginAsync(b, acc);
        var onB = Enumerable.Range(0, 15).Select(i => BuyAsync(second, Clownfish, 80, $"b-{i}")).ToList();
        foreach (var buy in onA.Concat(onB))
        {
            try
            {
                await buy;
            }
            catch (IOException)
            {
                // the first connection was kicked with requests in flight: what they did is read from the ledger below
            }
        }
        long bought = (100_000 - await StoreKit.GoldAsync(a, acc)) / 80;
        Assert.That(bought, Is.GreaterThanOrEqualTo(15));
        Assert.That(await StoreKit.HeldAsync(a, acc, ClownfishItem), Is.EqualTo(bought + 2), "exactly the limit's second items");
    }

    [Test]
    public async Task ABuyAtTheLastMillisecondOfTheWindowGetsTheSecondItemAndOneAtItsEndDoesNot()
    {
        var clock = Clock();
        await using var host = await StartAsync(Redis, "bogo3", clock, QuickConfig());
        await ReplaceAsync(host, Festival(NewId(), clock.UtcNow.AddMinutes(-1), clock.UtcNow.AddMinutes(5)));
        var (client, acc) = await StoreKit.PlayerAsync(host, gold: 10_000);
        await using var _ = client;
        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        Assert.That((await BuyAsync(client, Clownfish, 80, "last")).Result, Is.Zero);
        Assert.That(await StoreKit.HeldAsync(host, acc, ClownfishItem), Is.EqualTo(2));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That((await BuyAsync(client, Clownfish, 80, "after")).Result, Is.Zero);
        Assert.That(await StoreKit.HeldAsync(host, acc, ClownfishItem), Is.EqualTo(3), "after the window: the one bought only");
        Assert.That((await client.ItemAsync("aquarium", Clownfish)).Marks, Is.Empty);
    }

    [Test]
    public async Task AFriendGiftChecksTheFriendGrantsToThemAndTellsThemThroughTheInbox()
    {
        var clock = Clock();
        await using var host = await StartAsync(Redis, "fg1", clock, QuickConfig());
        await ReplaceAsync(host, Festival(NewId(), clock.UtcNow.AddMinutes(-1), clock.UtcNow.AddMinutes(10)));
        var (client, acc) = await StoreKit.PlayerAsync(host, gold: 20_000);
        await using var _ = client;
        string friend = await TestServer.KnownAccountAsync(host), owner = await TestServer.KnownAccountAsync(host),
            stranger = await TestServer.KnownAccountAsync(host);
        await TestServer.GmAsync(host, $"//gm addfriend {acc} {friend}");
        await TestServer.GmAsync(host, $"//gm addfriend {acc} {owner}");
        await TestServer.GmAsync(host, $"//gm additem {owner} {TankItem} 1");

        Assert.That((await BuyAsync(client, Tank, 5000, "g1", stranger)).Result, Is.EqualTo((int)ResultCode.NotFriends));
        Assert.That((await BuyAsync(client, Tank, 5000, "g2", owner)).Result, Is.EqualTo((int)ResultCode.RecipientIneligible));
        Assert.That((await BuyAsync(client, Tank, 5000, "g3", acc)).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await BuyAsync(client, Tank, 5000, "g4", "bad name!")).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await BuyAsync(client, Clownfish, 80, "g5", friend)).Result, Is.EqualTo((int)ResultCode.FriendGiftNotOffered));
        Assert.That(await StoreKit.GoldAsync(host, acc), Is.EqualTo(20_000), "nothing charged");

        Assert.That((await BuyAsync(client, Tank, 5000, "g6", friend)).Result, Is.Zero);
        Assert.That((await BuyAsync(client, Tank, 5000, "g6", friend)).Result, Is.Zero, "a repeat replays");
        Assert.That(await StoreKit.GoldAsync(host, acc), Is.EqualTo(15_000));
        Assert.That(await StoreKit.HeldAsync(host, friend, TankItem), Is.EqualTo(1));
        Assert.That(await StoreKit.HeldAsync(host, acc, TankItem), Is.Zero);
        var inbox = await TestServer.Player(host).Inbox.ListAsync(friend);
        Assert.That(inbox.Count(m => m.Kind == "gift" && m.Extra.Contains(acc, StringComparison.Ordinal)), Is.EqualTo(1), "told once");

        clock.Advance(TimeSpan.FromMinutes(10));
        string other = await TestServer.KnownAccountAsync(host);
        await TestServer.GmAsync(host, $"//gm addfriend {acc} {other}");
        Assert.That((await BuyAsync(client, Tank, 5000, "g7", other)).Result, Is.EqualTo((int)ResultCode.FriendGiftNotOffered),
            "after the window");
    }

    /// <summary>A node in a running festival, a payer with 20,000 gold and a friend of theirs.</summary>
    private async Task<FriendGiftSetup> FriendGiftAsync(string node)
    {
        var clock = Clock();
        var host = await StartAsync(Redis, node, clock, QuickConfig());
        await ReplaceAsync(host, Festival(NewId(), clock.UtcNow.AddMinutes(-1), clock.UtcNow.AddMinutes(10)));
        var (client, acc) = await StoreKit.PlayerAsync(host, gold: 20_000);
        string friend = await TestServer.KnownAccountAsync(host);
        await TestServer.GmAsync(host, $"//gm addfriend {acc} {friend}");
        return new FriendGiftSetup(host, client, acc, friend);
    }

    private sealed record FriendGiftSetup(ServerHost Host, GameClient Client, string Acc, string Friend) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await Host.DisposeAsync();
        }
    }

    [Test]
    public async Task AFriendWhoStartsCancellingBetweenThePaymentAndTheGrantGetsNothingAndThePayerIsRefunded()
    {
        await using var gift = await FriendGiftAsync("fg2");
        var (host, client, acc, friend) = (gift.Host, gift.Client, gift.Acc, gift.Friend);
        var store = StoreKit.StoreOf(host);
        var cancellation = host.Modules.OfType<AccountModule>().Single().Cancellation;
        store.Gifting = new CancelBeforeGrant(store.Gifting, () => cancellation.ApplyAsync(friend));

        var reply = await BuyAsync(client, Tank, 5000, "c1", friend);
        Assert.That(reply.Result, Is.EqualTo((int)ResultCode.RecipientIneligible), reply.ToJson());
        Assert.That(await StoreKit.GoldAsync(host, acc), Is.EqualTo(20_000), "refunded");
        Assert.That(await StoreKit.HeldAsync(host, friend, TankItem), Is.Zero);
        Assert.That((await BuyAsync(client, Tank, 5000, "c1", friend)).Result, Is.EqualTo((int)ResultCode.RecipientIneligible),
            "a repeat finds the refund");
        Assert.That(await StoreKit.GoldAsync(host, acc), Is.EqualTo(20_000));
        Assert.That(await StoreKit.HeldAsync(host, friend, TankItem), Is.Zero);
    }

    [Test]
    public async Task CopiesOfOneFriendGiftRacingEachOtherDeliverItOrRefundItNeverBoth()
    {
        await using var gift = await FriendGiftAsync("fg3");
        var (host, client, acc, friend) = (gift.Host, gift.Client, gift.Acc, gift.Friend);
        var store = StoreKit.StoreOf(host);
        var def = store.Options.Find("aquarium")!;
        // As copies of one request arriving on two nodes (two sessions of the payer): each pays (one applies, the others
        // replay), and a copy that checks the friend after another copy's grant finds the (permanent) item already owned.
        var order = new BuyOrder(def, def.Find(Tank)!, 1, 5000, "race1", acc, friend);
        store.Gifting = new SecondCheckAfterTheGrant(store.Gifting, () => StoreKit.HeldAsync(host, friend, TankItem));
        var replies = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => store.BuyAsync(order, null))));
        long gold = await StoreKit.GoldAsync(host, acc), held = await StoreKit.HeldAsync(host, friend, TankItem);
        Assert.That((gold, held), Is.EqualTo((15_000L, 1L)).Or.EqualTo((20_000L, 0L)),
            "delivered and paid, or refunded and not delivered: " + string.Join(",", replies.Select(r => r.Result)));
        Assert.That(replies.Select(r => r.Result).Distinct().Count(), Is.EqualTo(1), "every copy answers the same outcome");
    }

    [Test]
    public async Task AGiftWhoseGrantWasAppliedBeforeWithOtherContentsIsNotRefunded()
    {
        await using var gift = await FriendGiftAsync("fg4");
        var (host, client, acc, friend) = (gift.Host, gift.Client, gift.Acc, gift.Friend);
        var store = StoreKit.StoreOf(host);
        var def = store.Options.Find("aquarium")!;
        // The request's grant key on the recipient's ledger already holds an operation with other contents (as after the
        // item's grants were changed between a delivery and a repeat of its request): the ledger answers conflict.
        var earlier = LedgerOperation.Currency(friend, $"storegift:{acc}:conflict1", "test", "gold", 1);
        Assert.That((await TestServer.Player(host).Ledger.ApplyAsync(earlier)).Status, Is.EqualTo(LedgerStatus.Applied));
        var reply = await store.BuyAsync(new BuyOrder(def, def.Find(Tank)!, 1, 5000, "conflict1", acc, friend), null);
        Assert.That((reply.Result, await StoreKit.GoldAsync(host, acc)), Is.EqualTo((0, 15_000L)), "paid once, and not refunded");
    }

    /// <summary>
    /// The real friend checks, timed as the worst interleaving of two copies of one request: the first check waits until the
    /// second has begun, the second runs once the first copy's grant has landed.
    /// </summary>
    private sealed class SecondCheckAfterTheGrant(IStoreGifting inner, Func<Task<long>> held) : IStoreGifting
    {
        private readonly TaskCompletionSource _secondBegan = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public Task<ResultCode> CheckAsync(string payer, string recipient, string storeId, StoreItem item, DateTimeOffset now) =>
            inner.CheckAsync(payer, recipient, storeId, item, now);

        public async Task<ResultCode> RecipientAsync(string payer, string recipient, StoreItem item)
        {
            if (Interlocked.Increment(ref _calls) == 1)
                await Task.WhenAny(_secondBegan.Task, Task.Delay(TimeSpan.FromSeconds(3)));
            else
            {
                _secondBegan.TrySetResult();
                await Eventually.TrueAsync(async () => await held() > 0);
            }
            return await inner.RecipientAsync(payer, recipient, item);
        }

        public Task GrantedAsync(StorePurchase purchase) => inner.GrantedAsync(purchase);
    }

    /// <summary>The real friend checks, with the friend starting cancellation just before the check made after the payment.</summary>
    private sealed class CancelBeforeGrant(IStoreGifting inner, Func<Task> cancel) : IStoreGifting
    {
        public Task<ResultCode> CheckAsync(string payer, string recipient, string storeId, StoreItem item, DateTimeOffset now) =>
            inner.CheckAsync(payer, recipient, storeId, item, now);

        public async Task<ResultCode> RecipientAsync(string payer, string recipient, StoreItem item)
        {
            await cancel();
            return await inner.RecipientAsync(payer, recipient, item);
        }

        public Task GrantedAsync(StorePurchase purchase) => inner.GrantedAsync(purchase);
    }
}
