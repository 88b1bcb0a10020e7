using System.Text.Json.Serialization;
using SocialGame.Core.Options;
using SocialGame.Modules.Player;
using SocialGame.Protocol.Messages.Player;

namespace SocialGame.Modules.Bargain;

/// <summary>
/// <c>Config/bargain.json</c>: the module switch, the limits, the code format, the player-type rules and
/// the activity periods with their goods and help amounts. Reloadable (<c>//gm reload bargain</c>).
/// </summary>
internal sealed class BargainOptions : IValidatableOptions
{
    public const string FileName = "bargain.json";
    /// <summary>The currency goods are paid in.</summary>
    public const string Currency = Protocol.Currency.Yuanbao;

    /// <summary>The whole module; false answers module_close everywhere.</summary>
    public bool Enabled { get; set; } = true;
    public BargainLimits Limits { get; set; } = new();
    public BargainCodeOptions Code { get; set; } = new();
    /// <summary>Rules classifying a helper, first match wins; no match gives <see cref="DefaultPlayerType"/>.</summary>
    public List<PlayerTypeRule> PlayerTypes { get; set; } = [];
    public string DefaultPlayerType { get; set; } = "old";
    public List<BargainPeriod> Periods { get; set; } = [];

    public BargainPeriod? Find(int id)
    {
        foreach (var period in Periods)
            if (period.Id == id) return period;
        return null;
    }

    /// <summary>The helper's player type: the first rule that matches the profile, else the default.</summary>
    public string Classify(ProfileInfo? profile, long now)
    {
        if (profile is not null)
            foreach (var rule in PlayerTypes)
                if (rule.Matches(profile, now)) return rule.Type;
        return DefaultPlayerType;
    }

    public IEnumerable<string> TypeNames => PlayerTypes.Select(t => t.Type).Append(DefaultPlayerType).Distinct();

    public void Validate(OptionsValidator v)
    {
        v.Nested("limits", Limits);
        v.Nested("code", Code);
        if (!Common.Validate.Text(DefaultPlayerType, 32)) v.Error("defaultPlayerType", "must be a name of 1-32 characters");
        for (int i = 0; i < PlayerTypes.Count; i++) PlayerTypes[i].Validate(v.At($"playerTypes[{i}]."));
        foreach (var dup in PlayerTypes.GroupBy(t => t.Type).Where(g => g.Count() > 1))
            v.Error("playerTypes", $"type {dup.Key} appears twice");
        for (int i = 0; i < Periods.Count; i++) Periods[i].Validate(v.At($"periods[{i}]."), TypeNames.ToList());
        foreach (var dup in Periods.GroupBy(p => p.Id).Where(g => g.Count() > 1)) v.Error("periods", $"period id {dup.Key} appears twice");
    }

    /// <summary>Checks the goods' items against the item catalogue and the currency against the player base.</summary>
    public void CheckAgainst(PlayerOptions player, ItemCatalog items, string fileName)
    {
        var v = new OptionsValidator();
        if (!player.Currencies.Contains(Currency)) v.Error("(file)", $"the player base has no currency {Currency}");
        for (int i = 0; i < Periods.Count; i++)
            for (int j = 0; j < Periods[i].Goods.Count; j++)
                if (items.Find(Periods[i].Goods[j].ItemId) is null)
                    v.Error($"periods[{i}].goods[{j}].itemId", $"item {Periods[i].Goods[j].ItemId} is not in {ItemCatalog.FileName}");
        if (v.Errors.Count > 0) throw new ConfigException($"{fileName}: {string.Join("; ", v.Errors)}");
    }
}

internal sealed class BargainLimits : IValidatableOptions
{
    /// <summary>Distinct accounts that may help from one IP in a period (an account that did may go on).</summary>
    public int AccountsPerIp { get; set; } = 5;
    /// <summary>Distinct accounts that may help from one device in a period.</summary>
    public int AccountsPerDevice { get; set; } = 2;
    /// <summary>Helps one account may give in a period.</summary>
    public int HelpsPerAccount { get; set; } = 5;
    /// <summary>Bargains one player may have at once (the current one and the paused ones).</summary>
    public int MaxDoing { get; set; } = 3;

