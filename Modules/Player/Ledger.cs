using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SocialGame.Core.Logging;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Protocol;
using StackExchange.Redis;

namespace SocialGame.Modules.Player;

/// <summary>One currency change of a ledger operation (negative debits).</summary>
internal sealed record CurrencyChange(string Currency, long Delta);

/// <summary>One item change: a positive count grants (timed items extend), a negative count consumes.</summary>
internal sealed record ItemChange(int ItemId, long Count);

/// <summary>
/// A per-account counter checked and counted by a ledger operation (e.g. purchases of an item today): the operation applies only
/// when every counter stays within its limit after adding its increment. <paramref name="Key"/> is the counter's own key in the
/// account's space (built by the module counting, so it shares the account's hash tag); <paramref name="ExpireAt"/> is the unix
/// second it resets at (0: never). A negative <paramref name="Increment"/> gives uses back (a refund of what was counted): the
/// counter goes down by at most what it holds, and one that no longer exists (its period over) is left alone.
/// </summary>
internal sealed record LedgerCounter(string Key, long Limit, long Increment, long ExpireAt);

/// <summary>
/// A ledger operation on one account: all of its currency and item changes apply together or not at
/// all. <see cref="Key"/> makes it idempotent: a retry with the same key returns the first outcome.
/// </summary>
internal sealed record LedgerOperation(string Account, string Key, string Reason, IReadOnlyList<CurrencyChange> Currencies,
    IReadOnlyList<ItemChange> Items)
{
    /// <summary>
    /// Unix seconds until which the key must be remembered at least, for operations that may be retried later
    /// than the configured <c>idempotencyTtlDays</c> (0: that many days only).
    /// </summary>
    public long RememberUntil { get; init; }

    /// <summary>
    /// What else the key stands for beyond the changes and the reason (e.g. the room of a gift): part of the
    /// fingerprint, so the same key used for another request is a conflict, not a replay ("": nothing else).
    /// </summary>
    public string Binding { get; init; } = "";

    /// <summary>
    /// Counters checked and incremented in the same atomic step (none by default): one over its limit refuses the whole
    /// operation (<see cref="LedgerStatus.CounterLimit"/>, its key in <see cref="LedgerOutcome.Short"/>) and nothing is written.
    /// They are part of the fingerprint.
    /// </summary>
    public IReadOnlyList<LedgerCounter> Counters { get; init; } = [];

    public static LedgerOperation Currency(string account, string key, string reason, string currency, long delta) =>
        new(account, key, reason, [new CurrencyChange(currency, delta)], []);
}

internal enum LedgerStatus
{
    Applied,
    /// <summary>The key was seen before with the same operation: nothing changed, the first outcome is returned.</summary>
    Replayed,
    Insufficient,
    InsufficientItems,
    Limit,
    /// <summary>The key was used before for a different operation.</summary>
    Conflict,
    /// <summary>The account was deleted: its ledger is closed, nothing changed; the refusal is recorded in its ledger stream for
    /// finance.</summary>
    Closed,
    /// <summary>A counter of the operation would pass its limit: nothing changed; <see cref="LedgerOutcome.Short"/> names its
    /// key.</summary>
    CounterLimit,
}

internal sealed record LedgerOutcome(LedgerStatus Status, IReadOnlyDictionary<string, long> Balances, string? Short)
{
    public bool Succeeded => Status is LedgerStatus.Applied or LedgerStatus.Replayed;

    /// <summary>
    /// Nothing is left to do for a credit that a caller retries until it is done: applied, or refused because the account
    /// was deleted (the refusal is in its ledger stream, where finance settles it).
    /// </summary>
    public bool Settled => Succeeded || Status == LedgerStatus.Closed;

    public ResultCode ToResult() => Status switch
    {
        LedgerStatus.Applied or LedgerStatus.Replayed => ResultCode.Success,
        LedgerStatus.Insufficient => ResultCode.InsufficientFunds,
        LedgerStatus.InsufficientItems => ResultCode.InsufficientItems,
        LedgerStatus.Limit => ResultCode.BalanceLimit,
        LedgerStatus.Closed => ResultCode.AccountCancelled,
        LedgerStatus.CounterLimit => ResultCode.PurchaseLimit,
        _ => ResultCode.IdempotencyConflict,
    };
}

/// <summary>
/// The wallet and inventory of every account, changed only through <see cref="ApplyAsync"/>: one Lua
/// script that checks, applies, appends ledger entries to the account's stream and remembers the key.
/// </summary>
internal sealed class Ledger
{
    private readonly RedisStore _redis;
    private readonly LuaScript<LedgerApplyArgs, LedgerOutcome> _apply;
    private readonly LuaScript<LedgerCloseArgs, bool> _close;
    private readonly PlayerOptions _options;
    private readonly ItemCatalog _items;
    private readonly IClock _clock;

