using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NLog;
using SocialGame.Core.Logging;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using StackExchange.Redis;

namespace SocialGame.Modules.Player.Payments;

/// <summary>An RMB order; <paramref name="Expires"/> is when it expires unpaid (0 for orders made before orders expired).</summary>
internal sealed record Order(string Id, string Account, string ProductId, long Amount, OrderState State, string Extra, string TxId,
    long Created, long Expires);

/// <summary>
/// Fulfils paid orders of the products whose <c>module</c> it names. Must be idempotent per order id
/// (it may run again after a crash or for a duplicate callback); returns false for a permanent failure.
/// </summary>
internal interface IOrderFulfiller
{
    string Module { get; }
    Task<bool> FulfilAsync(Order order, ProductDef product);
}

internal enum CallbackResult
{
    Ok,
    BadSignature,
    UnknownOrder,
    WrongAmount,
    /// <summary>The order was already paid by another platform transaction (needs an operator: refund one).</summary>
    Conflict,
}

/// <summary>
/// RMB orders: CREATED at the client's request (at most <c>maxUnpaidOrders</c> unpaid per account), PAID by the
/// platform's signed callback (exactly once), FULFILLED by the product's module. A PAID order whose fulfilment did
/// not finish is fulfilled again by a background pass on every node; fulfilment is idempotent, so a second node
/// doing it too is harmless. An order not paid in time EXPIRES (another pass, <c>PaymentsExpiry.cs</c>).
/// </summary>
internal sealed partial class Payments
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private static readonly RedisKey PaidKey = PlayerKeys.PaidOrders;
    /// <summary>CREATED orders, scored by when they expire.</summary>
    private static readonly RedisKey UnpaidKey = PlayerKeys.UnpaidIndex;
    private readonly RedisStore _redis;
    private readonly PlayerOptions _options;
    private readonly ProductCatalog _products;
    private readonly IClock _clock;
    private readonly LuaScript<CreateArgs, bool> _create;
    private readonly LuaScript<PayArgs, PayResult> _pay;
    private readonly LuaScript<FulfilledArgs, bool> _fulfilled;
    private readonly LuaScript<ExpireArgs, ExpireResult> _expire;
    private readonly Dictionary<string, IOrderFulfiller> _fulfillers = [];

    public Payments(RedisStore redis, ScriptRegistry scripts, PlayerOptions options, ProductCatalog products, IClock clock,
        UnpaidSlots slots)
    {
        _redis = redis;
        _options = options;
        _products = products;
        _clock = clock;
        Slots = slots;
        _create = CreateScript(scripts);
        _pay = PayScript(scripts);
        _fulfilled = FulfilledScript(scripts);
        _expire = ExpireScript(scripts);
    }

    /// <summary>The accounts' capped places for unpaid things (orders here; RMB red packets use them too).</summary>
    public UnpaidSlots Slots { get; }

    private static RedisKey OrderKey(string id) => PlayerKeys.Order(id);

    public void AddFulfiller(IOrderFulfiller fulfiller)
    {
        if (!_fulfillers.TryAdd(fulfiller.Module, fulfiller))
            throw new InvalidOperationException($"two fulfillers for module {fulfiller.Module}");
    }

    /// <summary>Every product must name a module that fulfils it (checked at start-up).</summary>
    public void CheckFulfillers()
    {
        foreach (var p in _products.Products.Where(p => !_fulfillers.ContainsKey(p.Module)))
            throw new Core.Options.ConfigException($"{ProductCatalog.FileName}: product {p.Id}: module '{p.Module}' fulfils no orders");
    }

    public static string Sign(string secret, string orderId, long amount, string txId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"{orderId}|{amount.ToString(CultureInfo.InvariantCulture)}|{txId}")));

    /// <summary>
    /// A new CREATED order, expiring unpaid after <paramref name="expireSeconds"/> (0: <c>orderExpireSeconds</c>);
    /// null when the account already holds <c>maxUnpaidOrders</c> unpaid orders (nothing is written then).
    /// </summary>
    public async Task<Order?> CreateAsync(string account, ProductDef product, string extra, int expireSeconds = 0)
    {
        string id = "O" + _clock.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
            + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        long now = _clock.UnixSeconds, expires = now + (expireSeconds > 0 ? expireSeconds : _options.OrderExpireSeconds);
        if (await Slots.TakeAsync(PlayerKeys.UnpaidOrders(account), id, expires, _options.MaxUnpaidOrders)
            .ConfigureAwait(false) == SlotOutcome.Refused)
            return null;
        await _create.CallAsync(new CreateArgs(id, account, product.Id, product.Price, extra, now, expires)).ConfigureAwait(false);
        DataLog.Write("order create", ("acc", account), ("orderid", id), ("productid", product.Id), ("amount", product.Price),
            ("expires", expires));
        return new Order(id, account, product.Id, product.Price, OrderState.Created, extra, "", now, expires);
    }

    /// <summary>The account's unpaid orders (ids), oldest first.</summary>
    public async Task<List<string>> UnpaidOfAsync(string account) =>
        (await _redis.Db.SortedSetRangeByRankAsync(PlayerKeys.UnpaidOrders(account), 0, 99).ConfigureAwait(false)).Select(v => v.ToString())
            .ToList();

    public async Task<Order?> GetAsync(string id)
    {
        var f = (await _redis.Db.HashGetAllAsync(OrderKey(id)).ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => e.Value);
        if (f.Count == 0) return null;
        return new Order(id, f["acc"].ToString(), f["productid"].ToString(), (long)f["amount"], OrderStates.Codec.Read(f["state"]),
            f.GetValueOrDefault("extra").ToString(), f.GetValueOrDefault("txid").ToString(), (long)f.GetValueOrDefault("created"),
            (long)f.GetValueOrDefault("expires"));
    }

    /// <summary>The platform says an order was paid. Safe to call any number of times, concurrently.</summary>
    public async Task<CallbackResult> OnCallbackAsync(string orderId, long amount, string txId, string signature)
    {
        string expected = Sign(_options.PaySecret, orderId, amount, txId);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected),
            Encoding.ASCII.GetBytes(signature.ToLowerInvariant())))
        {
            Log.Warn("payment callback for {Order} refused: bad signature", orderId);
            DataLog.Write("order callback refused", ("orderid", orderId), ("txid", txId), ("why", "signature"));
            return CallbackResult.BadSignature;
        }
        var (outcome, state, account) = await _pay.CallAsync(new PayArgs(orderId, amount, txId, _clock.UnixSeconds)).ConfigureAwait(false);
        switch (outcome)
        {
            case OrderPayOutcome.Unknown:
                Log.Warn("payment callback for unknown order {Order} (tx {Tx})", orderId, txId);
                DataLog.Write("order callback refused", ("orderid", orderId), ("txid", txId), ("why", "unknown order"));
                return CallbackResult.UnknownOrder;
            case OrderPayOutcome.Amount:
                Log.Warn("payment callback for {Order} with wrong amount {Amount} (tx {Tx})", orderId, amount, txId);
                DataLog.Write("order callback refused", ("orderid", orderId), ("txid", txId), ("why", "amount"), ("amount", amount));
                return CallbackResult.WrongAmount;
            case OrderPayOutcome.Conflict:
                Log.Error("order {Order} already paid by another transaction; {Tx} needs a refund", orderId, txId);
                DataLog.Write("order callback refused", ("orderid", orderId), ("txid", txId), ("why", "paid by another transaction"));
                return CallbackResult.Conflict;
            case OrderPayOutcome.Paid:
                DataLog.Write("order paid", ("orderid", orderId), ("txid", txId), ("amount", amount));
                await Slots.ReleaseAsync(PlayerKeys.UnpaidOrders(account), orderId).ConfigureAwait(false);
                break;
        }
        if (state == OrderState.Paid) await FulfilAsync(orderId).ConfigureAwait(false);
        return CallbackResult.Ok;
    }

    /// <summary>Fulfils a PAID order and marks it FULFILLED. Returns true when the order is fulfilled now.</summary>
    public async Task<bool> FulfilAsync(string orderId)
    {
        var order = await GetAsync(orderId).ConfigureAwait(false);
        if (order is null || order.State != OrderState.Paid) return order?.State == OrderState.Fulfilled;
        var product = _products.Find(order.ProductId);
        if (product is null || !_fulfillers.TryGetValue(product.Module, out var fulfiller))
        {
            Log.Error("order {Order}: product {Product} or its module is no longer configured; left PAID", orderId, order.ProductId);
            return false;
        }
        if (!await fulfiller.FulfilAsync(order, product).ConfigureAwait(false))
        {
            Log.Error("order {Order}: module {Module} could not fulfil it; left PAID for an operator", orderId, product.Module);
            return false;
        }
        if (await _fulfilled.CallAsync(new FulfilledArgs(orderId, _clock.UnixSeconds)).ConfigureAwait(false))
            DataLog.Write("order fulfilled", ("orderid", orderId), ("acc", order.Account), ("productid", order.ProductId),
                ("module", product.Module));
        return true;
    }

    /// <summary>
    /// Fulfils orders that have been PAID for longer than the retry delay (a crash, a failed fulfilment), oldest
    /// first: all of them, read page by page before any is fulfilled. An order that fails again (logged, left
    /// PAID for an operator) is passed over, so it cannot hold up the orders paid after it.
    /// </summary>
    public async Task<int> RetryStuckAsync()
    {
        const int Page = 100;
        long before = _clock.UnixSeconds - _options.FulfilRetrySeconds;
        var stuck = new List<RedisValue>();
        for (long skip = 0; ; skip += Page)
        {
            var page = await _redis.Db.SortedSetRangeByScoreAsync(PaidKey, double.NegativeInfinity, before, skip: skip, take: Page)
                .ConfigureAwait(false);
            stuck.AddRange(page);
            if (page.Length < Page) break;
        }
        int done = 0;
        foreach (var id in stuck)
        {
            Log.Info("order {Order} was paid but not fulfilled; fulfilling it now", id);
            try
            {
                if (await FulfilAsync(id.ToString()).ConfigureAwait(false)) done++;
            }
            catch (Exception ex) when (!RedisFaults.IsRedisFault(ex))
            {
                Log.Error(ex, "order {Order}: fulfilling it failed; left PAID for an operator", id);
            }
        }
        return done;
    }
}
