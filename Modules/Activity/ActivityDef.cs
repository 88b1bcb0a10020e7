using System.Globalization;
using SocialGame.Core.Options;
using SocialGame.Modules.Common;

namespace SocialGame.Modules.Activity;

/// <summary>An activity's banner: what the entry shows and where a tap leads.</summary>
internal sealed class ActivityBannerDef
{
    public string Image { get; set => field = value ?? ""; } = "";
    public string Text { get; set => field = value ?? ""; } = "";
    /// <summary>Where a tap leads: an https URL or a link of the app's own scheme.</summary>
    public string Jump { get; set => field = value ?? ""; } = "";
    /// <summary>Higher first among the entries.</summary>
    public int Priority { get; set; }
}

/// <summary>買一贈一: a store item that, bought while the activity is open, grants a second one, at most <see cref="Limit"/> times per
/// account.</summary>
internal sealed class BuyOneGetOneRule
{
    public string StoreId { get; set => field = value ?? ""; } = "";
    public int ItemId { get; set; }
    /// <summary>The store item granted beside it; 0: the same item.</summary>
    public int BonusItemId { get; set; }
    public int Limit { get; set; } = 1;

    public int Bonus => BonusItemId > 0 ? BonusItemId : ItemId;
}

/// <summary>財富值加成: the wealth counted for gifts sent while the activity is open, in percent (150: x1.5).</summary>
internal sealed class WealthBonusRule
{
    public int Percent { get; set; } = 100;
    /// <summary>Only senders of this VIP level and up (0: every sender the activity is for).</summary>
    public int MinVipLevel { get; set; }
}

/// <summary>贈送好友: a store item that may be bought for a friend while the activity is open.</summary>
internal sealed class FriendGiftRule
{
    public string StoreId { get; set => field = value ?? ""; } = "";
    public int ItemId { get; set; }
}

/// <summary>One timed activity as operators configure it (Config/activities.json and the admin API).</summary>
internal sealed class ActivityDef
{
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss";
    public const int MaxRules = 50;

    public string Id { get; set => field = value ?? ""; } = "";
    /// <summary>What kind of activity (e.g. vipFestival): clients may style it by kind.</summary>
    public string Kind { get; set => field = value ?? ""; } = "";
    public string Name { get; set => field = value ?? ""; } = "";
    /// <summary>The window, local times of the server's configured time zone (<c>yyyy-MM-dd HH:mm:ss</c>): open from begin, until
    /// before end.</summary>
    public string Begin { get; set => field = value ?? ""; } = "";
    public string End { get; set => field = value ?? ""; } = "";
    /// <summary>Lowest client version that sees it (inclusive); empty: no lower bound.</summary>
    public string MinVersion { get; set => field = value ?? ""; } = "";
    /// <summary>Highest client version that sees it (inclusive); empty: no upper bound.</summary>
    public string MaxVersion { get; set => field = value ?? ""; } = "";
    /// <summary>Only players of this VIP level and up see it and its rules apply to them (0: everyone).</summary>
    public int MinVipLevel { get; set; }
    public ActivityBannerDef Banner { get; set; } = new();
    public List<BuyOneGetOneRule> BuyOneGetOne { get; set => field = value ?? []; } = [];
    public WealthBonusRule? WealthBonus { get; set; }
    public List<FriendGiftRule> FriendGift { get; set => field = value ?? []; } = [];

