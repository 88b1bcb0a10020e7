using System.Globalization;
using SocialGame.Core.Logging;
using SocialGame.Modules.Player;
using SocialGame.Protocol;
using SocialGame.Protocol.Messages.Store;

namespace SocialGame.Modules.Store;

/// <summary>A checked buy request: the store and item exist, the count is allowed, the request id is well formed.</summary>
internal sealed record BuyOrder(StoreDef Store, StoreItem Item, int Count, long Price, string ReqId, string Payer, string Recipient)
{
    public string Field => StoreKeys.Field(Store.Id, Item.Id);
    public string LedgerKey => "store:" + ReqId;
    /// <summary>What the request id stands for: another item, count, price or recipient with the same id is a conflict.</summary>
    public string Binding
        => $"{Field}:{Count.ToString(CultureInfo.InvariantCulture)}:{Price.ToString(CultureInfo.InvariantCulture)}:{Recipient}";
    public string Reason => "store " + Field;
}

/// <summary>Buying: eligibility, stock first, then one ledger operation that pays, grants and counts the limits.</summary>
internal sealed partial class StoreService
{
    /// <summary>
    /// Buys <c>order.Count</c> of an item for <c>order.Recipient</c>, paid by <c>order.Payer</c>. Gold or yuanbao: one ledger
    /// operation keyed by the request id (a repeat returns the first outcome); RMB: an order whose payment grants it.
    /// </summary>
    public async Task<StoreBuyResponse> BuyAsync(BuyOrder order, string? version)
    {
        long now = PriceOf(order.Item);
        if (order.Price != now) return new StoreBuyResponse { Result = (int)ResultCode.PriceChanged, Price = now };
        if (order.Item.IsRmb) return await BuyRmbAsync(order, version).ConfigureAwait(false);

        // a repeat of an applied request replays it, whatever the limits and stock say now (its counters are of the periods now,
        // so a repeat in a later day or week than the first answers request_conflict, charging nothing)
        if (await _player.Ledger.WasAppliedAsync(order.Payer, order.LedgerKey).ConfigureAwait(false))
            return Answer(order, await PayAsync(order, PeriodsNow(order.Payer, order.Store, order.Item),
                _clock.UtcNow, fresh: false).ConfigureAwait(false));

        var at = _clock.UtcNow;
        if (order.Recipient != order.Payer &&
            await Gifting.CheckAsync(order.Payer, order.Recipient, order.Store.Id, order.Item, at).ConfigureAwait(false) is var gift &&
            gift != ResultCode.Success)
            return new StoreBuyResponse { Result = (int)gift, Price = order.Price };
        var (verdict, periods) = await JudgeAsync(order.Payer, order.Recipient, version, order.Store, order.Item, order.Count, at)
            .ConfigureAwait(false);
        if (!verdict.CanBuy) return Refused(order, verdict);

        StockHold? hold = null;
        if (order.Item.Stock is { } fileStock)
        {
            hold = await Stock.TakeAsync(order.Payer, order.Field, order.Count, fileStock, order.LedgerKey,
                order.Recipient != order.Payer ? order.ReqId : null).ConfigureAwait(false);
            if (hold is null)
                return new StoreBuyResponse { Result = (int)ResultCode.SoldOut, Price = now, ReasonText = _options.Texts.Stock.NotBuyable };
        }
        // an exception (Redis down, a timeout) leaves the hold to the sweep, which learns from the ledger whether it was sold
        var paid = await PayAsync(order, periods, at, fresh: true).ConfigureAwait(false);
        var outcome = paid.Outcome;
        // a purchase for another account that was refunded instead of delivered sold nothing: its stock goes back
        bool sold = outcome.Status == LedgerStatus.Applied && paid.Delivery == ResultCode.Success;
        if (hold is not null) await Stock.SettleAsync(hold, sold).ConfigureAwait(false);
        else if (sold) await Stock.CountSoldAsync(order.Field, order.Count).ConfigureAwait(false);
        if (outcome.Status == LedgerStatus.CounterLimit)
        {
            // the limit was reached by a buy racing this one (another node, another connection)
            var again = await JudgeAsync(order.Payer, order.Recipient, version, order.Store, order.Item, order.Count,
                at).ConfigureAwait(false);
            return again.Verdict.CanBuy ? Answer(order, paid) : Refused(order, again.Verdict);
        }
        return Answer(order, paid);
    }

    private StoreBuyResponse Refused(BuyOrder order, Verdict verdict) => new()
    {
        Result = (int)verdict.Reason, Price = order.Price, ReasonText = verdict.ReasonText, ResetAt = verdict.ResetAt,
    };