    public Ledger(RedisStore redis, ScriptRegistry scripts, PlayerOptions options, ItemCatalog items, IClock clock)
    {
        _redis = redis;
        _options = options;
        _items = items;
        _clock = clock;
        _apply = LedgerApplyScript.Register(scripts);
        _close = LedgerApplyScript.RegisterClose(scripts);
    }

    public IReadOnlyList<string> Currencies => _options.Currencies;

    /// <summary>
    /// Why an operation cannot be attempted at all (unknown currency or item, zero or huge amounts,
    /// a bad key), or null. Callers turn a non-null answer into param_error; nothing is written.
    /// </summary>
    public LedgerProblem? Check(LedgerOperation op)
    {
        if (!Common.Validate.Account(op.Account)) return new(LedgerProblemKind.BadAccount);
        if (op.Key is not { Length: > 0 and <= 160 } || op.Key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            return new(LedgerProblemKind.BadKey);
        if (!Common.Validate.Text(op.Reason, 64)) return new(LedgerProblemKind.BadReason);
        if (op.Currencies.Count + op.Items.Count == 0) return new(LedgerProblemKind.NothingToChange);
        foreach (var c in op.Currencies)
        {
            if (!_options.Currencies.Contains(c.Currency)) return new(LedgerProblemKind.UnknownCurrency, c.Currency);
            if (c.Delta == 0 || c.Delta < -_options.MaxBalance || c.Delta > _options.MaxBalance)
                return new(LedgerProblemKind.BadAmount, c.Delta.ToString(CultureInfo.InvariantCulture));
        }
        if (op.Currencies.Select(c => c.Currency).Distinct().Count() != op.Currencies.Count) return new(LedgerProblemKind.CurrencyTwice);
        foreach (var i in op.Items)
        {
            if (_items.Find(i.ItemId) is null) return new(LedgerProblemKind.UnknownItem, i.ItemId.ToString(CultureInfo.InvariantCulture));
            if (i.Count == 0 || i.Count < -1_000_000 || i.Count > 1_000_000)
                return new(LedgerProblemKind.BadCount, i.Count.ToString(CultureInfo.InvariantCulture));
        }
        if (op.Items.Select(i => i.ItemId).Distinct().Count() != op.Items.Count) return new(LedgerProblemKind.ItemTwice);
        foreach (var c in op.Counters)
        {
            if (!CounterKeyOf(op.Account, c.Key)) return new(LedgerProblemKind.BadCounter, c.Key);
            if (c.Increment is 0 or < -1_000_000 or > 1_000_000 || c.Limit is < 0 or > 1_000_000_000 || c.ExpireAt < 0)
                return new(LedgerProblemKind.BadCounter, c.Key);
        }
        if (op.Counters.Select(c => c.Key).Distinct().Count() != op.Counters.Count) return new(LedgerProblemKind.BadCounter, "twice");
        return null;
    }

    /// <summary>A counter's key must be in the account's own space (its hash tag), so the script stays in one slot.</summary>
    private static bool CounterKeyOf(string account, string key)
    {
        string prefix = PlayerKeys.SpacePrefix(account);
        return key.Length > prefix.Length && key.Length <= 300 && key.StartsWith(prefix, StringComparison.Ordinal)
            && !key.Any(char.IsControl);
    }

    public async Task<LedgerOutcome> ApplyAsync(LedgerOperation op)
    {
        if (Check(op) is { } problem) throw new ArgumentException(problem.Message, nameof(op));
        long now = _clock.UnixSeconds;
        var items = op.Items.Select(i =>
        {
            var def = _items.Find(i.ItemId)!;
            return new LedgerItemArg(i.ItemId, i.Count, (long)def.DurationDays * 86400, def.Stackable);
        }).ToList();
        var outcome = await _apply.CallAsync(new LedgerApplyArgs(op.Account, op.Key, op.Reason, now,
            Math.Max((long)_options.IdempotencyTtlDays * 86400, op.RememberUntil - now), Fingerprint(op), _options.MaxBalance,
            op.Currencies, items) { Counters = op.Counters }).ConfigureAwait(false);
        if (outcome.Status == LedgerStatus.Closed)
            DataLog.Write("ledger refused closed", ("acc", op.Account), ("key", op.Key), ("reason", op.Reason),
                ("currencies", string.Join(",", op.Currencies.Select(c => $"{c.Currency}:{c.Delta}"))),
                ("items", string.Join(",", op.Items.Select(i => $"{i.ItemId}:{i.Count}"))));
        if (outcome.Status == LedgerStatus.Applied)
        {
            DataLog.Write("ledger", ("acc", op.Account), ("key", op.Key), ("reason", op.Reason),
                ("currencies", string.Join(",", op.Currencies.Select(c => $"{c.Currency}:{c.Delta}"))),
                ("items", string.Join(",", op.Items.Select(i => $"{i.ItemId}:{i.Count}"))),
                ("balances", string.Join(",", outcome.Balances.Select(b => $"{b.Key}:{b.Value}"))));
        }
        return outcome;
    }

    /// <summary>
    /// The money step of deleting an account (run after every module settled what it owed the account): appends the
    /// closing entry to its ledger stream, after which every operation of the account is refused (<see cref="LedgerStatus.Closed"/>)
    /// and recorded there, so a late credit cannot recreate the wallet, inventory or idempotency keys deleted next. Idempotent.
    /// </summary>
    public async Task CloseAsync(string account)
    {
        if (await _close.CallAsync(new LedgerCloseArgs(account, _clock.UnixSeconds)).ConfigureAwait(false))
            DataLog.Write("ledger closed", ("acc", account));
    }

    /// <summary>
    /// Whether the operation <paramref name="key"/> of <paramref name="account"/> was applied (while its key is kept,
    /// <c>idempotencyDays</c>): how a step that may have died after its ledger operation learns whether to finish or drop.
    /// </summary>
    public Task<bool> WasAppliedAsync(string account, string key) => _redis.Db.KeyExistsAsync(PlayerKeys.Idempotency(account, key));

    /// <summary>The fingerprint (<see cref="Fingerprint"/>) of the operation applied under <paramref name="key"/>; null when none
    /// was (or it was forgotten).</summary>
    public async Task<string?> AppliedFingerprintAsync(string account, string key)
    {
        var stored = await _redis.Db.StringGetAsync(PlayerKeys.Idempotency(account, key)).ConfigureAwait(false);
        if (stored.IsNull) return null;
        using var json = JsonDocument.Parse(stored.ToString());
        return json.RootElement.TryGetProperty("fp", out var fp) ? fp.GetString() : null;
    }

    /// <summary>The newest <paramref name="count"/> entries of the account's ledger, newest first: the stream id and its fields.</summary>
    public async Task<List<(string Id, Dictionary<string, string> Fields)>> TailAsync(string account, int count)
    {
        var entries = await _redis.Db.StreamRangeAsync(PlayerKeys.Ledger(account), count: count, messageOrder: Order.Descending)
            .ConfigureAwait(false);
        return entries.Select(e => (e.Id.ToString(), e.Values.ToDictionary(v => v.Name.ToString(), v => v.Value.ToString()))).ToList();
    }

    public async Task<Dictionary<string, long>> GetWalletAsync(string account)
    {
        var entries = await _redis.Db.HashGetAllAsync(PlayerKeys.Wallet(account)).ConfigureAwait(false);
        var wallet = _options.Currencies.ToDictionary(c => c, _ => 0L);
        foreach (var e in entries)
            if (wallet.ContainsKey(e.Name!)) wallet[e.Name!] = (long)e.Value;
        return wallet;
    }

    /// <summary>Items held now: expired and used-up entries are left out.</summary>
    public async Task<List<(ItemDef Item, long Count, long ExpireTime)>> GetInventoryAsync(string account)
    {
        var entries = await _redis.Db.HashGetAllAsync(PlayerKeys.Inventory(account)).ConfigureAwait(false);
        long now = _clock.UnixSeconds;
        var items = new List<(ItemDef, long, long)>();
        foreach (var e in entries)
        {
            if (!int.TryParse(e.Name.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out int id)
                || _items.Find(id) is not { } def) continue;
            using var json = JsonDocument.Parse(e.Value.ToString());
            long count = json.RootElement.GetProperty("count").GetInt64();
            long expire = json.RootElement.GetProperty("expire").GetInt64();
            if (count > 0 && (expire == 0 || expire > now)) items.Add((def, count, expire));
        }
        return items.OrderBy(i => i.Item1.Id).ToList();
    }

    /// <summary>What the operation does, so a key reused for something else is recognised.</summary>
    public static string Fingerprint(LedgerOperation op)
    {
        var text = new StringBuilder(op.Reason);
        foreach (var c in op.Currencies.OrderBy(c => c.Currency, StringComparer.Ordinal))
            text.Append('|').Append(c.Currency).Append(':').Append(c.Delta);
        foreach (var i in op.Items.OrderBy(i => i.ItemId)) text.Append("|#").Append(i.ItemId).Append(':').Append(i.Count);
        if (op.Binding.Length > 0) text.Append("|@").Append(op.Binding);
        foreach (var c in op.Counters.OrderBy(c => c.Key,
            StringComparer.Ordinal)) text.Append("|^").Append(c.Key).Append(':').Append(c.Increment);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
