using SocialGame.Core.Logging;
using SocialGame.Modules.Player;
using SocialGame.Protocol;
using StackExchange.Redis;

namespace SocialGame.Modules.Store;

/// <summary>
/// Buying an item for another account (the <c>buy</c> request's <c>friend</c>): who may, and whether that account may receive it.
/// The server wires an activity's gift-to-friend rule (<c>Modules/ModuleList.cs</c>); a store built without one checks nothing.
/// </summary>
internal interface IStoreGifting
{
    /// <summary>Why <paramref name="payer"/> may not buy <paramref name="item"/> for <paramref name="recipient"/> now (Success:
    /// may).</summary>
    Task<ResultCode> CheckAsync(string payer, string recipient, string storeId, StoreItem item, DateTimeOffset now);

    /// <summary>Why the recipient may no longer receive it, asked again after the payment, just before the grant (Success: may).</summary>
    Task<ResultCode> RecipientAsync(string payer, string recipient, StoreItem item);

    /// <summary>The recipient got the purchase (e.g. tell them); called once per purchase.</summary>
    Task GrantedAsync(StorePurchase purchase);
}

/// <summary>No checks: any purchase for another account is made (a store built without an activity's rule, e.g. by a tool).</summary>
internal sealed class UncheckedGifting : IStoreGifting
{
    public static readonly UncheckedGifting Instance = new();

    public Task<ResultCode> CheckAsync(string payer, string recipient, string storeId, StoreItem item, DateTimeOffset now) =>
        Task.FromResult(ResultCode.Success);

    public Task<ResultCode> RecipientAsync(string payer, string recipient, StoreItem item) => Task.FromResult(ResultCode.Success);

    public Task GrantedAsync(StorePurchase purchase) => Task.CompletedTask;
}

/// <summary>What a purchase's payment did: the payer's ledger outcome, and for another account whether it was delivered.</summary>
internal sealed record Paid(LedgerOutcome Outcome, ResultCode Delivery = ResultCode.Success);

/// <summary>Delivery of a purchase made for another account.</summary>
internal sealed partial class StoreService
{
    /// <summary>Who may buy for another account and the recipient's checks (set once at start-up; unchecked by default).</summary>
    public IStoreGifting Gifting { get; set; } = UncheckedGifting.Instance;

    /// <summary>
    /// Grants a paid purchase to its recipient (its own ledger operation, keyed by the payer's request), or, when the recipient
    /// became ineligible since the payment, refunds the payer instead. Exactly one of the two ever happens for a request: the
    /// first copy of it to decide stores its decision (<see cref="StoreKeys.GiftDecision"/>, set only if absent), and every copy,
    /// on any node, then follows the stored one. Without it, a copy checking the friend after another copy's grant (the friend
    /// now owning the item) would refund a purchase that was delivered.
    /// </summary>
    /// <remarks>A refund gives the payer back what the payment counted (<paramref name="counters"/>: its purchase limits and
    /// promotions), so a refused delivery does not use up a limit.</remarks>
    private async Task<ResultCode> DeliverAsync(BuyOrder order, IReadOnlyList<ItemChange> grants, IReadOnlyList<LedgerCounter> counters)
    {
        string grantKey = StoreKeys.GiftGrant(order.Payer, order.ReqId), refundKey = StoreKeys.GiftRefund(order.ReqId);
        var decisionKey = StoreKeys.GiftDecision(order.Payer, order.ReqId);
        var decided = await _redis.Db.StringGetAsync(decisionKey).ConfigureAwait(false);
        var why = ResultCode.RecipientIneligible;
        if (decided.IsNull)
        {
            why = await Gifting.RecipientAsync(order.Payer, order.Recipient, order.Item).ConfigureAwait(false);
            // remembered as long as the payment's ledger key, whose replays lead here
            var ttl = TimeSpan.FromDays(_player.Options.IdempotencyTtlDays + 1);
            string decision = why == ResultCode.Success ? StoreKeys.Granted : StoreKeys.Refunded;
            await _redis.Db.StringSetAsync(decisionKey, decision, ttl, When.NotExists).ConfigureAwait(false);
            decided = await _redis.Db.StringGetAsync(decisionKey).ConfigureAwait(false);
            if (why == ResultCode.Success) why = ResultCode.RecipientIneligible;
        }
        if (decided != StoreKeys.Granted) return await RefundAsync(order, refundKey, why, counters).ConfigureAwait(false);
        var grant = await _player.Ledger.ApplyAsync(new LedgerOperation(order.Recipient, grantKey, order.Reason, [], grants)
            { Binding = order.Payer }).ConfigureAwait(false);
        if (grant.Status == LedgerStatus.Conflict)
        {
            // This request's grant was applied before, with other contents (the item's grants changed since): delivered, so
            // never refunded.
            Log.Warn("store purchase {Request} of {Account} for {Recipient}: delivered before with other contents; not refunded",
                order.ReqId, order.Payer, order.Recipient);
            return ResultCode.Success;
        }
        if (!grant.Succeeded)
        {
            Log.Error("store purchase {Request} of {Account} for {Recipient}: paid, but the grant was refused ({Status}); refunding",
                order.ReqId, order.Payer, order.Recipient, grant.Status);
            return await RefundAsync(order, refundKey, ResultCode.RecipientIneligible, counters).ConfigureAwait(false);
        }
        if (grant.Status == LedgerStatus.Applied)
            await Gifting.GrantedAsync(new StorePurchase(order.Store.Id, order.Item, order.Count, order.Payer, order.Recipient,
                order.ReqId)).ConfigureAwait(false);
        return ResultCode.Success;
    }

    private async Task<ResultCode> RefundAsync(BuyOrder order, string refundKey, ResultCode why, IReadOnlyList<LedgerCounter> counters)
    {
        var refund = await _player.Ledger.ApplyAsync(LedgerOperation.Currency(order.Payer, refundKey, "store gift refund " + order.Field,
            order.Item.Currency, order.Price * order.Count) with
        {
            Counters = counters.Select(c => c with { Increment = -c.Increment }).ToList(),
        }).ConfigureAwait(false);
        if (refund.Status == LedgerStatus.Applied)
            DataLog.Write("store gift refund", ("acc", order.Payer), ("to", order.Recipient), ("store", order.Store.Id),
                ("item", order.Item.Id), ("count", order.Count), ("currency", order.Item.Currency),
                ("amount", order.Price * order.Count), ("reqid", order.ReqId), ("why", (int)why));
        return why;
    }
}