    private static StoreBuyResponse Answer(BuyOrder order, Paid paid) => paid.Outcome.Succeeded
        ? new StoreBuyResponse { Result = (int)paid.Delivery, Price = order.Price, Balances = paid.Outcome.Balances.ToDictionary() }
        : new StoreBuyResponse
        {
            Result = (int)(paid.Outcome.Status == LedgerStatus.Conflict ? ResultCode.RequestConflict : paid.Outcome.ToResult()),
            Price = order.Price,
        };

    /// <summary>
    /// The purchase's ledger operation(s) with every promotion's extras; when the ledger refuses only because of a promotion's
    /// counter (or the request was applied before without the extras), once more without them. <paramref name="fresh"/>: not
    /// applied before (a buy for another account is then recorded as due until it is finished; a repeat finishes it itself).
    /// </summary>
    private async Task<Paid> PayAsync(BuyOrder order, IReadOnlyList<LimitPeriod> periods, DateTimeOffset at, bool fresh)
    {
        var purchase = new StorePurchase(order.Store.Id, order.Item, order.Count, order.Payer, order.Recipient, order.ReqId);
        var extras = new List<PromotionExtras>();
        foreach (var p in _promotions) extras.Add(await p.ExtrasAsync(purchase, at).ConfigureAwait(false));
        var merged = new PromotionExtras(extras.SelectMany(e => e.Items).ToList(), extras.SelectMany(e => e.Counters).ToList());
        var paid = await ApplyAsync(order, periods, merged, fresh).ConfigureAwait(false);
        if (merged.IsEmpty) return paid;
        var outcome = paid.Outcome;
        bool promotionCounter = outcome.Status == LedgerStatus.CounterLimit && merged.Counters.Any(c => c.Key == outcome.Short);
        if (promotionCounter || outcome.Status == LedgerStatus.Conflict)
            return await ApplyAsync(order, periods, PromotionExtras.None, fresh).ConfigureAwait(false);
        return paid;
    }

    private async Task<Paid> ApplyAsync(BuyOrder order, IReadOnlyList<LimitPeriod> periods, PromotionExtras extras, bool fresh)
    {
        var grants = order.Item.GrantChanges(order.Count).Concat(extras.Items)
            .GroupBy(i => i.ItemId).Select(g => new ItemChange(g.Key, g.Sum(i => i.Count))).ToList();
        var counters = periods.Select(p => new LedgerCounter(p.Key, p.Limit, order.Count, p.ResetAt)).Concat(extras.Counters).ToList();
        var pay = new LedgerOperation(order.Payer, order.LedgerKey, order.Reason,
            [new CurrencyChange(order.Item.Currency, -order.Item.Price * order.Count)], order.Recipient == order.Payer ? grants : [])
        {
            Binding = order.Binding, Counters = counters,
        };
        // for another account: recorded before the payment, so a node stopping between the payment and the delivery leaves it to
        // the sweep (StoreGiftsDue.cs)
        string? due = fresh && order.Recipient != order.Payer ? await RecordGiftDueAsync(order, grants, pay).ConfigureAwait(false) : null;
        var outcome = await _player.Ledger.ApplyAsync(pay).ConfigureAwait(false);
        if (outcome.Status == LedgerStatus.Applied)
            DataLog.Write("store buy", ("acc", order.Payer), ("to", order.Recipient), ("store", order.Store.Id), ("item", order.Item.Id),
                ("count", order.Count), ("currency", order.Item.Currency), ("price", order.Item.Price), ("reqid", order.ReqId),
                ("extras", string.Join(",", extras.Items.Select(i => $"{i.ItemId}:{i.Count}"))));
        if (!outcome.Succeeded || order.Recipient == order.Payer)
        {
            // refused: this payment was not made (on a conflict, the one made under this request id has a record of its own)
            if (due is not null) await GiftDoneAsync(due).ConfigureAwait(false);
            return new Paid(outcome);
        }
        // for another account: its grant is its own operation, keyed by the payer's request (or a refund, StoreGifting.cs)
        var delivery = await DeliverAsync(order, grants, counters).ConfigureAwait(false);
        if (due is not null) await GiftDoneAsync(due).ConfigureAwait(false);
        return new Paid(outcome, delivery);
    }

    /// <summary>Whether the ledger would take the operation at all (amounts in range): null when it would.</summary>
    public LedgerProblem? Check(BuyOrder order) => order.Item.IsRmb ? null : _player.Ledger.Check(new LedgerOperation(order.Payer,
        order.LedgerKey, order.Reason, [new CurrencyChange(order.Item.Currency, -order.Item.Price * order.Count)],
        order.Item.GrantChanges(order.Count)));
}
