using SocialGame.Core.Options;
using SocialGame.Modules.Common;
using SocialGame.Modules.Player;

namespace SocialGame.Modules.Store;

internal sealed class StoreTab
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public int Order { get; set; }
}

/// <summary>One item of <c>items.json</c> a purchase grants: <see cref="Count"/> units (a timed item: each unit lasts its days).</summary>
internal sealed class StoreGrant
{
    public int ItemId { get; set; }
    public long Count { get; set; } = 1;
}

/// <summary>Purchase limits per account (0: none in that period).</summary>
internal sealed class StoreLimits
{
    public int Day { get; set; }
    public int Week { get; set; }
    /// <summary>Within the item's window (without a window: ever).</summary>
    public int Window { get; set; }
    public int Ever { get; set; }

    public bool Any => Day > 0 || Week > 0 || Window > 0 || Ever > 0;
}

internal sealed class StoreItem
{
    public int Id { get; set; }
    public string Tab { get; set; } = "";
    public string Name { get; set; } = "";
    public ItemKind Category { get; set; }
    public List<StoreGrant> Grants { get; set; } = [];
    /// <summary>gold or yuanbao (with <see cref="Price"/>); empty with <see cref="ProductId"/>.</summary>
    public string Currency { get; set; } = "";
    public long Price { get; set; }
    /// <summary>An RMB product of module "store" (its price is the item's price, in fen).</summary>
    public string ProductId { get; set; } = "";
    public long OriginalPrice { get; set; }
    public int Order { get; set; }
    public DateTimeOffset? Begin { get; set; }
    public DateTimeOffset? End { get; set; }
    public string MinVersion { get; set; } = "";
    public string MaxVersion { get; set; } = "";
    public int MinVipLevel { get; set; }
    /// <summary>0: no maximum.</summary>
    public int MaxVipLevel { get; set; }
    /// <summary>An activity that must be open (empty: none).</summary>
    public string Activity { get; set; } = "";
    /// <summary>Not buyable when every item it grants is owned for good (permanent, not stackable).</summary>
    public bool NotIfOwned { get; set; }
    public StoreLimits Limits { get; set; } = new();
    /// <summary>Global stock across every node and account (null: unlimited).</summary>
    public long? Stock { get; set; }
    /// <summary>At most this many in one buy (default 99; an RMB product: 1).</summary>
    public int? MaxCount { get; set; }

    public bool IsRmb => ProductId.Length > 0;
    public int CountLimit => IsRmb ? 1 : MaxCount ?? 99;

    /// <summary>What <paramref name="count"/> of the item grant, as the ledger's item changes.</summary>
    public List<ItemChange> GrantChanges(int count = 1) => Grants.Select(g => new ItemChange(g.ItemId, g.Count * count)).ToList();
}

internal sealed class StoreDef
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public int Order { get; set; }
    /// <summary>The store is listed to players of at least this VIP level.</summary>
    public int MinVipLevel { get; set; }
    public List<StoreTab> Tabs { get; set; } = [];
    public List<StoreItem> Items { get; set; } = [];

    public StoreItem? Find(int id) => Items.FirstOrDefault(i => i.Id == id);
}

/// <summary>A rule's condition label and the text shown when it makes an item not buyable ({level}, {limit} filled in).</summary>
internal sealed class RuleText
{
    public string Label { get; set; } = "";
    public string NotBuyable { get; set; } = "";
}

