using System.Security.Cryptography;
using System.Text.Json;
using SocialGame.Core.Logging;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Modules.Player;
using StackExchange.Redis;

namespace SocialGame.Modules.Store;

/// <summary>
/// A buy holding stock: who bought, which item, how many, the ledger operation that pays for it, and for a buy for another
/// account its request id (sold only when delivered: <see cref="StoreKeys.GiftDecision"/>).
/// </summary>
internal sealed record StockHold(string Id, string Account, string Field, int Count, string LedgerKey, long Time, string? GiftReqId = null);

/// <summary>
/// Global stock of store items (its own slot, <c>{storestock}</c>): a buy takes stock first (atomically, never below zero), then
/// runs its ledger operation, then settles the hold as sold, or gives the stock back when the ledger refused. A hold a crash left
/// is settled by <see cref="SweepAsync"/> on any node: sold when its ledger operation was applied (and, for another account, the
/// purchase was delivered rather than refunded), else given back; the settling script removes the hold, so only one node settles
/// it.
/// </summary>
internal sealed class StoreStock
{
    private static readonly NLog.Logger Log = NLog.LogManager.GetCurrentClassLogger();
    // a paid buy for another account whose delivery is still undecided after this long is settled as sold (its record lost)
    private static readonly TimeSpan UndecidedGift = TimeSpan.FromDays(1);
    private readonly RedisStore _redis;
    private readonly Ledger _ledger;
    private readonly IClock _clock;
    private readonly LuaScript<TakeArgs, (TakeOutcome Outcome, long Left)> _take;
    private readonly LuaScript<SettleArgs, bool> _settle;

    public StoreStock(RedisStore redis, ScriptRegistry scripts, Ledger ledger, IClock clock)
    {
        _redis = redis;
        _ledger = ledger;
        _clock = clock;
        _take = new(scripts, typeof(StoreStock).Assembly, "store_stock_take.lua",
            r => (r.Outcome(TakeOutcomes, 0), r.Long(1))) { Durable = true };
        _settle = new(scripts, typeof(StoreStock).Assembly, "store_stock_settle.lua",
            r => r.Outcome(SettleOutcomes) == SettleOutcome.Settled) { Durable = true };
    }

    internal enum TakeOutcome
    {
        Taken,
        SoldOut,
    }

    private enum SettleOutcome
    {
        Settled,
        Gone,
    }

    private static readonly StringCodec<TakeOutcome> TakeOutcomes = StringCodec<TakeOutcome>.SnakeCase("store_stock_take outcome");
    private static readonly StringCodec<SettleOutcome> SettleOutcomes = StringCodec<SettleOutcome>.SnakeCase("store_stock_settle outcome");