    public static bool ValidId(string? id) =>
        id is { Length: > 0 and <= 32 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>A window time read in <paramref name="zone"/>; false when it is not <see cref="TimeFormat"/> or does not exist
    /// there.</summary>
    public static bool TryParseTime(string text, TimeZoneInfo zone, out DateTimeOffset at)
    {
        at = default;
        if (!DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ||
            zone.IsInvalidTime(local)) return false;
        at = new DateTimeOffset(local, zone.GetUtcOffset(local));
        return true;
    }

    /// <summary>The window in <paramref name="zone"/> (the definition was validated).</summary>
    public (DateTimeOffset Begin, DateTimeOffset End) Window(TimeZoneInfo zone)
    {
        TryParseTime(Begin, zone, out var begin);
        TryParseTime(End, zone, out var end);
        return (begin, end);
    }

    /// <summary>Who sees it: the client's version in range, the VIP level high enough.</summary>
    public bool VisibleTo(string? clientVersion, int vipLevel) =>
        ClientVersion.InRange(clientVersion, MinVersion, MaxVersion) && vipLevel >= MinVipLevel;

    public void Validate(OptionsValidator v, TimeZoneInfo zone, IReadOnlyCollection<string> appSchemes)
    {
        if (!ValidId(Id)) v.Error("id", "must be 1-32 letters, digits, '-', '_' or '.'");
        if (Kind.Length is 0 or > 32 || !Kind.All(char.IsAsciiLetterOrDigit)) v.Error("kind", "must be 1-32 letters or digits");
        if (!Common.Validate.Text(Name, 64)) v.Error("name", "is required, at most 64 characters without control characters");
        bool beginOk = TryParseTime(Begin, zone, out var begin), endOk = TryParseTime(End, zone, out var end);
        if (!beginOk) v.Error("begin", $"must be a local time {TimeFormat} of {zone.Id}, got '{Begin}'");
        if (!endOk) v.Error("end", $"must be a local time {TimeFormat} of {zone.Id}, got '{End}'");
        if (beginOk && endOk && end <= begin) v.Error("end", "must be after begin");
        bool minOk = CheckVersion(v, "minVersion", MinVersion), maxOk = CheckVersion(v, "maxVersion", MaxVersion);
        if (minOk && maxOk && MinVersion.Length > 0 && MaxVersion.Length > 0 && ClientVersion.Compare(MinVersion, MaxVersion) > 0)
            v.Error("maxVersion", $"must not be below minVersion {MinVersion}, got {MaxVersion}");
        v.Range("minVipLevel", MinVipLevel, 0, 100);
        if (Banner is null) v.Error("banner", "is required");
        else
        {
            CheckLink(v, "banner.image", Banner.Image, ["https"]);
            CheckLink(v, "banner.jump", Banner.Jump, ["https", .. appSchemes]);
            if (!Common.Validate.Text(Banner.Text, 200))
                v.Error("banner.text", "is required, at most 200 characters without control characters");
            v.Range("banner.priority", Banner.Priority, 0, 1000);
        }
        if (BuyOneGetOne.Count + FriendGift.Count > MaxRules) v.Error("buyOneGetOne", $"at most {MaxRules} item rules in all");
        for (int i = 0; i < BuyOneGetOne.Count; i++)
        {
            var rule = BuyOneGetOne[i];
            if (rule is null)
            {
                v.Error($"buyOneGetOne[{i}]", "is null");
                continue;
            }
            CheckItem(v, $"buyOneGetOne[{i}].", rule.StoreId, rule.ItemId);
            v.Range($"buyOneGetOne[{i}].bonusItemId", rule.BonusItemId, 0, int.MaxValue);
            v.Range($"buyOneGetOne[{i}].limit", rule.Limit, 1, 1000);
        }
        foreach (var dup in BuyOneGetOne.Where(r => r is not null).GroupBy(r => (r.StoreId, r.ItemId)).Where(g => g.Count() > 1))
            v.Error("buyOneGetOne", $"item {dup.Key.StoreId}/{dup.Key.ItemId} appears twice");
        if (WealthBonus is { } bonus)
        {
            v.Range("wealthBonus.percent", bonus.Percent, 101, 1000);
            v.Range("wealthBonus.minVipLevel", bonus.MinVipLevel, 0, 100);
        }
        for (int i = 0; i < FriendGift.Count; i++)
        {
            if (FriendGift[i] is null) v.Error($"friendGift[{i}]", "is null");
            else CheckItem(v, $"friendGift[{i}].", FriendGift[i].StoreId, FriendGift[i].ItemId);
        }
    }

    private static void CheckItem(OptionsValidator v, string at, string storeId, int itemId)
    {
        if (!ValidId(storeId)) v.Error(at + "storeId", "is not a store id");
        v.Range(at + "itemId", itemId, 1, int.MaxValue);
    }

    private static bool CheckVersion(OptionsValidator v, string field, string value)
    {
        if (value.Length == 0 || ClientVersion.TryParse(value, out _)) return true;
        v.Error(field, $"must be empty or a version like 3.4.0, got '{value}'");
        return false;
    }

    /// <summary>A link a client opens: an absolute URI of at most 512 characters, of an allowed scheme (https with a host).</summary>
    private static void CheckLink(OptionsValidator v, string field, string value, IReadOnlyCollection<string> schemes)
    {
        if (value.Length is 0 or > 512 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ||
            !Uri.TryCreate(value, UriKind.Absolute, out var uri))
            v.Error(field, "must be an absolute URI of at most 512 characters");
        else if (!schemes.Contains(uri.Scheme) || (uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length == 0))
            v.Error(field, $"must use one of {string.Join(", ", schemes.Select(s => s + ":"))}, got '{uri.Scheme}:'");
    }
}

/// <summary><c>Config/activities.json</c>: the node's timing and the activities seeded into Redis (operators replace them through the
/// admin API, <c>//gm activity reload</c> applies the file again).</summary>
internal sealed class ActivityFile : IValidatableOptions
{
    public const string FileName = "activities.json";
    public const int MaxActivities = 100;