    public void Validate(OptionsValidator v)
    {
        v.Range("accountsPerIp", AccountsPerIp, 1, 1_000_000);
        v.Range("accountsPerDevice", AccountsPerDevice, 1, 1_000_000);
        v.Range("helpsPerAccount", HelpsPerAccount, 1, 10_000);
        v.Range("maxDoing", MaxDoing, 1, 100);
    }
}

internal sealed class BargainCodeOptions : IValidatableOptions
{
    /// <summary>Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L).</summary>
    public const string Unambiguous = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int ShortestCode = 8;
    public const int LongestCode = 10;

    public int MinLength { get; set; } = ShortestCode;
    public int MaxLength { get; set; } = LongestCode;
    /// <summary>Characters of new codes, a subset of <see cref="Unambiguous"/>.</summary>
    public string Alphabet { get; set; } = Unambiguous;
    /// <summary>Codes tried (each unique only if it was free) before start answers code_make_fail.</summary>
    public int Attempts { get; set; } = 5;

    public void Validate(OptionsValidator v)
    {
        v.Range("minLength", MinLength, ShortestCode, LongestCode);
        v.Range("maxLength", MaxLength, MinLength, LongestCode);
        if (Alphabet.Length == 0 || Alphabet.Any(c => !Unambiguous.Contains(c)) || Alphabet.Distinct().Count() != Alphabet.Length)
            v.Error("alphabet", $"must be distinct characters of {Unambiguous}");
        v.Range("attempts", Attempts, 1, 20);
    }
}

/// <summary>A player type: every condition given must hold (at least one must be given).</summary>
internal sealed class PlayerTypeRule
{
    public string Type { get; set; } = "";
    public int? MinVipLevel { get; set; }
    public int? MaxVipLevel { get; set; }
    /// <summary>Registered less than this many days ago (a new account).</summary>
    public int? MaxRegDays { get; set; }
    /// <summary>Registered at least this many days ago.</summary>
    public int? MinRegDays { get; set; }
    public int? MinLevel { get; set; }

    public bool Matches(ProfileInfo p, long now)
    {
        long age = now - p.RegTime;
        return (MinVipLevel is null || p.VipLevel >= MinVipLevel) && (MaxVipLevel is null || p.VipLevel <= MaxVipLevel)
            && (MaxRegDays is null || age < MaxRegDays * 86400L) && (MinRegDays is null || age >= MinRegDays * 86400L)
            && (MinLevel is null || p.Level >= MinLevel);
    }

    public void Validate(OptionsValidator v)
    {
        if (!Common.Validate.Text(Type, 32)) v.Error("type", "must be a name of 1-32 characters");
        if (MinVipLevel is null && MaxVipLevel is null && MaxRegDays is null && MinRegDays is null && MinLevel is null)
            v.Error("type", "a rule needs at least one condition (minVipLevel, maxVipLevel, maxRegDays, minRegDays, minLevel)");
        if (MinVipLevel is { } a) v.Range("minVipLevel", a, 0, 100);
        if (MaxVipLevel is { } b) v.Range("maxVipLevel", b, 0, 100);
        if (MaxRegDays is { } c) v.Range("maxRegDays", c, 1, 36500);
        if (MinRegDays is { } d) v.Range("minRegDays", d, 0, 36500);
        if (MinLevel is { } e) v.Range("minLevel", e, 1, 10_000);
    }
}

/// <summary>An inclusive range of yuanbao.</summary>
internal sealed class AmountRange
{
    public long Min { get; set; }
    public long Max { get; set; }

    public void Validate(OptionsValidator v, string field, long lowest)
    {
        v.Range($"{field}.min", Min, lowest, 1_000_000_000);
        v.Range($"{field}.max", Max, Min, 1_000_000_000);
    }
}

/// <summary>Help amounts of one player type: the helper's first help, and later helps.</summary>
internal sealed class HelpAmounts
{
    public AmountRange First { get; set; } = new();
    public AmountRange Later { get; set; } = new();
}

