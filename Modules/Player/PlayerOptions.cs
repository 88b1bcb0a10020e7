using SocialGame.Core.Options;

namespace SocialGame.Modules.Player;

/// <summary><c>Config/player.json</c>: currencies, limits of the player base, the payment secret.</summary>
internal sealed class PlayerOptions : IValidatableOptions
{
    public const string FileName = "player.json";
    public const string DevelopmentPaySecret = "socialgame-development-pay-secret";

    /// <summary>Currency names; every balance change names one of them.</summary>
    public List<string> Currencies { get; set; } = [Protocol.Currency.Gold, Protocol.Currency.Yuanbao];
    /// <summary>No balance may pass this (it also keeps every amount exact in Lua's numbers).</summary>
    public long MaxBalance { get; set; } = 1_000_000_000_000;
    /// <summary>How long a ledger idempotency key remembers its outcome.</summary>
    public int IdempotencyTtlDays { get; set; } = 30;
    /// <summary>Messages kept per inbox; the oldest are dropped beyond it.</summary>
    public int InboxCap { get; set; } = 200;
    public int FriendCap { get; set; } = 500;
    /// <summary>The head given to a new profile.</summary>
    public string DefaultHead { get; set; } = "default";
    /// <summary>HMAC-SHA256 secret the payment platform signs its callbacks with.</summary>
    public string PaySecret { get; set; } = DevelopmentPaySecret;
    /// <summary>A PAID order whose fulfilment has not finished after this long is fulfilled again.</summary>
    public int FulfilRetrySeconds { get; set; } = 10;
    /// <summary>An order not paid this long after it was made expires (it no longer counts against
    /// <see cref="MaxUnpaidOrders"/>).</summary>
    public int OrderExpireSeconds { get; set; } = 900;
    /// <summary>Unpaid orders one account may hold at once (of every module); one more answers too_many_unpaid.</summary>
    public int MaxUnpaidOrders { get; set; } = 5;

    public void Validate(OptionsValidator v)
    {
        if (Currencies.Count == 0) v.Error("currencies", "must name at least one currency");
        for (int i = 0; i < Currencies.Count; i++)
            if (!Common.Validate.Text(Currencies[i], 32) || Currencies[i].Contains(' '))
                v.Error($"currencies[{i}]", "must be a short name without spaces");
        if (Currencies.Distinct().Count() != Currencies.Count) v.Error("currencies", "has duplicates");
        v.Range("maxBalance", MaxBalance, 1, 10_000_000_000_000);
        v.Range("idempotencyTtlDays", IdempotencyTtlDays, 1, 3650);
        v.Range("inboxCap", InboxCap, 1, 10_000);
        v.Range("friendCap", FriendCap, 1, 100_000);
        if (PaySecret.Length < 16) v.Error("paySecret", "must be at least 16 characters");
        v.Range("fulfilRetrySeconds", FulfilRetrySeconds, 1, 3600);
        v.Range("orderExpireSeconds", OrderExpireSeconds, 60, 86400);
        v.Range("maxUnpaidOrders", MaxUnpaidOrders, 1, 100);
    }
}

internal enum ItemKind
{
    AvatarFrame,
    ChatBubble,
    HomeEffect,
    EntranceEffect,
    Ring,
    GiftCard,
    Gift,
    Pass,
    Other,
    Fish,
    Tank,
    Decoration,
}

internal sealed class ItemDef
{
    public int Id { get; set; }
    public ItemKind Kind { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Days one unit lasts; 0 = permanent.</summary>
    public int DurationDays { get; set; }
    public bool Stackable { get; set; }

    public string KindName => Protocol.Generators.ProtocolText.SnakeCase(Kind.ToString());
}

/// <summary><c>Config/items.json</c>: the item catalogue.</summary>
internal sealed class ItemCatalog : IValidatableOptions
{
    public const string FileName = "items.json";
    public List<ItemDef> Items { get; set; } = [];

    private Dictionary<int, ItemDef>? _byId;

    public ItemDef? Find(int id) => (_byId ??= Items.ToDictionary(i => i.Id)).GetValueOrDefault(id);

    public void Validate(OptionsValidator v)
    {
        for (int i = 0; i < Items.Count; i++)
        {
            var item = Items[i];
            var at = v.At($"items[{i}].");
            at.Range("id", item.Id, 1, int.MaxValue);
            at.NotEmpty("name", item.Name);
            at.Range("durationDays", item.DurationDays, 0, 36500);
            if (item.Stackable && item.DurationDays > 0)
                at.Error("stackable", "a timed item cannot be stackable (its expiry is extended instead)");
        }
        foreach (var dup in Items.GroupBy(i => i.Id).Where(g => g.Count() > 1)) v.Error("items", $"item id {dup.Key} appears twice");
    }
}

internal sealed class ProductItem
{
    public int ItemId { get; set; }
    public long Count { get; set; }
}

internal sealed class ProductDef
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Price in fen.</summary>
    public long Price { get; set; }
    /// <summary>Which module fulfils a paid order ("player" grants the currencies and items below).</summary>
    public string Module { get; set; } = "player";
    public Dictionary<string, long> Currencies { get; set; } = [];
    public List<ProductItem> Items { get; set; } = [];
}

/// <summary><c>Config/products.json</c>: what can be bought with RMB.</summary>
internal sealed class ProductCatalog : IValidatableOptions
{
    public const string FileName = "products.json";
    public List<ProductDef> Products { get; set; } = [];

    public ProductDef? Find(string id) => Products.FirstOrDefault(p => p.Id == id);

    public void Validate(OptionsValidator v)
    {
        for (int i = 0; i < Products.Count; i++)
        {
            var p = Products[i];
            var at = v.At($"products[{i}].");
            if (!Common.Validate.Text(p.Id, 64) || p.Id.Contains(' ')) at.Error("id", "must be 1-64 characters without spaces");
            at.NotEmpty("name", p.Name);
            at.Range("price", p.Price, 1, 100_000_000);
            at.NotEmpty("module", p.Module);
            foreach (var (cur, amount) in p.Currencies) at.Range($"currencies.{cur}", amount, 1, 1_000_000_000);
            for (int j = 0; j < p.Items.Count; j++) at.Range($"items[{j}].count", p.Items[j].Count, 1, 1_000_000);
        }
        foreach (var dup in Products.GroupBy(p => p.Id).Where(g => g.Count() > 1))
            v.Error("products", $"product id {dup.Key} appears twice");
    }

    /// <summary>Checks that the currencies and items a product grants exist.</summary>
    public void CheckAgainst(PlayerOptions options, ItemCatalog items, string fileName)
    {
        var v = new OptionsValidator();
        for (int i = 0; i < Products.Count; i++)
        {
            foreach (var cur in Products[i].Currencies.Keys.Where(c => !options.Currencies.Contains(c)))
                v.Error($"products[{i}].currencies.{cur}", "is not a configured currency");
            for (int j = 0; j < Products[i].Items.Count; j++)
                if (items.Find(Products[i].Items[j].ItemId) is null)
                    v.Error($"products[{i}].items[{j}].itemId", $"item {Products[i].Items[j].ItemId} is not in items.json");
        }
        if (v.Errors.Count > 0) throw new ConfigException($"{fileName}: {string.Join("; ", v.Errors)}");
    }
}
