using SocialGame.Core.Options;
using SocialGame.Modules.Player;

namespace SocialGame.Modules.Pandora;

/// <summary>A prize: a currency amount (<see cref="Currency"/>) or an item of items.json (<see cref="ItemId"/>; a timed item
/// grants <see cref="Count"/> of its periods).</summary>
internal sealed class PandoraPrizeConfig
{
    /// <summary>Unique within its pool (an owner reward has none: 0).</summary>
    public int Id { get; set; }
    /// <summary>Shown to players: Chinese with English beside.</summary>
    public string Name { get; set; } = "";
    public string Currency { get; set; } = "";
    public long Amount { get; set; }
    public int ItemId { get; set; }
    public long Count { get; set; }
    /// <summary>Relative weight in its pool (unused for an owner reward).</summary>
    public long Weight { get; set; }
    /// <summary>Worth in gold: the opened push lists the biggest draws first.</summary>
    public long Value { get; set; }
}

internal sealed class PandoraPoolConfig
{
    public string Id { get; set; } = "";
    public List<PandoraPrizeConfig> Prizes { get; set; } = [];

    public long TotalWeight => Prizes.Sum(p => p.Weight);

    public PandoraPrizeConfig? Find(int id) => Prizes.FirstOrDefault(p => p.Id == id);
}

internal sealed class PandoraLevelConfig
{
    /// <summary>1, 2, 3 ... in order.</summary>
    public int Level { get; set; }
    /// <summary>Energy (gold of the session's gifts) at which the level becomes openable; rising with the level.</summary>
    public long Threshold { get; set; }
    /// <summary>The pool every member present draws from.</summary>
    public string Pool { get; set; } = "";
    /// <summary>What the owner gets when the level is opened.</summary>
    public PandoraPrizeConfig OwnerReward { get; set; } = new();
}

/// <summary><c>Config/pandora.json</c>: the levels of the Pandora box, its prize pools and how long records are kept.</summary>
internal sealed class PandoraOptions : IValidatableOptions
{
    public const string FileName = "pandora.json";
    /// <summary>The legal minimum of keeping draw records (the rules for random draws): records are kept at least this long.</summary>
    public const int MinRecordDays = 90;

    public List<PandoraLevelConfig> Levels { get; set; } = [];
    public List<PandoraPoolConfig> Pools { get; set; } = [];
    /// <summary>How long each player's draw records are kept (at least 90).</summary>
    public int RecordDays { get; set; } = MinRecordDays;
    /// <summary>How long a box's draws stay in the room's keys after its session (the records keep them for the players).</summary>
    public int BoxKeepDays { get; set; } = 7;
    /// <summary>How often each node sweeps for draws stored and not granted (a node that died between the two).</summary>
    public int SweepIntervalSeconds { get; set; } = 5;
    /// <summary>Draws stored this long ago and still not granted are granted by the sweep (the opener normally grants at once).</summary>
    public int GrantGraceSeconds { get; set; } = 30;
    /// <summary>How long a node's claim of a sweep item holds before another node may take it over.</summary>
    public int ClaimLeaseSeconds { get; set; } = 60;
    /// <summary>How many draws the opened push lists (the biggest first); the total is always given.</summary>
    public int OpenedPushTop { get; set; } = 20;
    /// <summary>The rules published with the odds (Chinese with English beside).</summary>
    public string Rules { get; set; } = "";

    public PandoraPoolConfig? Pool(string id) => Pools.FirstOrDefault(p => p.Id == id);
    public PandoraLevelConfig? Level(int level) => Levels.FirstOrDefault(l => l.Level == level);

    public void Validate(OptionsValidator v)
    {
        if (Levels.Count == 0) v.Error("levels", "at least one level is required");
        for (int i = 0; i < Levels.Count; i++)
        {
            var l = Levels[i];
            var at = v.At($"levels[{i}].");
            if (l.Level != i + 1) at.Error("level", $"levels are numbered 1, 2, 3 ... in order: expected {i + 1}, got {l.Level}");
            at.Range("threshold", l.Threshold, 1, 1_000_000_000_000);
            if (i > 0 && l.Threshold <= Levels[i - 1].Threshold) at.Error("threshold", "must be above the previous level's");
            if (Pool(l.Pool) is null) at.Error("pool", $"'{l.Pool}' is no pool of pools[]");
            ValidatePrize(at.At("ownerReward."), l.OwnerReward, weighted: false);
        }
        for (int i = 0; i < Pools.Count; i++)
        {
            var p = Pools[i];
            var at = v.At($"pools[{i}].");
            at.NotEmpty("id", p.Id);
            if (p.Prizes.Count == 0) at.Error("prizes", "a pool needs at least one prize");
            for (int j = 0; j < p.Prizes.Count; j++)
            {
                var prizeAt = at.At($"prizes[{j}].");
                prizeAt.Range("id", p.Prizes[j].Id, 1, 1_000_000);
                ValidatePrize(prizeAt, p.Prizes[j], weighted: true);
            }
            foreach (var dup in p.Prizes.GroupBy(x => x.Id).Where(g => g.Count() > 1))
                at.Error("prizes", $"prize id {dup.Key} appears twice");
            if (p.TotalWeight > 1_000_000_000) at.Error("prizes", "the total weight must be at most 1000000000");
        }
        foreach (var dup in Pools.GroupBy(p => p.Id).Where(g => g.Count() > 1)) v.Error("pools", $"pool id '{dup.Key}' appears twice");
        v.Range("recordDays", RecordDays, MinRecordDays, 3650);
        v.Range("boxKeepDays", BoxKeepDays, 1, 365);
        v.Range("sweepIntervalSeconds", SweepIntervalSeconds, 1, 3600);
        v.Range("grantGraceSeconds", GrantGraceSeconds, 5, 3600);
        v.Range("claimLeaseSeconds", ClaimLeaseSeconds, 5, 3600);
        v.Range("openedPushTop", OpenedPushTop, 1, 500);
    }

    private static void ValidatePrize(OptionsValidator at, PandoraPrizeConfig p, bool weighted)
    {
        at.NotEmpty("name", p.Name);
        if (p.Name.Length > 64) at.Error("name", "at most 64 characters");
        bool currency = p.Currency.Length > 0, item = p.ItemId != 0;
        if (currency == item) at.Error("currency", "a prize is either a currency (currency, amount) or an item (itemId, count)");
        if (currency) at.Range("amount", p.Amount, 1, 1_000_000_000);
        if (item) at.Range("count", p.Count, 1, 1_000);
        if (weighted) at.Range("weight", p.Weight, 1, 1_000_000_000);
        at.Range("value", p.Value, 0, 1_000_000_000);
    }

    /// <summary>Every currency and item named is known (player.json, items.json); throws naming the file and the field.</summary>
    public void CheckAgainst(IReadOnlyList<string> currencies, ItemCatalog items)
    {
        var prizes = Levels.Select((l, i) => ($"levels[{i}].ownerReward", l.OwnerReward))
            .Concat(Pools.SelectMany((p, i) => p.Prizes.Select((x, j) => ($"pools[{i}].prizes[{j}]", x))));
        foreach (var (at, p) in prizes)
        {
            if (p.Currency.Length > 0 && !currencies.Contains(p.Currency))
                throw new ConfigException($"{FileName}: {at}.currency: '{p.Currency}' is no currency of {PlayerOptions.FileName}");
            if (p.ItemId != 0 && items.Find(p.ItemId) is null)
                throw new ConfigException($"{FileName}: {at}.itemId: {p.ItemId} is not in {ItemCatalog.FileName}");
        }
    }
}
