using SocialGame.Core.Options;
using SocialGame.Modules.Player;

namespace SocialGame.Modules.Rank;

/// <summary>What a board counts: charm (gifts received) or wealth (gifts sent, with any activity bonus).</summary>
internal enum RankMetric
{
    Charm,
    Wealth,
}

/// <summary>How long a board's period is, cut by the business calendar (weeks start on Monday).</summary>
internal enum RankPeriodKind
{
    Day,
    Week,
}

internal sealed class RankCurrencyReward
{
    public string Currency { get; set; } = "";
    public long Amount { get; set; }
}

/// <summary>An item granted: <see cref="Count"/> of it, or for a timed item <see cref="Days"/> (a multiple of its durationDays).</summary>
internal sealed class RankItemReward
{
    public int ItemId { get; set; }
    public long Count { get; set; }
    public int Days { get; set; }
}

/// <summary>What one place (or a range of places) is granted.</summary>
internal sealed class RankRewardSet
{
    /// <summary>First place of the range (ranges only; the first-place reward has none).</summary>
    public int From { get; set; }
    public int To { get; set; }
    public List<RankCurrencyReward> Currencies { get; set; } = [];
    public List<RankItemReward> Items { get; set; } = [];
}

internal sealed class RankBoard
{
    /// <summary>1-24 of a-z 0-9 _: it names the board on the wire, in keys and in ledger keys.</summary>
    public string Id { get; set; } = "";
    /// <summary>Chinese with English beside, e.g. "魅力日榜 / Daily charm ranking".</summary>
    public string Name { get; set; } = "";
    public RankMetric Metric { get; set; }
    public RankPeriodKind Period { get; set; }
    /// <summary>Days a period's board (and its final places) is kept after it ends.</summary>
    public int KeepDays { get; set; } = 7;
    /// <summary>How many final places the settlement freezes (history) and may reward.</summary>
    public int HistorySize { get; set; } = 10;
    /// <summary>The first-place extra reward (null: none).</summary>
    public RankRewardSet? First { get; set; }
    /// <summary>Rewards of further places (2-3, 4-10, ...), not overlapping, not covering place 1.</summary>
    public List<RankRewardSet> Ranges { get; set; } = [];

    /// <summary>What <paramref name="rank"/> is granted, or null.</summary>
    public RankRewardSet? RewardOf(int rank) => rank == 1 ? First : Ranges.FirstOrDefault(r => rank >= r.From && rank <= r.To);
}

/// <summary><c>Config/rank.json</c>: the charm and wealth boards, their periods, what is kept and what settlement grants.</summary>
internal sealed class RankOptions : IValidatableOptions
{
    public const string FileName = "rank.json";
    public List<RankBoard> Boards { get; set; } = [];
    /// <summary>How often each node looks for ended periods to settle.</summary>
    public int JobIntervalSeconds { get; set; } = 5;
    /// <summary>How long a node's claim on a settlement holds before another node may take it over (a node that died mid-way).</summary>
    public int ClaimSeconds { get; set; } = 60;

    public RankBoard? Find(string? id) => id is null ? null : Boards.FirstOrDefault(b => b.Id == id);

    public static bool ValidId(string? id) =>
        id is { Length: > 0 and <= 24 } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');

