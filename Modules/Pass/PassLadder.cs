using System.Security.Cryptography;
using System.Text;
using SocialGame.Modules.Player;
using SocialGame.Protocol.Messages.Pass;

namespace SocialGame.Modules.Pass;

internal enum PassTrack
{
    Free,
    Premium,
}

/// <summary>Where one reward of a player's season stands (the clients see the same texts).</summary>
internal enum PassRewardState
{
    /// <summary>The level has no reward on this track.</summary>
    None,
    Locked,
    Claimable,
    Claimed,
}

/// <summary>One reward: a level's reward on one track; <see cref="Field"/> names it in the player's season record ("3:f").</summary>
internal readonly record struct PassRewardRef(int Level, PassTrack Track)
{
    public string Field => $"{Level}:{(Track == PassTrack.Free ? 'f' : 'p')}";

    public static PassRewardRef? Parse(string field)
    {
        int colon = field.IndexOf(':');
        if (colon < 1 || colon != field.Length - 2 || !int.TryParse(field.AsSpan(0, colon), out int level)) return null;
        return field[^1] switch { 'f' => new(level, PassTrack.Free), 'p' => new(level, PassTrack.Premium), _ => null };
    }
}

/// <summary>What a player's season record says: XP and the rewards claimed (or forfeited, or being granted).</summary>
internal sealed record PassProgress(long Xp, IReadOnlySet<string> Claimed, bool Owned);

/// <summary>
/// The season's levels and rewards as pure rules: the level of an amount of XP, each reward's state, what is claimable
/// and what a set of rewards grants (added up per item and currency, for one ledger operation).
/// </summary>
internal sealed class PassLadder(PassOptions options, ItemCatalog items)
{
    public static readonly Core.Storage.StringCodec<PassRewardState> States =
        Core.Storage.StringCodec<PassRewardState>.SnakeCase("pass reward state");

    public IReadOnlyList<PassLevel> Levels => options.Levels;

    /// <summary>The highest level whose XP is reached (0 before the first).</summary>
    public int LevelOf(long xp)
    {
        int level = 0;
        while (level < options.Levels.Count && options.Levels[level].Xp <= xp) level++;
        return level;
    }

    /// <summary>The XP the level after <paramref name="level"/> needs; 0 at the top.</summary>
    public long NextXp(int level) => level < options.Levels.Count ? options.Levels[level].Xp : 0;

    public PassLevel? Find(int level) => level >= 1 && level <= options.Levels.Count ? options.Levels[level - 1] : null;

    public PassRewardState StateOf(PassRewardRef reward, PassProgress progress)
    {
        if (Find(reward.Level) is not { } level || level.Track(reward.Track).Count == 0) return PassRewardState.None;
        if (progress.Claimed.Contains(reward.Field)) return PassRewardState.Claimed;
        if (reward.Level > LevelOf(progress.Xp) || (reward.Track == PassTrack.Premium && !progress.Owned)) return PassRewardState.Locked;
        return PassRewardState.Claimable;
    }

    /// <summary>Every reward claimable now, lowest level first, the free one before the premium one.</summary>
    public List<PassRewardRef> Claimable(PassProgress progress) =>
        Enumerable.Range(1, LevelOf(progress.Xp))
            .SelectMany(l => new[] { new PassRewardRef(l, PassTrack.Free), new PassRewardRef(l, PassTrack.Premium) })
            .Where(r => StateOf(r, progress) == PassRewardState.Claimable).ToList();

    /// <summary>Whether a level after <paramref name="from"/> up to <paramref name="to"/> has a reward the player can claim.</summary>
    public bool HasRewardBetween(int from, int to, bool owned) =>
        Enumerable.Range(from + 1, Math.Max(0, to - from)).Select(l => Find(l)!)
            .Any(l => l.Free.Count > 0 || (owned && l.Premium.Count > 0));

    /// <summary>The ledger changes of <paramref name="rewards"/>, added up per currency and per item.</summary>
    public (List<CurrencyChange> Currencies, List<ItemChange> Items) Grants(IEnumerable<PassRewardRef> rewards)
    {
        var currencies = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var counts = new SortedDictionary<int, long>();
        foreach (var part in rewards.SelectMany(r => Find(r.Level)!.Track(r.Track)))
        {
            if (part.IsItem) counts[part.ItemId] = counts.GetValueOrDefault(part.ItemId) + UnitsOf(part);
            else currencies[part.Currency] = currencies.GetValueOrDefault(part.Currency) + part.Amount;
        }
        return (currencies.Select(c => new CurrencyChange(c.Key, c.Value)).ToList(),
            counts.Select(i => new ItemChange(i.Key, i.Value)).ToList());
    }

    /// <summary>What the clients are shown of ledger changes (or of one track's reward).</summary>
    public List<PassRewardItem> Describe(IEnumerable<CurrencyChange> currencies, IEnumerable<ItemChange> grants) =>
        [
            .. grants.Select(i => Item(i.ItemId, i.Count)),
            .. currencies.Select(c => new PassRewardItem { Currency = c.Currency, Amount = c.Delta }),
        ];

    public List<PassRewardItem> Describe(IReadOnlyList<PassReward> parts) =>
        parts.Select(p => p.IsItem ? Item(p.ItemId, UnitsOf(p)) : new PassRewardItem { Currency = p.Currency, Amount = p.Amount }).ToList();

    /// <summary>The ledger count of an item part: its count, or for a timed item its days in units of the item's duration.</summary>
    public long UnitsOf(PassReward part) => part.Days > 0 ? part.Days / Math.Max(1, items.Find(part.ItemId)!.DurationDays) : part.Count;

    private PassRewardItem Item(int id, long count) =>
        new() { ItemId = id, Count = count, Days = (int)Math.Min(int.MaxValue, count * (items.Find(id)?.DurationDays ?? 0)) };

    /// <summary>The rewards of one claim as text ("1:f,1:p,2:f"): what its ledger key stands for.</summary>
    public static string Canonical(IEnumerable<PassRewardRef> rewards) =>
        string.Join(",", rewards.OrderBy(r => r.Level).ThenBy(r => r.Track).Select(r => r.Field));

    /// <summary>The ledger key of a claim of <paramref name="canonical"/>: each reward is claimed once, so the key names one
    /// claim.</summary>
    public static string ClaimKey(string season, string canonical) =>
        $"pass:{season}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..20]}";

    public static List<PassRewardRef> ParseCanonical(string canonical) =>
        canonical.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(PassRewardRef.Parse).OfType<PassRewardRef>().ToList();
}