    private sealed record TakeArgs(string Field, int Count, long FileStock, StockHold Hold) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(StoreKeys.Stock).Key(StoreKeys.Holding).Key(StoreKeys.HoldingIndex)
            .Args(Field, Count, FileStock, Hold.Id, JsonSerializer.Serialize(Hold), Hold.Time);
    }

    private sealed record SettleArgs(string HoldId, bool Sold, string Field, int Count) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(StoreKeys.Stock).Key(StoreKeys.Holding).Key(StoreKeys.HoldingIndex)
            .Key(StoreKeys.Sales).Args(HoldId, Sold ? "sold" : "release", Field, Count);
    }

    /// <summary>Takes <paramref name="count"/> of the item's stock for a buy (<paramref name="giftReqId"/>: the request id of a buy
    /// for another account); null when not enough is left (nothing taken).</summary>
    public async Task<StockHold?> TakeAsync(string account, string field, int count, long fileStock, string ledgerKey,
        string? giftReqId = null)
    {
        var hold = new StockHold("H" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), account, field, count, ledgerKey,
            _clock.UnixSeconds, giftReqId);
        var (outcome, _) = await _take.CallAsync(new TakeArgs(field, count, fileStock, hold)).ConfigureAwait(false);
        return outcome == TakeOutcome.Taken ? hold : null;
    }

    /// <summary>Settles a hold: sold, or its stock given back. False when it was settled before (by the sweep).</summary>
    public async Task<bool> SettleAsync(StockHold hold, bool sold)
    {
        bool settled = await _settle.CallAsync(new SettleArgs(hold.Id, sold, hold.Field, hold.Count)).ConfigureAwait(false);
        if (settled && !sold) DataLog.Write("store stock back", ("acc", hold.Account), ("item", hold.Field), ("count", hold.Count));
        return settled;
    }

    /// <summary>Counts units sold of an item without stock (with stock, settling the hold counts them).</summary>
    public Task CountSoldAsync(string field, int count) => _redis.Db.HashIncrementAsync(StoreKeys.Sales, field, count);

    /// <summary>Stock left per field (null: never sold yet, the file's stock is whole).</summary>
    public async Task<long?[]> LeftAsync(IReadOnlyList<string> fields)
    {
        if (fields.Count == 0) return [];
        var values = await _redis.Db.HashGetAsync(StoreKeys.Stock, fields.Select(f => (RedisValue)f).ToArray()).ConfigureAwait(false);
        return values.Select(v => v.IsNull ? (long?)null : Math.Max(0, (long)v)).ToArray();
    }

    public async Task<Dictionary<string, long>> SalesAsync() =>
        (await _redis.Db.HashGetAllAsync(StoreKeys.Sales).ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => (long)e.Value);

    /// <summary>
    /// Settles holds older than <paramref name="grace"/> (a buy that died between taking stock and finishing): sold when its
    /// ledger operation was applied, else the stock goes back. <paramref name="account"/>: only that account's holds, whatever
    /// their age (its deletion; its sessions are closed by then). Returns how many this node settled.
    /// </summary>
    public async Task<int> SweepAsync(TimeSpan grace, string? account = null)
    {
        double before = account is null ? _clock.UnixSeconds - grace.TotalSeconds : double.PositiveInfinity;
        int settled = 0;
        var seen = new HashSet<string>();
        while (true)
        {
            var due = await _redis.Db.SortedSetRangeByScoreAsync(StoreKeys.HoldingIndex, double.NegativeInfinity, before, take: 200)
                .ConfigureAwait(false);
            var fresh = due.Select(d => d.ToString()).Where(seen.Add).ToList();
            if (fresh.Count == 0) return settled;
            foreach (var id in fresh)
            {
                var raw = await _redis.Db.HashGetAsync(StoreKeys.Holding, id).ConfigureAwait(false);
                if (raw.IsNull)
                {
                    await _redis.Db.SortedSetRemoveAsync(StoreKeys.HoldingIndex, id).ConfigureAwait(false);
                    continue;
                }
                var hold = JsonSerializer.Deserialize<StockHold>(raw.ToString())!;
                if (account is not null && hold.Account != account) continue;
                bool sold = await _ledger.WasAppliedAsync(hold.Account, hold.LedgerKey).ConfigureAwait(false);
                if (sold && hold.GiftReqId is { } reqId)
                {
                    // paid for another account: sold only if delivered, as decided once by the buy or the gift sweep
                    var decided = await _redis.Db.StringGetAsync(StoreKeys.GiftDecision(hold.Account, reqId)).ConfigureAwait(false);
                    if (decided.IsNull && _clock.UnixSeconds - hold.Time < UndecidedGift.TotalSeconds) continue; // a later pass
                    if (decided.IsNull)
                        Log.Warn("store stock hold {Hold} of {Account} ({Item}): paid for another account, its delivery never decided; " +
                            "settled as sold", hold.Id, hold.Account, hold.Field);
                    sold = decided.IsNull || decided == StoreKeys.Granted;
                }
                if (!await SettleAsync(hold, sold).ConfigureAwait(false)) continue;
                settled++;
                Log.Info("store stock hold {Hold} of {Account} ({Item}) settled by the sweep: {Outcome}", hold.Id, hold.Account, hold.Field,
                    sold ? "sold" : "given back");
                DataLog.Write("store stock sweep", ("acc", hold.Account), ("item", hold.Field), ("count", hold.Count),
                    ("outcome", sold ? "sold" : "back"));
            }
        }
    }
}