internal sealed class StoreTexts
{
    public RuleText MinVip { get; set; } = new() { Label = "VIP{level}专属 VIP{level} only",
        NotBuyable = "VIP{level}及以上可购买 Needs VIP{level}" };
    public RuleText MaxVip { get; set; } = new() { Label = "VIP{level}及以下 Up to VIP{level}",
        NotBuyable = "仅限VIP{level}及以下 Up to VIP{level} only" };
    public RuleText Owned { get; set; } = new() { Label = "", NotBuyable = "已拥有 Already owned" };
    public RuleText Day { get; set; } = new() { Label = "每日限购{limit} {limit} a day", NotBuyable = "今日已售罄 Sold out today" };
    public RuleText Week { get; set; } = new() { Label = "每周限购{limit} {limit} a week", NotBuyable = "本周已售罄 Sold out this week" };
    public RuleText Window { get; set; } = new() { Label = "限购{limit} Limit {limit}", NotBuyable = "已达限购 Limit reached" };
    public RuleText Ever { get; set; } = new() { Label = "限购{limit} Limit {limit}", NotBuyable = "已达限购 Limit reached" };
    public RuleText Stock { get; set; } = new() { Label = "限量{limit} Only {limit}", NotBuyable = "已售罄 Sold out" };
    public RuleText OnSale { get; set; } = new() { Label = "限时 Limited time", NotBuyable = "不在售卖时间 Not on sale now" };
    public RuleText Activity { get; set; } = new() { Label = "活动专属 Event only", NotBuyable = "活动未开启 The event is not open" };
    public RuleText Version { get; set; } = new() { Label = "", NotBuyable = "请更新客户端 Please update the app" };

    public IEnumerable<(string Name, RuleText Text)> All =>
    [
        ("minVip", MinVip), ("maxVip", MaxVip), ("owned", Owned), ("day", Day), ("week", Week), ("window", Window), ("ever", Ever),
        ("stock", Stock), ("onSale", OnSale), ("activity", Activity), ("version", Version),
    ];
}

/// <summary><c>Config/stores.json</c>: every store (tabs, items, rules) and the rules' texts.</summary>
internal sealed class StoreOptions : IValidatableOptions
{
    public const string FileName = "stores.json";
    public List<StoreDef> Stores { get; set; } = [];
    public StoreTexts Texts { get; set; } = new();
    /// <summary>Stock taken by a buy that has not finished this long after is settled by the sweep (given back or counted sold).</summary>
    public int StockSweepSeconds { get; set; } = 60;

    public StoreDef? Find(string id) => Stores.FirstOrDefault(s => s.Id == id);

    /// <summary>Store ids, tab ids: 1-32 of a-z 0-9 _ (they are parts of Redis keys and log lines).</summary>
    public static bool ValidId(string? id) =>
        id is { Length: > 0 and <= 32 } && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    public void Validate(OptionsValidator v)
    {
        v.Range("stockSweepSeconds", StockSweepSeconds, 10, 86400);
        foreach (var (name, text) in Texts.All)
        {
            if (!Common.Validate.OptionalText(text.Label, 64)) v.Error($"texts.{name}.label", "must be at most 64 characters");
            if (!Common.Validate.Text(text.NotBuyable, 128)) v.Error($"texts.{name}.notBuyable", "must be 1-128 characters");
        }
        for (int s = 0; s < Stores.Count; s++) ValidateStore(v.At($"stores[{s}]."), Stores[s]);
        foreach (var dup in Stores.GroupBy(s => s.Id).Where(g => g.Count() > 1)) v.Error("stores", $"store id {dup.Key} appears twice");
    }

    private static void ValidateStore(OptionsValidator v, StoreDef store)
    {
        if (!ValidId(store.Id)) v.Error("id", "must be 1-32 of a-z 0-9 _");
        if (!Common.Validate.Text(store.Name, 64)) v.Error("name", "must be 1-64 characters");
        v.Range("minVipLevel", store.MinVipLevel, 0, 100);
        if (store.Tabs.Count == 0) v.Error("tabs", "needs at least one tab");
        for (int t = 0; t < store.Tabs.Count; t++)
        {
            if (!ValidId(store.Tabs[t].Id)) v.Error($"tabs[{t}].id", "must be 1-32 of a-z 0-9 _");
            if (!Common.Validate.Text(store.Tabs[t].Name, 64)) v.Error($"tabs[{t}].name", "must be 1-64 characters");
        }
        foreach (var dup in store.Tabs.GroupBy(t => t.Id).Where(g => g.Count() > 1)) v.Error("tabs", $"tab id {dup.Key} appears twice");
        for (int i = 0; i < store.Items.Count; i++) ValidateItem(v.At($"items[{i}]."), store, store.Items[i]);
        foreach (var dup in store.Items.GroupBy(i => i.Id).Where(g => g.Count() > 1)) v.Error("items", $"item id {dup.Key} appears twice");
    }

