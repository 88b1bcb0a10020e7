using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using NLog;
using SocialGame.Core.Time;
using SocialGame.Core.Logging;
using SocialGame.Core.Storage;
using SocialGame.Modules.Account;
using SocialGame.Modules.Player;
using SocialGame.Protocol;
using SocialGame.Protocol.Messages.Pass;
using StackExchange.Redis;

namespace SocialGame.Modules.Pass;

/// <summary>
/// Gifting this season's pass to a friend. The recipient's pass for the season is reserved by one gift
/// (a marker set once), so two gifts racing for one friend unlock once and the other is refunded. Gold
/// gifts are paid and unlocked in the request; RMB gifts are unlocked by the order's fulfilment. Every
/// money step goes through the ledger with a key derived from the gift id, so any step may be repeated.
/// This class decides each step; <see cref="PassGiftStore"/> keeps the records and <see cref="PassGiftRecords"/> the players' views.
/// </summary>
internal sealed partial class PassGifts
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly IClock _clock;
    private readonly PlayerBase _player;
    private readonly CancellationService _cancellation;
    private readonly LuaScript<UnlockArgs, Reservation> _unlock;

    public PassGifts(RedisStore redis, ScriptRegistry scripts, IClock clock, PlayerBase player, CancellationService cancellation,
        PassOptions options)
    {
        _clock = clock;
        _player = player;
        _cancellation = cancellation;
        Options = options;
        _redis = redis;
        _store = new PassGiftStore(redis);
        _records = new PassGiftRecords(redis, _store);
        _unlock = UnlockScript(scripts);
    }

    public PassOptions Options { get; }

    private readonly RedisStore _redis;
    private readonly PassGiftStore _store;
    private readonly PassGiftRecords _records;
    private RedisKey OwnerKey(string acc) => PassKeys.Owner(acc, Options.Season);

    public async Task<bool> OwnsAsync(string acc) =>
        await _store.IsReservedAsync(acc, Options.Season).ConfigureAwait(false) ||
        (await _player.Ledger.GetInventoryAsync(acc).ConfigureAwait(false)).Any(i => i.Item.Id == Options.ItemId);

    /// <summary>Why <paramref name="to"/> cannot receive a gift from <paramref name="from"/> now, or Success.</summary>
    public async Task<ResultCode> CheckRecipientAsync(string from, string to)
    {
        if (!await _player.Friends.AreFriendsAsync(from, to).ConfigureAwait(false)) return ResultCode.NotFriends;
        if (!await _player.Profiles.ExistsAsync(to).ConfigureAwait(false)) return ResultCode.RecipientIneligible;
        if (await OwnsAsync(to).ConfigureAwait(false)) return ResultCode.RecipientIneligible;
        if ((await _cancellation.StateAsync(to).ConfigureAwait(false)).IsCancelling()) return ResultCode.RecipientIneligible;
        return ResultCode.Success;
    }

    public async Task<PassGiftResponse> GiftAsync(string from, string to, int pay)
    {
        if (!Options.GiftingOpen(_clock.UtcNow)) return Fail(ResultCode.GiftingClosed);
        var product = Options.ProductId.Length > 0 ? _player.Products.Find(Options.ProductId) : null;
        if ((pay == 1 && Options.GoldPrice == 0) || (pay == 2 && product is null)) return Fail(ResultCode.ParamError);
        var check = await CheckRecipientAsync(from, to).ConfigureAwait(false);
        if (check != ResultCode.Success) return Fail(check);

        if (pay == 2 && await UnpaidAsync(from, to).ConfigureAwait(false) is { } unpaid) return unpaid;

        long now = _clock.UnixSeconds;
        string id = "G" + now.ToString(CultureInfo.InvariantCulture) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        if (pay == 2) return await OrderAsync(id, from, to, product!, now).ConfigureAwait(false);

        // Gold: the record exists while the debit is in flight (a crash is finished by the sweep), and only a paid gift keeps it.
        await _store.CreatePayingAsync(id, from, to, Options.Season, pay, now).ConfigureAwait(false);
        var paid = await _player.Ledger.ApplyAsync(LedgerOperation.Currency(from, $"passgift:{id}:pay", "pass gift", "gold",
            -Options.GoldPrice)).ConfigureAwait(false);
        if (!paid.Succeeded)
        {
            await _store.DropAsync(id).ConfigureAwait(false);
            return Fail(paid.ToResult());
        }
        DataLog.Write("pass gift", ("giftid", id), ("from", from), ("to", to), ("season", Options.Season), ("pay", "gold"));
        var state = await UnlockAsync(id, from, to, refund: () => RefundGoldAsync(id, from)).ConfigureAwait(false);
        return new PassGiftResponse { Result = state == PassGiftState.Unlocked ? 0 : (int)ResultCode.RecipientIneligible, GiftId = id,
            State = PassGiftStates.Codec.Write(state) };
    }

    /// <summary>
    /// An RMB gift: its order first (refused when the sender holds too many unpaid orders), then the gift naming it.
    /// Unpaid, the gift is the sender's own record only, and it goes away with its order; the friend sees it once paid.
    /// </summary>
    private async Task<PassGiftResponse> OrderAsync(string id, string from, string to, ProductDef product, long now)
    {
        if (await _player.Payments.CreateAsync(from, product, id).ConfigureAwait(false) is not { } order)
            return Fail(ResultCode.TooManyUnpaid);
        await _store.CreateOrderedAsync(id, from, to, Options.Season, now, order.Id,
            TimeSpan.FromSeconds(order.Expires - now + Player.Payments.Payments.LatePaymentSeconds)).ConfigureAwait(false);
        await _records.AddSentAsync(from, id).ConfigureAwait(false);
        await _store.SetUnpaidAsync(from, to, id, TimeSpan.FromSeconds(Math.Max(1, order.Expires - now))).ConfigureAwait(false);
        DataLog.Write("pass gift", ("giftid", id), ("from", from), ("to", to), ("season", Options.Season), ("pay", "rmb"),
            ("orderid", order.Id));
        return new PassGiftResponse { GiftId = id, State = PassGiftStates.Codec.Write(PassGiftState.Ordered), OrderId = order.Id,
            Amount = order.Amount, Expires = order.Expires };
    }

    /// <summary>A paid gift: its record is kept for good and it is in both players' records.</summary>
    private async Task RecordPaidAsync(string id, string from, string to)
    {
        await _store.PersistAsync(id).ConfigureAwait(false);
        await _records.AddPaidAsync(id, from, to).ConfigureAwait(false);
    }

    /// <summary>
    /// Unlocks the pass for the recipient once, or, when the recipient became ineligible, refunds. Safe to
    /// run again for the same gift (fulfilment retries): the reservation, the grant and the refund are keyed by it.
    /// </summary>
    public async Task<PassGiftState> UnlockAsync(string id, string from, string to, Func<Task> refund)
    {
        var state = await _store.StateAsync(id).ConfigureAwait(false);
        if (state is PassGiftState.Unlocked or PassGiftState.Refunded) return state.Value;
        await RecordPaidAsync(id, from, to).ConfigureAwait(false);
        // Already reserved by this gift (a repeat after a crash, or a concurrent fulfilment): finish its grant.
        bool heldByUs = await _store.ReservedByAsync(to, Options.Season).ConfigureAwait(false) == id;
        bool eligible = heldByUs || await _player.Friends.AreFriendsAsync(from, to).ConfigureAwait(false) &&
                        !(await _cancellation.StateAsync(to).ConfigureAwait(false)).IsCancelling();
        if (eligible && !heldByUs)
        {
            // Reserve first: 2 reserved now, 1 already this gift's (a concurrent repeat), 0 another gift's.
            var reserved = await _unlock.CallAsync(new UnlockArgs(OwnerKey(to), id)).ConfigureAwait(false);
            if (reserved == Reservation.Taken) eligible = false;
            else if (await OwnsOtherwiseAsync(to, id).ConfigureAwait(false))
            {
                // The friend bought the pass meanwhile: it can't be given again; the reservation goes back.
                if (reserved == Reservation.Reserved) await _store.ReleaseReservationAsync(to, Options.Season).ConfigureAwait(false);
                eligible = false;
            }
        }
        if (!eligible)
        {
            await refund().ConfigureAwait(false);
            await _store.SetStateAsync(id, PassGiftState.Refunded).ConfigureAwait(false);
            Log.Info("pass gift {Gift} from {From}: {To} can no longer receive it; refunded", id, from, to);
            DataLog.Write("pass gift refund", ("giftid", id), ("from", from), ("to", to));
            return PassGiftState.Refunded;
        }
        var grant = await _player.Ledger.ApplyAsync(new LedgerOperation(to, $"passgift:{id}:unlock", "pass gift", [],
            [new ItemChange(Options.ItemId, 1)])).ConfigureAwait(false);
        if (!grant.Succeeded) throw new InvalidOperationException($"pass gift {id}: grant refused ({grant.Status})");
        await _store.SetStateAsync(id, PassGiftState.Unlocked).ConfigureAwait(false);
        DataLog.Write("pass gift unlock", ("giftid", id), ("from", from), ("to", to), ("season", Options.Season));
        var sender = await _player.Profiles.GetAsync(from).ConfigureAwait(false);
        await _player.Inbox.SendAsync(to, "gift", "A season pass for you",
            $"{sender?.Nickname ?? from} gave you the {Options.Season} season pass.",
            new JsonObject { ["giftid"] = id, ["from"] = from }, dedupeKey: "passgift:" + id).ConfigureAwait(false);
        return PassGiftState.Unlocked;
    }

    /// <summary>An RMB gift that cannot be unlocked: a refund record for finance (the platform refund is done there).</summary>
    public async Task RecordRmbRefundAsync(string id, string orderId, string from, long amount)
    {
        if (await _store.AddRefundAsync(id, new { giftid = id, orderid = orderId, acc = from, amount, time = _clock.UnixSeconds })
            .ConfigureAwait(false))
            DataLog.Write("pass gift rmb refund", ("giftid", id), ("orderid", orderId), ("acc", from), ("amount", amount));
    }

    public Task<IReadOnlyList<string>> RmbRefundsAsync() => _store.RefundsAsync();

    /// <summary>The recipient holds the pass, and not through this gift's own grant (which a concurrent repeat may have made).</summary>
    private async Task<bool> OwnsOtherwiseAsync(string to, string id) =>
        (await _player.Ledger.GetInventoryAsync(to).ConfigureAwait(false)).Any(i => i.Item.Id == Options.ItemId) &&
        !await _player.Ledger.WasAppliedAsync(to, $"passgift:{id}:unlock").ConfigureAwait(false);

    private async Task RefundGoldAsync(string id, string from)
    {
        var back = await _player.Ledger.ApplyAsync(LedgerOperation.Currency(from, $"passgift:{id}:refund", "pass gift refund", "gold",
            Options.GoldPrice)).ConfigureAwait(false);
        if (!back.Succeeded) throw new InvalidOperationException($"pass gift {id}: refund refused ({back.Status})");
    }

    /// <summary>
    /// Finishes gold gifts a crash left between the debit and the unlock: paid ones are unlocked (or refunded when the
    /// friend can no longer receive it), unpaid ones are dropped. Every step is keyed by the gift id.
    /// </summary>
    public async Task<int> SweepPayingAsync(TimeSpan olderThan)
    {
        int finished = 0;
        double before = _clock.UnixSeconds - olderThan.TotalSeconds;
        foreach (string id in await _store.PayingBeforeAsync(before).ConfigureAwait(false))
        {
            var f = await _store.FieldsAsync(id, "from", "to", "state").ConfigureAwait(false);
            if (f[0].IsNull || PassGiftStore.StateOf(f[2]) != PassGiftState.Paying)
            {
                await _store.ForgetPayingAsync(id).ConfigureAwait(false);
                continue;
            }
            string from = f[0].ToString(), to = f[1].ToString();
            if (await _player.Ledger.WasAppliedAsync(from, $"passgift:{id}:pay").ConfigureAwait(false))
            {
                Log.Warn("pass gift {Gift} was paid but never unlocked; finishing it", id);
                await UnlockAsync(id, from, to, () => RefundGoldAsync(id, from)).ConfigureAwait(false);
            }
            else
            {
                Log.Warn("pass gift {Gift} was never paid; dropped", id);
                await _store.DropAsync(id).ConfigureAwait(false);
            }
            finished++;
        }
        return finished;
    }

    /// <summary>
    /// The sender's RMB gift to <paramref name="to"/> still waiting for its payment, answered as when it was made, if it
    /// is the same request: this season's pass at this product's price (a gift of an earlier season or price is not).
    /// </summary>
    private async Task<PassGiftResponse?> UnpaidAsync(string from, string to)
    {
        if (await _store.UnpaidAsync(from, to).ConfigureAwait(false) is not { } id) return null;
        var f = await _store.FieldsAsync(id, "state", "orderid", "season").ConfigureAwait(false);
        if (PassGiftStore.StateOf(f[0]) != PassGiftState.Ordered || f[1].IsNullOrEmpty || f[2] != Options.Season) return null;
        var order = await _player.Payments.GetAsync(f[1].ToString()).ConfigureAwait(false);
        if (order is not { State: Player.Payments.OrderState.Created } || order.ProductId != Options.ProductId) return null;
        return new PassGiftResponse { GiftId = id, State = PassGiftStates.Codec.Write(PassGiftState.Ordered), OrderId = order.Id,
            Amount = order.Amount, Expires = order.Expires };
    }

    /// <summary>A gift's sender, recipient, state and the RMB order paying it (empty for gold); null when there is no such gift.</summary>
    public async Task<(string From, string To, PassGiftState State, string OrderId)?> GetAsync(string id)
    {
        var f = await _store.FieldsAsync(id, "from", "to", "state", "orderid").ConfigureAwait(false);
        return f[0].IsNull ? null : (f[0].ToString(), f[1].ToString(), PassGiftStates.Codec.Read(f[2]), f[3].ToString());
    }

    public Task<PassRecordsResponse> RecordsAsync(string acc) => _records.ViewAsync(acc);

    /// <summary>A gift's whole record (field -> value; empty when there is no such gift).</summary>
    public Task<Dictionary<string, RedisValue>> RecordAsync(string id) => _store.RecordAsync(id);

    /// <summary>Whether a gold gift's price went back to its sender (its refund is a ledger operation keyed by the gift).</summary>
    public Task<bool> GoldRefundedAsync(string id, string from) => _player.Ledger.WasAppliedAsync(from, $"passgift:{id}:refund");

    /// <summary>An RMB gift's refund record for finance (JSON), or null.</summary>
    public Task<string?> RmbRefundOfAsync(string id) => _store.RefundOfAsync(id);

    /// <summary>Whether the text can be a gift id (<c>G</c>, the unix seconds it was made, 10 lower-case hex digits).</summary>
    public static bool ValidId(string? id) =>
        id is { Length: >= 12 and <= 40 } && id[0] == 'G' && !id.AsSpan(1).ContainsAnyExcept("0123456789abcdef");

    private static PassGiftResponse Fail(ResultCode code) => new() { Result = (int)code };
}
