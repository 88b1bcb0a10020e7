using SocialGame.Core.Options;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Modules.Player;
using SocialGame.Protocol.Messages.Store;
using StackExchange.Redis;

namespace SocialGame.Modules.Store;

/// <summary>
/// The store engine: every store of <c>stores.json</c> (the VIP store, the aquarium store...) is a configuration of it. Lists
/// stores and items with what this player may buy now, and buys (<c>StorePurchases.cs</c>).
/// </summary>
internal sealed partial class StoreService
{
    private static readonly NLog.Logger Log = NLog.LogManager.GetCurrentClassLogger();
    private readonly string _file;
    private readonly RedisStore _redis;
    private readonly PlayerBase _player;
    private readonly IClock _clock;
    private readonly BusinessCalendar _calendar;
    private readonly IReadOnlyList<IStorePromotions> _promotions;
    private volatile StoreOptions _options;

    public StoreService(string configDir, RedisStore redis, ScriptRegistry scripts, IClock clock, BusinessCalendar calendar,
        PlayerBase player, IReadOnlyList<IStorePromotions> promotions)
    {
        _file = Path.Combine(configDir, StoreOptions.FileName);
        _redis = redis;
        _player = player;
        _clock = clock;
        _calendar = calendar;
        _promotions = promotions;
        _options = Load();
        Stock = new StoreStock(redis, scripts, player.Ledger, clock);
    }

    public StoreOptions Options => _options;
    public StoreStock Stock { get; }
    public PlayerBase Player => _player;
    public RedisStore Redis => _redis;

    /// <summary>The item's limit periods for the account now.</summary>
    public IReadOnlyList<LimitPeriod> PeriodsNow(string account, StoreDef store, StoreItem item) =>
        StoreRules.Periods(account, store.Id, item, _options.Texts, _calendar, _clock.UtcNow);

    private StoreOptions Load()
    {
        var options = ConfigLoader.Load<StoreOptions>(_file);
        options.CheckAgainst(_player, StoreOptions.FileName);
        return options;
    }

    /// <summary>Reads the file again; a bad file throws <see cref="ConfigException"/> and the running configuration stays.</summary>
    public StoreOptions Reload()
    {
        var options = Load();
        _options = options;
        return options;
    }

    public async Task<List<StoreInfo>> StoresAsync(string account)
    {
        int vip = (await _player.Profiles.GetAsync(account).ConfigureAwait(false))?.VipLevel ?? 0;
        return _options.Stores.Where(s => vip >= s.MinVipLevel).OrderBy(s => s.Order).Select(s => new StoreInfo
        {
            Id = s.Id, Name = s.Name, Order = s.Order,
            Tabs = s.Tabs.OrderBy(t => t.Order).Select(t => new StoreTabInfo { Id = t.Id, Name = t.Name, Order = t.Order }).ToList(),
        }).ToList();
    }

    private bool ActivityOpen(string activity, DateTimeOffset now) =>
        activity.Length == 0 || _promotions.Any(p => p.IsActivityOpen(activity, now) == true);

    /// <summary>The item ids the account holds for good (permanent, not stackable, not expired).</summary>
    private async Task<HashSet<int>> OwnedForGoodAsync(string account) =>
        (await _player.Ledger.GetInventoryAsync(account).ConfigureAwait(false))
            .Where(h => h.ExpireTime == 0 && h.Item is { Stackable: false, DurationDays: 0 }).Select(h => h.Item.Id).ToHashSet();

    private bool OwnsAll(StoreItem item, HashSet<int> owned) =>
        item.Grants.All(g => owned.Contains(g.ItemId) && _player.Items.Find(g.ItemId) is { Stackable: false, DurationDays: 0 });

    /// <summary>Whether the player may buy <paramref name="count"/> of the item now, read from Redis (the buy counts atomically).</summary>
    private async Task<(Verdict Verdict, IReadOnlyList<LimitPeriod> Periods)> JudgeAsync(string payer, string recipient, string? version,
        StoreDef store, StoreItem item, int count, DateTimeOffset now)
    {
        int vip = (await _player.Profiles.GetAsync(payer).ConfigureAwait(false))?.VipLevel ?? 0;
        var owned = item.NotIfOwned ? await OwnedForGoodAsync(recipient).ConfigureAwait(false) : [];
        var periods = StoreRules.Periods(payer, store.Id, item, _options.Texts, _calendar, now);
        var counts = await CountsAsync(periods.Select(p => p.Key).ToList()).ConfigureAwait(false);
        long? stock = item.Stock is { } s ? (await Stock.LeftAsync([StoreKeys.Field(store.Id,
            item.Id)]).ConfigureAwait(false))[0] ?? s : null;
        var input = new EligibilityInput(now, vip, version, ActivityOpen(item.Activity, now), OwnsAll(item, owned),
            periods.Select((p, i) => (p, counts[i])).ToList(), stock);
        return (StoreRules.Evaluate(item, _options.Texts, input, count), periods);
    }