    /// <summary>How often each node looks for a window opening or closing (the started/ended pushes).</summary>
    public int TickMilliseconds { get; set; } = 1000;
    /// <summary>How often each node checks the stored activities for a change it did not hear about.</summary>
    public int RefreshSeconds { get; set; } = 30;
    /// <summary>The app's own link schemes a banner's jump may use besides https.</summary>
    public List<string> AppSchemes { get; set => field = value ?? []; } = ["socialgame"];
    public List<ActivityDef> Activities { get; set => field = value ?? []; } = [];

    /// <summary>The zone the windows are read in (the server's configured one; set before validating).</summary>
    [global::System.Text.Json.Serialization.JsonIgnore]
    public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;

    public void Validate(OptionsValidator v)
    {
        v.Range("tickMilliseconds", TickMilliseconds, 50, 60_000);
        v.Range("refreshSeconds", RefreshSeconds, 1, 3600);
        for (int i = 0; i < AppSchemes.Count; i++)
        {
            string scheme = AppSchemes[i] ?? "";
            if (scheme.Length is 0 or > 32 || !char.IsAsciiLetterLower(scheme[0]) ||
                scheme is "http" or "https" or "javascript" or "data" ||
                !scheme.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
                v.Error($"appSchemes[{i}]", $"must be the app's own lower-case scheme without ':', got '{scheme}'");
        }
        ValidateActivities(v, Activities, Zone, AppSchemes);
    }

    /// <summary>A whole set of activities (the file's, or an operator's replacement): each valid, ids unique.</summary>
    public static void ValidateActivities(OptionsValidator v, IReadOnlyList<ActivityDef> activities, TimeZoneInfo zone,
        IReadOnlyCollection<string> appSchemes)
    {
        if (activities.Count > MaxActivities) v.Error("activities", $"at most {MaxActivities}");
        for (int i = 0; i < activities.Count; i++)
        {
            if (activities[i] is null) v.Error($"activities[{i}]", "is null");
            else activities[i].Validate(v.At($"activities[{i}]."), zone, appSchemes);
        }
        foreach (var dup in activities.Where(a => a is not null).GroupBy(a => a.Id).Where(d => d.Count() > 1))
            v.Error("activities", $"activity id '{dup.Key}' appears twice");
    }
}
