using System.Text.Json;
using SocialGame.Core.Logging;
using SocialGame.Modules.Player;
using SocialGame.Modules.Player.Payments;
using SocialGame.Protocol;
using SocialGame.Protocol.Messages.Store;
using StackExchange.Redis;
using Order = SocialGame.Modules.Player.Payments.Order;

namespace SocialGame.Modules.Store;

/// <summary>What an RMB store order pays for (the order's extra).</summary>
internal sealed record StoreOrderExtra(string Store, int Item, string ReqId, string To);

/// <summary>RMB store items: the buy creates the order (once per request id); the payment's fulfilment grants the item once.</summary>
internal sealed partial class StoreService
{
    /// <summary>How long a request id bound to an RMB buy lives before its order exists (then it lives as long as the order).</summary>
    internal static readonly TimeSpan RmbReservation = TimeSpan.FromMinutes(10);

    private async Task<StoreBuyResponse> BuyRmbAsync(BuyOrder order, string? version)
    {
        var key = StoreKeys.RmbRequest(order.Payer, order.ReqId);
        var known = await _redis.Db.HashGetAsync(key, ["binding", "orderid"]).ConfigureAwait(false);
        if (known[0].IsNull)
        {
            var (verdict, _) = await JudgeAsync(order.Payer, order.Recipient, version, order.Store, order.Item, order.Count, _clock.UtcNow)
                .ConfigureAwait(false);
            if (!verdict.CanBuy) return Refused(order, verdict);
            // bound meanwhile by a copy of this request: answered as that one is
            if (!await ReserveRmbRequestAsync(key, order.Binding).ConfigureAwait(false))
                return await BuyRmbAsync(order, version).ConfigureAwait(false);
            var product = _player.Products.Find(order.Item.ProductId)!;
            string extra = JsonSerializer.Serialize(new StoreOrderExtra(order.Store.Id, order.Item.Id, order.ReqId, order.Recipient));
            var created = await _player.Payments.CreateAsync(order.Payer, product, extra).ConfigureAwait(false);
            if (created is null)
            {
                await _redis.Db.KeyDeleteAsync(key).ConfigureAwait(false);
                return new StoreBuyResponse { Result = (int)ResultCode.TooManyUnpaid, Price = order.Price };
            }
            await _redis.Db.HashSetAsync(key, "orderid", created.Id).ConfigureAwait(false);
            await _redis.Db.KeyExpireAsync(key, TimeSpan.FromSeconds(created.Expires - created.Created + Payments.LatePaymentSeconds))
                .ConfigureAwait(false);
            DataLog.Write("store order", ("acc", order.Payer), ("store", order.Store.Id), ("item", order.Item.Id), ("orderid", created.Id),
                ("reqid", order.ReqId));
            return new StoreBuyResponse { Price = order.Price, OrderId = created.Id, Amount = created.Amount, Expires = created.Expires };
        }
        if (known[0].ToString() != order.Binding) return new StoreBuyResponse { Result = (int)ResultCode.RequestConflict,
            Price = order.Price };
        if (known[1].IsNull || await _player.Payments.GetAsync(known[1].ToString()).ConfigureAwait(false) is not { } first)
            return new StoreBuyResponse { Result = (int)ResultCode.ServerBusy, Price = order.Price };
        return new StoreBuyResponse { Price = order.Price, OrderId = first.Id, Amount = first.Amount, Expires = first.Expires };
    }

    /// <summary>
    /// Binds an RMB buy's request id to what it buys, once (false: bound before), with a lifetime from the start: a node that
    /// stops before the order exists (or an order that cannot be made) leaves a binding that expires after
    /// <see cref="RmbReservation"/>, during which a repeat answers server_busy.
    /// </summary>
    internal async Task<bool> ReserveRmbRequestAsync(RedisKey key, string binding)
    {
        var reserve = _redis.Db.CreateTransaction();
        reserve.AddCondition(Condition.KeyNotExists(key));
        var written = Task.WhenAll(reserve.HashSetAsync(key, "binding", binding), reserve.KeyExpireAsync(key, RmbReservation));
        if (!await reserve.ExecuteAsync().ConfigureAwait(false)) return false;
        await written.ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Grants what a paid store order bought, once (ledger key = the order). Its purchase limits are counted, never refused: the
    /// player paid. False when the order names an item no longer configured (left PAID for an operator).
    /// </summary>
    public async Task<bool> FulfilAsync(Order order)
    {
        StoreOrderExtra? extra;
        try
        {
            extra = JsonSerializer.Deserialize<StoreOrderExtra>(order.Extra);
        }
        catch (JsonException)
        {
            extra = null;
        }
        if (extra is null || _options.Find(extra.Store) is not { } store || store.Find(extra.Item) is not { } item)
        {
            Log.Error("order {Order} of {Account}: store item '{Item}' is not configured; left PAID for an operator", order.Id,
                order.Account, order.Extra);
            return false;
        }
        var periods = extra.To == order.Account
            ? StoreRules.Periods(order.Account, store.Id, item, _options.Texts, _calendar, _clock.UtcNow)
            : [];
        var outcome = await _player.Ledger.ApplyAsync(new LedgerOperation(extra.To, "order:" + order.Id,
            "store " + StoreKeys.Field(store.Id, item.Id),
            [], item.GrantChanges())
        {
            Counters = periods.Select(p => new LedgerCounter(p.Key, 1_000_000_000, 1, p.ResetAt)).ToList(),
        }).ConfigureAwait(false);
        if (!outcome.Settled) return false;
        if (outcome.Status == LedgerStatus.Applied)
        {
            await Stock.CountSoldAsync(StoreKeys.Field(store.Id, item.Id), 1).ConfigureAwait(false);
            DataLog.Write("store buy", ("acc", order.Account), ("to", extra.To), ("store", store.Id), ("item", item.Id), ("count", 1),
                ("currency", "rmb"), ("price", order.Amount), ("orderid", order.Id), ("reqid", extra.ReqId));
        }
        return true;
    }
}

/// <summary>Fulfils paid "store" orders: grants the store item the order's extra names.</summary>
internal sealed class StoreFulfiller(StoreService store) : IOrderFulfiller
{
    public const string ModuleName = "store";

    public string Module => ModuleName;

    public Task<bool> FulfilAsync(Order order, ProductDef product) => store.FulfilAsync(order);
}
