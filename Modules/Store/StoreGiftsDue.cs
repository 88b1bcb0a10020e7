using System.Text.Json;
using SocialGame.Core.Logging;
using SocialGame.Modules.Player;
using SocialGame.Protocol;

namespace SocialGame.Modules.Store;

/// <summary>
/// What finishing a buy for another account needs once its payer paid: the item and count, the price and currency paid, the
/// grants the payment was bound to, the payment's ledger fingerprint (only the payment applied with it is this buy's: a copy of
/// the request id naming something else finishes nothing), when it was recorded (unix s), and the payer's counters the payment
/// counted (purchase limits, promotions), given back by a refund.
/// </summary>
internal sealed record GiftDue(string Store, int Item, int Count, long Price, string Currency, string ReqId, string Payer,
    string Recipient, List<ItemChange> Grants, string Payment, long At, List<LedgerCounter>? Counters = null);

/// <summary>
/// Buys for another account that a node stopped finishing. The buy is recorded (<see cref="StoreKeys.GiftsDue"/>) before the
/// payer pays and removed once it is delivered or refunded (or the payment refused); a record older than the grace is
/// finished by the sweep on any node: delivered or refunded as the live buy would have (both idempotent: the decision key,
/// the grant's and the refund's ledger keys), or dropped when the payment was never applied.
/// </summary>
internal sealed partial class StoreService
{
    /// <summary>Records the buy before its payment <paramref name="pay"/>; returns the record's id (payer, request id and the payment's
    /// fingerprint: a copy of the request id with other contents has a record of its own).</summary>
    private async Task<string> RecordGiftDueAsync(BuyOrder order, IReadOnlyList<ItemChange> grants, LedgerOperation pay)
    {
        string payment = Ledger.Fingerprint(pay), id = StoreKeys.GiftDueId(order.Payer, order.ReqId, payment);
        await _redis.Db.HashSetAsync(StoreKeys.GiftsDue, id, JsonSerializer.Serialize(new GiftDue(order.Store.Id, order.Item.Id,
            order.Count, order.Price, order.Item.Currency, order.ReqId, order.Payer, order.Recipient, grants.ToList(), payment,
            _clock.UnixSeconds, pay.Counters.ToList()))).ConfigureAwait(false);
        return id;
    }

    private Task GiftDoneAsync(string id) => _redis.Db.HashDeleteAsync(StoreKeys.GiftsDue, id);

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
            GiftDue? due = null;
            try
            {
                due = JsonSerializer.Deserialize<GiftDue>(entry.Value.ToString());
            }
            catch (JsonException)
            {
            }
            if (due is null)
            {
                Log.Error("store gift record {Id} cannot be read; left for an operator: {Record}", entry.Name.ToString(),
                    LogText.Excerpt(entry.Value.ToString(), 300));
                continue;
            }
            if (account is null ? due.At > before : due.Payer != account && due.Recipient != account) continue;
            try
            {
                await FinishGiftDueAsync(due).ConfigureAwait(false);
            }
            catch (Exception ex) when (account is null)
            {
                // one record that fails (Redis, an item no longer in the catalogue) does not hold up the others; tried again next pass
                Log.Error(ex, "store buy {Request} of {Account} for {Recipient}: the sweep could not finish it", due.ReqId, due.Payer,
                    due.Recipient);
                continue;
            }
            await GiftDoneAsync(entry.Name.ToString()).ConfigureAwait(false);
            finished++;
        }
        return finished;
    }

    /// <summary>One due buy: delivered or refunded as it was paid for (an item changed in the file since changes nothing), or
    /// nothing when its payment was never applied.</summary>
    private async Task FinishGiftDueAsync(GiftDue due)
    {
        var store = _options.Find(due.Store) ?? new StoreDef { Id = due.Store };
        var item = store.Find(due.Item) is { } now && now.Currency == due.Currency ? now : new StoreItem
        {
            Id = due.Item, Name = StoreKeys.Field(due.Store, due.Item), Currency = due.Currency, Price = due.Price,
            Grants = due.Grants.Select(g => new StoreGrant { ItemId = g.ItemId, Count = 1 }).ToList(),
        };
        var order = new BuyOrder(store, item, due.Count, due.Price, due.ReqId, due.Payer, due.Recipient);
        if (await _player.Ledger.AppliedFingerprintAsync(due.Payer, order.LedgerKey).ConfigureAwait(false) != due.Payment)
        {
            Log.Info("store buy {Request} of {Account} for {Recipient}: never paid as recorded; its record is dropped", due.ReqId,
                due.Payer, due.Recipient);
            return;
        }
        var why = await DeliverAsync(order, due.Grants, due.Counters ?? []).ConfigureAwait(false);
        Log.Warn("store buy {Request} of {Account} for {Recipient}: finished by the sweep ({Result})", due.ReqId, due.Payer,
            due.Recipient, why);
        DataLog.Write("store gift sweep", ("acc", due.Payer), ("to", due.Recipient), ("store", due.Store), ("item", due.Item),
            ("reqid", due.ReqId), ("result", (int)why));
    }
}