    private static void ValidateItem(OptionsValidator v, StoreDef store, StoreItem item)
    {
        v.Range("id", item.Id, 1, int.MaxValue);
        if (store.Tabs.All(t => t.Id != item.Tab)) v.Error("tab", $"'{item.Tab}' is not a tab of store {store.Id}");
        if (!Common.Validate.Text(item.Name, 64)) v.Error("name", "must be 1-64 characters");
        if (item.Grants.Count == 0) v.Error("grants", "needs at least one item");
        for (int g = 0; g < item.Grants.Count; g++) v.Range($"grants[{g}].count", item.Grants[g].Count, 1, 10_000);
        if (item.Grants.Select(g => g.ItemId).Distinct().Count() != item.Grants.Count) v.Error("grants", "an item appears twice");
        if (item.IsRmb == (item.Currency.Length > 0)) v.Error("currency", "an item has either a currency and a price or a productId");
        if (!item.IsRmb) v.Range("price", item.Price, 1, 1_000_000_000);
        v.Range("originalPrice", item.OriginalPrice, 0, 1_000_000_000);
        if (item.Begin is { } b && item.End is { } e && e <= b) v.Error("end", "must be after begin");
        if (item.MinVersion.Length > 0 && !ClientVersion.TryParse(item.MinVersion, out _)) v.Error("minVersion", "must be like 3.4.0");
        if (item.MaxVersion.Length > 0 && !ClientVersion.TryParse(item.MaxVersion, out _)) v.Error("maxVersion", "must be like 3.4.0");
        v.Range("minVipLevel", item.MinVipLevel, 0, 100);
        v.Range("maxVipLevel", item.MaxVipLevel, 0, 100);
        if (item.MaxVipLevel > 0 && item.MaxVipLevel < item.MinVipLevel) v.Error("maxVipLevel", "must be at least minVipLevel");
        if (item.Activity.Length > 0 && !ValidId(item.Activity)) v.Error("activity", "must be 1-32 of a-z 0-9 _");
        v.Range("limits.day", item.Limits.Day, 0, 1_000_000);
        v.Range("limits.week", item.Limits.Week, 0, 1_000_000);
        v.Range("limits.window", item.Limits.Window, 0, 1_000_000);
        v.Range("limits.ever", item.Limits.Ever, 0, 1_000_000);
        if (item.Stock is { } stock) v.Range("stock", stock, 0, 1_000_000_000);
        if (item.IsRmb && item.Stock is not null) v.Error("stock", "global stock is for items paid in a currency");
        if (item.MaxCount is { } max) v.Range("maxCount", max, 1, item.IsRmb ? 1 : 10_000);
    }

    /// <summary>Checks the currencies, items and products the stores name against the player base's files.</summary>
    public void CheckAgainst(PlayerBase player, string fileName)
    {
        var v = new OptionsValidator();
        for (int s = 0; s < Stores.Count; s++)
            for (int i = 0; i < Stores[s].Items.Count; i++)
            {
                var item = Stores[s].Items[i];
                var at = v.At($"stores[{s}].items[{i}].");
                if (item.Currency.Length > 0 && !player.Options.Currencies.Contains(item.Currency))
                    at.Error("currency", $"'{item.Currency}' is not a configured currency");
                if (item.IsRmb && player.Products.Find(item.ProductId)?.Module != StoreFulfiller.ModuleName)
                    at.Error("productId", $"'{item.ProductId}' must be a product of module \"store\" in {ProductCatalog.FileName}");
                for (int g = 0; g < item.Grants.Count; g++)
                    if (player.Items.Find(item.Grants[g].ItemId) is null)
                        at.Error($"grants[{g}].itemId", $"item {item.Grants[g].ItemId} is not in {ItemCatalog.FileName}");
            }
        if (v.Errors.Count > 0) throw new ConfigException($"{fileName}: {string.Join("; ", v.Errors)}");
    }
}