internal sealed class BargainPeriod
{
    public int Id { get; set; }
    /// <summary>This period only; false answers module_close.</summary>
    public bool Enabled { get; set; } = true;
    [JsonPropertyName("actkey")] public string ActKey { get; set; } = "";
    [JsonPropertyName("actnamekey")] public string ActNameKey { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>1 shown, 0 hidden (sent to the client).</summary>
    public int Show { get; set; } = 1;
    /// <summary>Open from begintime (inclusive) to endtime (exclusive), unix seconds.</summary>
    [JsonPropertyName("begintime")] public long BeginTime { get; set; }
    [JsonPropertyName("endtime")] public long EndTime { get; set; }
    /// <summary>Players below this level may not start a bargain (they may still help).</summary>
    [JsonPropertyName("limitlevel")] public int LimitLevel { get; set; }
    public List<BargainGoods> Goods { get; set; } = [];
    /// <summary>Help amounts per player type.</summary>
    public Dictionary<string, HelpAmounts> Help { get; set; } = [];

    public BargainGoods? FindGoods(int idx) => Goods.FirstOrDefault(g => g.Idx == idx);

    public bool IsOpenAt(long now) => now >= BeginTime && now < EndTime;

    public void Validate(OptionsValidator v, IReadOnlyList<string> types)
    {
        v.Range("id", Id, 1, 1_000_000);
        if (!Common.Validate.Text(ActKey, 64)) v.Error("actkey", "must be 1-64 characters");
        if (!Common.Validate.OptionalText(ActNameKey, 64)) v.Error("actnamekey", "must be at most 64 characters");
        if (!Common.Validate.Text(Name, 64)) v.Error("name", "must be 1-64 characters");
        v.Range("show", Show, 0, 1);
        v.Range("begintime", BeginTime, 0, 4_102_444_800);
        v.Range("endtime", EndTime, BeginTime + 1, 4_102_444_800);
        v.Range("limitlevel", LimitLevel, 0, 10_000);
        if (Goods.Count == 0) v.Error("goods", "needs at least one goods");
        for (int i = 0; i < Goods.Count; i++) Goods[i].Validate(v.At($"goods[{i}]."));
        foreach (var dup in Goods.GroupBy(g => g.Idx).Where(g => g.Count() > 1)) v.Error("goods", $"idx {dup.Key} appears twice");
        foreach (var dup in Goods.GroupBy(g => g.GoodsId).Where(g => g.Count() > 1)) v.Error("goods", $"goodsid {dup.Key} appears twice");
        foreach (var type in types.Where(t => !Help.ContainsKey(t))) v.Error("help", $"has no amounts for player type {type}");
        foreach (var (type, amounts) in Help)
        {
            if (!types.Contains(type)) v.Error($"help.{type}", "is not a player type");
            amounts.First.Validate(v, $"help.{type}.first", 1);
            amounts.Later.Validate(v, $"help.{type}.later", 1);
        }
    }
}

internal sealed class BargainGoods
{
    public int Idx { get; set; }
    [JsonPropertyName("goodsid")] public int GoodsId { get; set; }
    /// <summary>The item granted (from items.json) and how many.</summary>
    public int ItemId { get; set; }
    public long Count { get; set; } = 1;
    /// <summary>Price and floor price in yuanbao; helps never cut below the floor.</summary>
    public long Price { get; set; }
    [JsonPropertyName("floorprice")] public long FloorPrice { get; set; }
    /// <summary>How many times one player may complete this goods.</summary>
    [JsonPropertyName("getcount")] public int GetCount { get; set; } = 1;
    /// <summary>The system's cut when a bargain starts.</summary>
    public AmountRange SysDel { get; set; } = new();

    /// <summary>The most all cuts together may take off.</summary>
    public long MaxCut => Price - FloorPrice;

    public void Validate(OptionsValidator v)
    {
        v.Range("idx", Idx, 1, 10_000);
        v.Range("goodsid", GoodsId, 1, int.MaxValue);
        v.Range("itemId", ItemId, 1, int.MaxValue);
        v.Range("count", Count, 1, 1_000_000);
        v.Range("price", Price, 0, 1_000_000_000);
        v.Range("floorprice", FloorPrice, 0, Price);
        v.Range("getcount", GetCount, 1, 1000);
        SysDel.Validate(v, "sysDel", 0);
        if (SysDel.Max > MaxCut) v.Error("sysDel.max", $"must not pass price - floorprice ({MaxCut})");
    }
}
