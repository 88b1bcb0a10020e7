using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using NLog;
using SocialGame.Core;
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
/// </summary>
public sealed class PassGifts
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly ServerServices _services;
    private readonly PlayerBase _player;
    private readonly CancellationService _cancellation;
    private readonly RedisScript _unlock;

    public PassGifts(ServerServices services, PlayerBase player, CancellationService cancellation, PassOptions options)
    {
        _services = services;
        _player = player;
        _cancellation = cancellation;
        Options = options;
        _unlock = services.Scripts.RegisterEmbedded(typeof(PassGifts).Assembly, "pass_unlock.lua");
    }

    public PassOptions Options { get; }

    private IDatabase Db => _services.Redis.Db;
    private static RedisKey GiftKey(string id) => $"sg:{{passgift}}:{id}";
    /// <summary>Gold gifts between their record and their outcome, scored by creation (for the recovery sweep).</summary>
    private static readonly RedisKey Paying = "sg:{passgift}:paying";
    private RedisKey OwnerKey(string acc) => $"sg:{{{acc}}}:pass:{Options.Season}";
    /// <summary>The sender's unpaid RMB gift to <paramref name="to"/>: asking again answers that one, not a new order.</summary>
    private static RedisKey UnpaidKey(string from, string to) => $"sg:{{{from}}}:passgifts:unpaid:{to}";
    /// <summary>Records kept per player and list (the newest; what the records view shows).</summary>
    public const int RecordsKept = 100;

    private static RedisKey SentKey(string acc) => $"sg:{{{acc}}}:passgifts:sent";
    private static RedisKey ReceivedKey(string acc) => $"sg:{{{acc}}}:passgifts:received";

    public async Task<bool> OwnsAsync(string acc) =>
        await Db.KeyExistsAsync(OwnerKey(acc)).ConfigureAwait(false) ||
        (await _player.Ledger.GetInventoryAsync(acc).ConfigureAwait(false)).Any(i => i.Item.Id == Options.ItemId);

    /// <summary>Why <paramref name="to"/> cannot receive a gift from <paramref name="from"/> now, or Success.</summary>
    public async Task<ResultCode> CheckRecipientAsync(string from, string to)
    {
        if (!await _player.Friends.AreFriendsAsync(from, to).ConfigureAwait(false)) return ResultCode.NotFriends;
        if (!await _player.Profiles.ExistsAsync(to).ConfigureAwait(false)) return ResultCode.RecipientIneligible;
        if (await OwnsAsync(to).ConfigureAwait(false)) return ResultCode.RecipientIneligible;
        if ((await _cancellation.StatusAsync(to).ConfigureAwait(false))?.State is "cooling" or "executing" or "done") return ResultCode.RecipientIneligible;
        return ResultCode.Success;
    }

    public async Task<PassGiftResponse> GiftAsync(string from, string to, int pay)
    {
        if (!Options.GiftingOpen(_services.Clock.UtcNow)) return Fail(ResultCode.GiftingClosed);
        var product = Options.ProductId.Length > 0 ? _player.Products.Find(Options.ProductId) : null;
        if ((pay == 1 && Options.GoldPrice == 0) || (pay == 2 && product is null)) return Fail(ResultCode.ParamError);
        var check = await CheckRecipientAsync(from, to).ConfigureAwait(false);
        if (check != ResultCode.Success) return Fail(check);

        if (pay == 2 && await UnpaidAsync(from, to).ConfigureAwait(false) is { } unpaid) return unpaid;

        long now = _services.Clock.UnixSeconds;
        string id = "G" + now.ToString(CultureInfo.InvariantCulture) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        await Db.HashSetAsync(GiftKey(id), [new("from", from), new("to", to), new("season", Options.Season), new("pay", pay),
            new("state", pay == 1 ? "paying" : "ordered"), new("time", now)]).ConfigureAwait(false);
        if (pay == 1) await Db.SortedSetAddAsync(Paying, id, now).ConfigureAwait(false);
        await Task.WhenAll(Db.ListLeftPushAsync(SentKey(from), id), Db.ListLeftPushAsync(ReceivedKey(to), id)).ConfigureAwait(false);
        await Task.WhenAll(Db.ListTrimAsync(SentKey(from), 0, RecordsKept - 1), Db.ListTrimAsync(ReceivedKey(to), 0, RecordsKept - 1)).ConfigureAwait(false);
        DataLog.Write("pass gift", ("giftid", id), ("from", from), ("to", to), ("season", Options.Season), ("pay", pay == 1 ? "gold" : "rmb"));

        if (pay == 2)
        {
            var order = await _player.Payments.CreateAsync(from, product!, id).ConfigureAwait(false);
            await Db.HashSetAsync(GiftKey(id), "orderid", order.Id).ConfigureAwait(false);
            await Db.StringSetAsync(UnpaidKey(from, to), id, TimeSpan.FromDays(1)).ConfigureAwait(false);
            return new PassGiftResponse { GiftId = id, State = "ordered", OrderId = order.Id, Amount = order.Amount };
        }
        var paid = await _player.Ledger.ApplyAsync(LedgerOperation.Currency(from, $"passgift:{id}:pay", "pass gift", "gold", -Options.GoldPrice)).ConfigureAwait(false);
        if (!paid.Succeeded)
        {
            await SetStateAsync(id, "failed").ConfigureAwait(false);
            return new PassGiftResponse { Result = (int)paid.ToResult(), GiftId = id, State = "failed" };
        }
        string state = await UnlockAsync(id, from, to, refund: () => RefundGoldAsync(id, from)).ConfigureAwait(false);
        return new PassGiftResponse { Result = state == "unlocked" ? 0 : (int)ResultCode.RecipientIneligible, GiftId = id, State = state };
    }

    /// <summary>
    /// Unlocks the pass for the recipient once, or, when the recipient became ineligible, refunds. Safe to
    /// run again for the same gift (fulfilment retries): the reservation, the grant and the refund are keyed by it.
    /// </summary>
    public async Task<string> UnlockAsync(string id, string from, string to, Func<Task> refund)
    {
        var state = (await Db.HashGetAsync(GiftKey(id), "state").ConfigureAwait(false)).ToString();
        if (state is "unlocked" or "refunded") return state;
        // Already reserved by this gift (a repeat after a crash, or a concurrent fulfilment): finish its grant.
        bool heldByUs = (await Db.StringGetAsync(OwnerKey(to)).ConfigureAwait(false)) == id;
        bool eligible = heldByUs || await _player.Friends.AreFriendsAsync(from, to).ConfigureAwait(false) &&
                        (await _cancellation.StatusAsync(to).ConfigureAwait(false))?.State is not ("cooling" or "executing" or "done");
        if (eligible && !heldByUs)
        {
            // Reserve first: 2 reserved now, 1 already this gift's (a concurrent repeat), 0 another gift's.
            int reserved = (int)await _services.Scripts.EvalAsync(_unlock, [OwnerKey(to)], [id]).ConfigureAwait(false);
            if (reserved == 0) eligible = false;
            else if (await OwnsOtherwiseAsync(to, id).ConfigureAwait(false))
            {
                // The friend bought the pass meanwhile: it can't be given again; the reservation goes back.
                if (reserved == 2) await Db.KeyDeleteAsync(OwnerKey(to)).ConfigureAwait(false);
                eligible = false;
            }
        }
        if (!eligible)
        {
            await refund().ConfigureAwait(false);
            await SetStateAsync(id, "refunded").ConfigureAwait(false);
            Log.Info("pass gift {0} from {1}: {2} can no longer receive it; refunded", id, from, to);
            DataLog.Write("pass gift refund", ("giftid", id), ("from", from), ("to", to));
            return "refunded";
        }
        var grant = await _player.Ledger.ApplyAsync(new LedgerOperation(to, $"passgift:{id}:unlock", "pass gift", [], [new ItemChange(Options.ItemId, 1)])).ConfigureAwait(false);
        if (!grant.Succeeded) throw new InvalidOperationException($"pass gift {id}: grant refused ({grant.Status})");
        await SetStateAsync(id, "unlocked").ConfigureAwait(false);
        DataLog.Write("pass gift unlock", ("giftid", id), ("from", from), ("to", to), ("season", Options.Season));
        var sender = await _player.Profiles.GetAsync(from).ConfigureAwait(false);
        await _player.Inbox.SendAsync(to, "gift", "A season pass for you", $"{sender?.Nickname ?? from} gave you the {Options.Season} season pass.",
            new JsonObject { ["giftid"] = id, ["from"] = from }, dedupeKey: "passgift:" + id).ConfigureAwait(false);
        return "unlocked";
    }

    /// <summary>An RMB gift that cannot be unlocked: a refund record for finance (the platform refund is done there).</summary>
    public async Task RecordRmbRefundAsync(string id, string orderId, string from, long amount)
    {
        string record = JsonSerializer.Serialize(new { giftid = id, orderid = orderId, acc = from, amount, time = _services.Clock.UnixSeconds });
        if (await Db.HashSetAsync("sg:{passgift}:refunds", id, record, When.NotExists).ConfigureAwait(false))
            DataLog.Write("pass gift rmb refund", ("giftid", id), ("orderid", orderId), ("acc", from), ("amount", amount));
    }

    public async Task<IReadOnlyList<string>> RmbRefundsAsync() =>
        (await Db.HashValuesAsync("sg:{passgift}:refunds").ConfigureAwait(false)).Select(v => v.ToString()).ToList();

    /// <summary>The recipient holds the pass, and not through this gift's own grant (which a concurrent repeat may have made).</summary>
    private async Task<bool> OwnsOtherwiseAsync(string to, string id) =>
        (await _player.Ledger.GetInventoryAsync(to).ConfigureAwait(false)).Any(i => i.Item.Id == Options.ItemId) &&
        !await Db.KeyExistsAsync(PlayerKeys.Idempotency(to, $"passgift:{id}:unlock")).ConfigureAwait(false);

    private async Task RefundGoldAsync(string id, string from)
    {
        var back = await _player.Ledger.ApplyAsync(LedgerOperation.Currency(from, $"passgift:{id}:refund", "pass gift refund", "gold", Options.GoldPrice)).ConfigureAwait(false);
        if (!back.Succeeded) throw new InvalidOperationException($"pass gift {id}: refund refused ({back.Status})");
    }

    private async Task SetStateAsync(string id, string state)
    {
        await Db.HashSetAsync(GiftKey(id), "state", state).ConfigureAwait(false);
        if (state is "unlocked" or "refunded" or "failed") await Db.SortedSetRemoveAsync(Paying, id).ConfigureAwait(false);
    }

    /// <summary>
    /// Finishes gold gifts a crash left between the debit and the unlock: paid ones are unlocked (or refunded when the
    /// friend can no longer receive it), unpaid ones are marked failed. Every step is keyed by the gift id.
    /// </summary>
    public async Task<int> SweepPayingAsync(TimeSpan olderThan)
    {
        int finished = 0;
        double before = _services.Clock.UnixSeconds - olderThan.TotalSeconds;
        foreach (var member in await Db.SortedSetRangeByScoreAsync(Paying, double.NegativeInfinity, before, take: 200).ConfigureAwait(false))
        {
            string id = member.ToString();
            var f = await Db.HashGetAsync(GiftKey(id), ["from", "to", "state"]).ConfigureAwait(false);
            if (f[0].IsNull || f[2] != "paying")
            {
                await Db.SortedSetRemoveAsync(Paying, id).ConfigureAwait(false);
                continue;
            }
            string from = f[0].ToString(), to = f[1].ToString();
            if (await Db.KeyExistsAsync(PlayerKeys.Idempotency(from, $"passgift:{id}:pay")).ConfigureAwait(false))
            {
                Log.Warn("pass gift {0} was paid but never unlocked; finishing it", id);
                await UnlockAsync(id, from, to, () => RefundGoldAsync(id, from)).ConfigureAwait(false);
            }
            else
            {
                Log.Warn("pass gift {0} was never paid; marked failed", id);
                await SetStateAsync(id, "failed").ConfigureAwait(false);
            }
            finished++;
        }
        return finished;
    }

    /// <summary>The sender's RMB gift to <paramref name="to"/> still waiting for its payment, answered as when it was made.</summary>
    private async Task<PassGiftResponse?> UnpaidAsync(string from, string to)
    {
        var id = await Db.StringGetAsync(UnpaidKey(from, to)).ConfigureAwait(false);
        if (id.IsNull) return null;
        if (await GetAsync(id.ToString()).ConfigureAwait(false) is not { State: "ordered", OrderId.Length: > 0 } gift) return null;
        var order = await _player.Payments.GetAsync(gift.OrderId).ConfigureAwait(false);
        if (order is not { State: "CREATED" }) return null;
        return new PassGiftResponse { GiftId = id.ToString(), State = "ordered", OrderId = order.Id, Amount = order.Amount };
    }

    /// <summary>A gift's sender, recipient, state and the RMB order paying it (empty for gold); null when there is no such gift.</summary>
    public async Task<(string From, string To, string State, string OrderId)?> GetAsync(string id)
    {
        var f = await Db.HashGetAsync(GiftKey(id), ["from", "to", "state", "orderid"]).ConfigureAwait(false);
        return f[0].IsNull ? null : (f[0].ToString(), f[1].ToString(), f[2].ToString(), f[3].ToString());
    }

    public async Task<PassRecordsResponse> RecordsAsync(string acc) => new()
    {
        Sent = await ReadAsync(SentKey(acc)).ConfigureAwait(false),
        Received = await ReadAsync(ReceivedKey(acc)).ConfigureAwait(false),
    };

    private async Task<List<PassGiftRecord>> ReadAsync(RedisKey list)
    {
        var ids = await Db.ListRangeAsync(list, 0, 99).ConfigureAwait(false);
        var records = new List<PassGiftRecord>();
        foreach (var id in ids)
        {
            var f = (await Db.HashGetAllAsync(GiftKey(id.ToString())).ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => e.Value);
            if (f.Count == 0) continue;
            records.Add(new PassGiftRecord
            {
                GiftId = id.ToString(), From = f["from"].ToString(), To = f["to"].ToString(), Season = f["season"].ToString(),
                Pay = (int)f["pay"], State = f["state"].ToString(), Time = (long)f["time"],
            });
        }
        return records;
    }

    private static PassGiftResponse Fail(ResultCode code) => new() { Result = (int)code };
}