    private async Task<long[]> CountsAsync(IReadOnlyList<string> keys)
    {
        if (keys.Count == 0) return [];
        var values = await _redis.Db.StringGetAsync(keys.Select(k => (RedisKey)k).ToArray()).ConfigureAwait(false);
        return values.Select(v => v.IsNull ? 0L : (long)v).ToArray();
    }

    /// <summary>The items of a store (or one tab) as this player sees them now; null for an unknown store or tab.</summary>
    public async Task<List<StoreItemInfo>?> ItemsAsync(string account, string? version, string storeId, string? tab)
    {
        var options = _options;
        if (options.Find(storeId) is not { } store || (tab is not null && store.Tabs.All(t => t.Id != tab))) return null;
        var now = _clock.UtcNow;
        int vip = (await _player.Profiles.GetAsync(account).ConfigureAwait(false))?.VipLevel ?? 0;
        var owned = await OwnedForGoodAsync(account).ConfigureAwait(false);
        var tabOrder = store.Tabs.Select((t, i) => (t.Id, t.Order, i)).ToDictionary(t => t.Id, t => (t.Order, t.i));
        var items = store.Items.Where(i => tab is null || i.Tab == tab).OrderBy(i => tabOrder[i.Tab]).ThenBy(i => i.Order).ToList();
        var periods = items.Select(i => StoreRules.Periods(account, store.Id, i, options.Texts, _calendar, now)).ToList();
        var counts = await CountsAsync(periods.SelectMany(p => p).Select(p => p.Key).ToList()).ConfigureAwait(false);
        var stocked = items.Where(i => i.Stock is not null).Select(i => StoreKeys.Field(store.Id, i.Id)).ToList();
        var left = await Stock.LeftAsync(stocked).ConfigureAwait(false);
        var stockOf = stocked.Select((f, i) => (f, left[i])).ToDictionary(x => x.f, x => x.Item2);
        var marks = items.Select(_ => new List<StoreMarkInfo>()).ToList();
        foreach (var p in _promotions)
        {
            var marked = await p.MarksAsync(account, store.Id, items, now).ConfigureAwait(false);
            for (int n = 0; n < items.Count; n++)
                marks[n].AddRange(marked[n].Select(m => new StoreMarkInfo { Kind = m.Kind, Label = m.Label, Left = m.Left }));
        }
        var result = new List<StoreItemInfo>();
        int at = 0;
        for (int n = 0; n < items.Count; n++)
        {
            var item = items[n];
            var limits = periods[n].Select(p => (p, counts[at++])).ToList();
            long? stock = item.Stock is { } s ? stockOf[StoreKeys.Field(store.Id, item.Id)] ?? s : null;
            var verdict = StoreRules.Evaluate(item, options.Texts, new EligibilityInput(now, vip, version, ActivityOpen(item.Activity, now),
                OwnsAll(item, owned), limits, stock));
            result.Add(ToInfo(item, verdict, stock, marks[n]));
        }
        return result;
    }

    private StoreItemInfo ToInfo(StoreItem item, Verdict verdict, long? stock, List<StoreMarkInfo> marks) => new()
    {
        Id = item.Id, Tab = item.Tab, Name = item.Name, Category = Protocol.Generators.ProtocolText.SnakeCase(item.Category.ToString()),
        Grants = item.Grants.Select(g => new StoreGrantInfo
        {
            ItemId = g.ItemId, Count = g.Count, Name = _player.Items.Find(g.ItemId)?.Name ?? "",
                Days = _player.Items.Find(g.ItemId)?.DurationDays ?? 0,
        }).ToList(),
        Currency = item.Currency, Price = PriceOf(item), ProductId = item.ProductId, OriginalPrice = item.OriginalPrice, Order = item.Order,
        CanBuy = verdict.CanBuy ? 1 : 0, Label = verdict.Label, Reason = verdict.CanBuy ? 0 : (int)verdict.Reason,
        ReasonText = verdict.ReasonText, ResetAt = verdict.ResetAt, Bought = verdict.Bought, Left = verdict.Left, Stock = stock ?? -1,
        Begin = item.Begin?.ToUnixTimeSeconds() ?? 0, End = item.End?.ToUnixTimeSeconds() ?? 0, Marks = marks,
    };

    /// <summary>The price of one: in its currency, or the RMB product's price in fen.</summary>
    public long PriceOf(StoreItem item) => item.IsRmb ? _player.Products.Find(item.ProductId)?.Price ?? 0 : item.Price;
}
