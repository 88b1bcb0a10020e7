using System.Text.Json;
using SocialGame.Core.Logging;
using SocialGame.Modules.Player;
using SocialGame.Protocol;

namespace SocialGame.Modules.Store;

/// <summary>
/// What finishing a buy for another account needs once its payer paid: the item and count, the price and currency paid, the
/// grants the payment was bound to, the payment's ledger fingerprint (only the payment applied with it is this buy's: a copy of
/// the request id naming something else finishes nothing), and when it was recorded (unix s).
/// </summary>
internal sealed record GiftDue(string Store, int Item, int Count, long Price, string Currency, string ReqId, string Payer,
    string Recipient, List<ItemChange> Grants, string Payment, long At);

/// <summary>
/// Buys for another account that a node stopped finishing. The buy is recorded (<see cref="StoreKeys.GiftsDue"/>) before the
/// payer pays and removed once it is delivered or refunded (or the payment refused); a record older than the grace is
/// finished by the sweep on any node: delivered or refunded as the live buy would have (both idempotent: the decision key,
/// the grant's and the refund's ledger keys), or dropped when the payment was never applied.
/// </summary>
internal sealed partial class StoreService
{
    private Task RecordGiftDueAsync(BuyOrder order, IReadOnlyList<ItemChange> grants, LedgerOperation pay) =>
        _redis.Db.HashSetAsync(StoreKeys.GiftsDue, StoreKeys.GiftDueId(order.Payer, order.ReqId), JsonSerializer.Serialize(
            new GiftDue(order.Store.Id, order.Item.Id, order.Count, order.Price, order.Item.Currency, order.ReqId, order.Payer,
                order.Recipient, grants.ToList(), Ledger.FingerprintOf(pay), _clock.UnixSeconds)));

    private Task GiftDoneAsync(BuyOrder order) =>
        _redis.Db.HashDeleteAsync(StoreKeys.GiftsDue, StoreKeys.GiftDueId(order.Payer, order.ReqId));

    /// <summary>
    /// Finishes the buys for another account recorded more than <paramref name="grace"/> ago; with <paramref name="account"/>,
    /// those naming it as payer or recipient, whatever their age (its deletion). Returns how many this node finished.
    /// </summary>
    public async Task<int> FinishGiftsDueAsync(TimeSpan grace, string? account = null)
    {
        long before = _clock.UnixSeconds - (long)grace.TotalSeconds;
        int finished = 0;
        foreach (var entry in await _redis.Db.HashGetAllAsync(StoreKeys.GiftsDue).ConfigureAwait(false))
        {
            var due = JsonSerializer.Deserialize<GiftDue>(entry.Value.ToString())!;
            if (account is null ? due.At > before : due.Payer != account && due.Recipient != account) continue;
            if (await FinishGiftDueAsync(due).ConfigureAwait(false))
            {
                await _redis.Db.HashDeleteAsync(StoreKeys.GiftsDue, entry.Name).ConfigureAwait(false);
                finished++;
            }
        }
        return finished;
    }

    /// <summary>One due buy: false when it cannot be finished here (its item is no longer sold as it was: left for an operator).</summary>
    private async Task<bool> FinishGiftDueAsync(GiftDue due)
    {
        if (await _player.Ledger.AppliedFingerprintAsync(due.Payer, "store:" + due.ReqId).ConfigureAwait(false) != due.Payment)
        {
            Log.Info("store buy {Request} of {Account} for {Recipient}: never paid as recorded; its record is dropped", due.ReqId,
                due.Payer, due.Recipient);
            return true;
        }
        if (_options.Find(due.Store) is not { } store || store.Find(due.Item) is not { } item || item.Currency != due.Currency)
        {
            Log.Error("store buy {Request} of {Account} for {Recipient}: paid, not delivered, and store {Store} item {Item} is no longer "
                + "sold in {Currency}; left for an operator", due.ReqId, due.Payer, due.Recipient, due.Store, due.Item, due.Currency);
            return false;
        }
        var why = await DeliverAsync(new BuyOrder(store, item, due.Count, due.Price, due.ReqId, due.Payer, due.Recipient), due.Grants)
            .ConfigureAwait(false);
        Log.Warn("store buy {Request} of {Account} for {Recipient}: finished by the sweep ({Result})", due.ReqId, due.Payer,
            due.Recipient, why);
        DataLog.Write("store gift sweep", ("acc", due.Payer), ("to", due.Recipient), ("store", due.Store), ("item", due.Item),
            ("reqid", due.ReqId), ("result", (int)why));
        return true;
    }
}
