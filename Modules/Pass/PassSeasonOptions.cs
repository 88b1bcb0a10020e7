using SocialGame.Core.Options;

namespace SocialGame.Modules.Pass;

/// <summary>What <c>unclaimedAtEnd</c> does with the rewards nobody claimed when the season ends.</summary>
internal enum PassUnclaimedPolicy
{
    /// <summary>Granted, with an inbox notice listing them.</summary>
    Grant,
    /// <summary>Lost (marked forfeited in the player's season record).</summary>
    Forfeit,
}

/// <summary>The season part of <c>Config/pass.json</c>: its window, levels and XP sources.</summary>
internal sealed partial class PassOptions
{
    public DateTimeOffset SeasonBegin { get; set; }
    public DateTimeOffset SeasonEnd { get; set; } = DateTimeOffset.MaxValue;
    public PassUnclaimedPolicy UnclaimedAtEnd { get; set; } = PassUnclaimedPolicy.Grant;
    /// <summary>Level n is <c>levels[n-1]</c>; its XP is the total XP it needs (increasing).</summary>
    public List<PassLevel> Levels { get; set; } = [];
    public PassXpSources XpSources { get; set; } = new();

    public bool SeasonOpen(DateTimeOffset now) => now >= SeasonBegin && now < SeasonEnd;

    private void ValidateSeason(OptionsValidator v)
    {
        if (SeasonEnd <= SeasonBegin) v.Error("seasonEnd", "must be after seasonBegin");
        if (!Enum.IsDefined(UnclaimedAtEnd)) v.Error("unclaimedAtEnd", "must be grant or forfeit");
        if (Levels.Count > 200) v.Error("levels", "at most 200 levels");
        for (int i = 0; i < Levels.Count; i++)
        {
            var at = v.At($"levels[{i}].");
            Levels[i].Validate(at);
            if (i > 0 && Levels[i].Xp <= Levels[i - 1].Xp) at.Error("xp", "must be more than the level before's");
        }
        v.Nested("xpSources", XpSources);
    }
}

/// <summary>One level: the total XP it needs and its reward on each track.</summary>
internal sealed class PassLevel : IValidatableOptions
{
    public long Xp { get; set; }
    public List<PassReward> Free { get; set; } = [];
    public List<PassReward> Premium { get; set; } = [];

    public IReadOnlyList<PassReward> Track(PassTrack track) => track == PassTrack.Free ? Free : Premium;

    public void Validate(OptionsValidator v)
    {
        v.Range("xp", Xp, 1, 1_000_000_000);
        for (int i = 0; i < Free.Count; i++) Free[i].Validate(v.At($"free[{i}]."));
        for (int i = 0; i < Premium.Count; i++) Premium[i].Validate(v.At($"premium[{i}]."));
        if (Free.Count + Premium.Count == 0) v.Error("free", "a level needs a reward on at least one track");
    }
}

/// <summary>
/// One part of a reward: an item (<c>itemId</c> with <c>count</c>, or for a timed item <c>days</c>, a multiple of its
/// duration) or a currency (<c>currency</c> with <c>amount</c>). Item and currency names are checked against items.json
/// and player.json at start-up (<see cref="PassModule"/>).
/// </summary>
internal sealed class PassReward : IValidatableOptions
{
    public int ItemId { get; set; }
    public long Count { get; set; }
    public int Days { get; set; }
    public string Currency { get; set; } = "";
    public long Amount { get; set; }

    public bool IsItem => ItemId > 0;

    public void Validate(OptionsValidator v)
    {
        if (IsItem == (Currency.Length > 0)) v.Error("itemId", "a reward is an itemId or a currency, not both or neither");
        if (IsItem)
        {
            if (Amount != 0) v.Error("amount", "is for a currency; an item has count or days");
            if ((Count > 0) == (Days > 0)) v.Error("count", "an item reward has a count or days, one of the two");
            if (Count != 0) v.Range("count", Count, 1, 10_000);
            if (Days != 0) v.Range("days", Days, 1, 3650);
        }
        else if (Currency.Length > 0)
        {
            v.Range("amount", Amount, 1, 1_000_000_000);
            if (Count != 0 || Days != 0) v.Error("count", "is for an item; a currency has an amount");
        }
    }
}

/// <summary>Where XP comes from, each with its own cap per business day (server.json's time zone).</summary>
internal sealed class PassXpSources : IValidatableOptions
{
    /// <summary>The first login of a business day.</summary>
    public PassXpSource Login { get; set; } = new();
    /// <summary>Gold spent on room gifts: <c>xp</c> per <c>per</c> gold.</summary>
    public PassXpSource GiftGold { get; set; } = new();
    /// <summary>A help given on a friend's bargain code.</summary>
    public PassXpSource BargainHelp { get; set; } = new();
    /// <summary>A red packet sent (paid and opened in its room).</summary>
    public PassXpSource RedPacket { get; set; } = new();

    public void Validate(OptionsValidator v)
    {
        v.Nested("login", Login);
        v.Nested("giftGold", GiftGold);
        v.Nested("bargainHelp", BargainHelp);
        v.Nested("redPacket", RedPacket);
    }
}

/// <summary>One XP source: <c>xp</c> for every <c>per</c> units of it (1: each event), at most <c>dailyCap</c> a day; xp 0 is
/// off.</summary>
internal sealed class PassXpSource : IValidatableOptions
{
    public long Xp { get; set; }
    public long Per { get; set; } = 1;
    public long DailyCap { get; set; }

    /// <summary>The XP <paramref name="units"/> earn (before the daily cap).</summary>
    public long XpFor(long units) => units <= 0 || Xp == 0 ? 0 : (long)Math.Min((decimal)units * Xp / Per, 1_000_000_000);

    public void Validate(OptionsValidator v)
    {
        v.Range("xp", Xp, 0, 1_000_000);
        v.Range("per", Per, 1, 1_000_000_000);
        if (Xp > 0) v.Range("dailyCap", DailyCap, 1, 1_000_000_000);
    }
}
