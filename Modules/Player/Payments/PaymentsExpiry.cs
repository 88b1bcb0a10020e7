using SocialGame.Core.Logging;
using SocialGame.Core.Storage;
using StackExchange.Redis;

namespace SocialGame.Modules.Player.Payments;

/// <summary>Unpaid orders expire: they stop counting against the account's cap, and their records go away later.</summary>
internal sealed partial class Payments
{
    /// <summary>
    /// How long an expired order's record is kept: a payment the platform reports that late is still honoured (the
    /// player paid), later it is answered as an unknown order. Modules keep what such an order pays for as long.
    /// </summary>
    public const int LatePaymentSeconds = 86400;

    /// <summary>
    /// Expires <paramref name="orderId"/> if it is still unpaid. Returns <see cref="OrderState.Expired"/> when it is (now or
    /// before), else its state (paid, fulfilled), or null for an unknown order.
    /// </summary>
    public async Task<OrderState?> ExpireAsync(string orderId)
    {
        var (expiredNow, state, account) = await _expire.CallAsync(new ExpireArgs(orderId, _clock.UnixSeconds, LatePaymentSeconds))
            .ConfigureAwait(false);
        if (!expiredNow) return state;
        await Slots.ReleaseAsync(PlayerKeys.UnpaidOrders(account), orderId).ConfigureAwait(false);
        DataLog.Write("order expire", ("orderid", orderId), ("acc", account));
        return OrderState.Expired;
    }

    /// <summary>One pass: every order whose time to be paid is over expires (only those are read). Returns how many expired.</summary>
    public async Task<int> ExpireDueAsync()
    {
        int expired = 0;
        var seen = new HashSet<string>();
        while (true)
        {
            var due = await _redis.Db.SortedSetRangeByScoreAsync(UnpaidKey, double.NegativeInfinity, _clock.UnixSeconds, take: 200)
                .ConfigureAwait(false);
            var fresh = due.Select(m => m.ToString()).Where(seen.Add).ToList();
            if (fresh.Count == 0) return expired;
            foreach (var id in fresh)
            {
                try
                {
                    if (await ExpireAsync(id).ConfigureAwait(false) == OrderState.Expired) expired++;
                }
                catch (Exception ex) when (!RedisFaults.IsRedisFault(ex))
                {
                    Log.Error(ex, "order {Order}: could not be expired; the next pass tries again", id);
                }
            }
        }
    }
}