    public void Validate(OptionsValidator v)
    {
        v.Range("jobIntervalSeconds", JobIntervalSeconds, 1, 3600);
        v.Range("claimSeconds", ClaimSeconds, 5, 3600);
        for (int i = 0; i < Boards.Count; i++)
        {
            var b = Boards[i];
            var at = v.At($"boards[{i}].");
            if (!ValidId(b.Id)) at.Error("id", "must be 1-24 of a-z 0-9 _");
            if (!Common.Validate.Text(b.Name, 64)) at.Error("name", "must be 1-64 characters");
            if (!Enum.IsDefined(b.Metric)) at.Error("metric", "must be charm or wealth");
            if (!Enum.IsDefined(b.Period)) at.Error("period", "must be day or week");
            at.Range("keepDays", b.KeepDays, 1, 365);
            at.Range("historySize", b.HistorySize, 1, 100);
            if (b.First is { } first) ValidateSet(at.At("first."), first);
            for (int j = 0; j < b.Ranges.Count; j++)
            {
                var r = b.Ranges[j];
                var ra = at.At($"ranges[{j}].");
                ra.Range("from", r.From, 2, b.HistorySize);
                ra.Range("to", r.To, r.From, b.HistorySize);
                if (b.Ranges.Take(j).Any(o => r.From <= o.To && o.From <= r.To)) ra.Error("from", "overlaps an earlier range");
                ValidateSet(ra, r);
            }
        }
        foreach (var dup in Boards.GroupBy(b => b.Id).Where(g => g.Count() > 1)) v.Error("boards", $"id {dup.Key} appears twice");
    }

    private static void ValidateSet(OptionsValidator v, RankRewardSet set)
    {
        if (set.Currencies.Count + set.Items.Count == 0) v.Error("currencies", "a reward needs a currency or an item");
        for (int k = 0; k < set.Currencies.Count; k++)
            v.At($"currencies[{k}].").Range("amount", set.Currencies[k].Amount, 1, 1_000_000_000);
        if (set.Currencies.GroupBy(c => c.Currency).Any(g => g.Count() > 1)) v.Error("currencies", "a currency appears twice");
        for (int k = 0; k < set.Items.Count; k++)
        {
            var item = set.Items[k];
            var ia = v.At($"items[{k}].");
            if ((item.Count > 0) == (item.Days > 0)) ia.Error("count", "give either count (an item) or days (a timed item)");
            ia.Range("count", item.Count, 0, 1_000_000);
            ia.Range("days", item.Days, 0, 3650);
        }
        if (set.Items.GroupBy(i => i.ItemId).Any(g => g.Count() > 1)) v.Error("items", "an item appears twice");
    }

    /// <summary>The currencies and items against player.json and items.json (a timed item's days a multiple of its durationDays).</summary>
    public void CheckAgainst(PlayerOptions player, ItemCatalog items)
    {
        foreach (var b in Boards)
        {
            var sets = (b.First is null ? [] : new[] { ("first", b.First) })
                .Concat(b.Ranges.Select((r, j) => ($"ranges[{j}]", r)));
            foreach (var (where, set) in sets)
            {
                string at = $"{FileName}: boards[{Boards.IndexOf(b)}].{where}";
                foreach (var c in set.Currencies.Where(c => !player.Currencies.Contains(c.Currency)))
                    throw new ConfigException($"{at}.currencies: '{c.Currency}' is not a currency of {PlayerOptions.FileName}");
                foreach (var i in set.Items)
                {
                    var def = items.Find(i.ItemId)
                        ?? throw new ConfigException($"{at}.items: itemId {i.ItemId} is not in {ItemCatalog.FileName}");
                    if (i.Days > 0 && (def.DurationDays == 0 || i.Days % def.DurationDays != 0))
                        throw new ConfigException($"{at}.items: itemId {i.ItemId}: days {i.Days} must be a multiple of its durationDays " +
                            $"({def.DurationDays}; 0 means permanent: give count)");
                }
            }
        }
    }

    /// <summary>The ledger changes of a reward (a timed item's days as units of its durationDays).</summary>
    public static (List<CurrencyChange> Currencies, List<ItemChange> Items) Changes(RankRewardSet set, ItemCatalog items) =>
        (set.Currencies.Select(c => new CurrencyChange(c.Currency, c.Amount)).ToList(),
            set.Items.Select(i => new ItemChange(i.ItemId, i.Days > 0 ? i.Days / items.Find(i.ItemId)!.DurationDays : i.Count)).ToList());
}
