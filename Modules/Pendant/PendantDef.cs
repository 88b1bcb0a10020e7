using System.Globalization;
using SocialGame.Core.Options;
using SocialGame.Modules.Common;
using SocialGame.Modules.Room;

namespace SocialGame.Modules.Pendant;

/// <summary>What shows a pendant.</summary>
internal enum PendantTriggerKind
{
    /// <summary>Configured by an operator: shown in every (or the listed) room during its window.</summary>
    Operator,
    /// <summary>A given gift sent in the room shows it for a while.</summary>
    Gift,
    /// <summary>A red packet sent in the room shows it for a while (with the grabs as progress).</summary>
    RedPacket,
}

internal sealed class PendantTrigger
{
    public PendantTriggerKind Kind { get; set; }
    /// <summary>Gift triggers: the gift (gifts.json).</summary>
    public int GiftId { get; set; }
    /// <summary>Gift triggers: at least this many of the gift in one send.</summary>
    public int MinCount { get; set; } = 1;
    /// <summary>Triggered kinds: how long a trigger shows the pendant (a new trigger extends it).</summary>
    public int DurationSeconds { get; set; }

    /// <summary>Whether an activity (the gift id or red packet id as key, the count sent) fires this trigger.</summary>
    public bool Matches(PendantTriggerKind kind, string key, int count) => Kind == kind && kind switch
    {
        PendantTriggerKind.Gift => key == GiftId.ToString(CultureInfo.InvariantCulture) && count >= MinCount,
        PendantTriggerKind.RedPacket => true,
        _ => false,
    };
}

/// <summary>One pendant as operators configure it (Config/pendants.json and the admin API).</summary>
internal sealed class PendantDef : IValidatableOptions
{
    public const int MaxRooms = 200;

    public string Id { get; set => field = value ?? ""; } = "";
    /// <summary>chat or game (the room businesses).</summary>
    public string Business { get; set => field = value ?? ""; } = "";
    public string Image { get; set => field = value ?? ""; } = "";
    public string Text { get; set => field = value ?? ""; } = "";
    /// <summary>Where a tap leads (an https URL or a link of the app's own scheme, <see cref="PendantFile.AppSchemes"/>); empty:
    /// nowhere.</summary>
    public string JumpUrl { get; set => field = value ?? ""; } = "";
    /// <summary>Higher first when several show at once.</summary>
    public int Priority { get; set; }
    /// <summary>Lowest client version that sees it (inclusive); empty: no lower bound.</summary>
    public string MinVersion { get; set => field = value ?? ""; } = "";
    /// <summary>Highest client version that sees it (inclusive); empty: no upper bound.</summary>
    public string MaxVersion { get; set => field = value ?? ""; } = "";
    /// <summary>Only players of this VIP level and up see it (0: everyone).</summary>
    public int MinVipLevel { get; set; }
    /// <summary>Only the room's owner sees it.</summary>
    public bool OwnerOnly { get; set; }
    /// <summary>The window: shown (operator pendants) or triggerable (the others) from begin, until before end.</summary>
    public DateTimeOffset Begin { get; set; }
    public DateTimeOffset End { get; set; }
    /// <summary>The rooms it applies to; empty: every room.</summary>
    public List<string> Rooms { get; set => field = value ?? []; } = [];
    public PendantTrigger Trigger { get; set; } = new();

    public bool InWindow(DateTimeOffset now) => now >= Begin && now < End;

    public bool AppliesTo(string roomId) => Rooms.Count == 0 || Rooms.Contains(roomId);

    /// <summary>The visibility rules: the client's version in range, the VIP level high enough, the owner when owner-only.</summary>
    public bool VisibleTo(string? clientVersion, int vipLevel, bool isOwner) =>
        ClientVersion.InRange(clientVersion, MinVersion, MaxVersion) && vipLevel >= MinVipLevel && (!OwnerOnly || isOwner);

    public static bool ValidId(string? id) =>
        id is { Length: > 0 and <= 32 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public void Validate(OptionsValidator v)
    {
        if (!ValidId(Id)) v.Error("id", "must be 1-32 letters, digits, '-', '_' or '.'");
        if (!RoomService.Businesses.Contains(Business))
            v.Error("business", $"must be one of {string.Join(", ", RoomService.Businesses)}, got '{Business}'");
        if (!IsUri(Image)) v.Error("image", "must be an absolute URL of at most 512 characters");
        if (!Common.Validate.Text(Text, 200)) v.Error("text", "is required, at most 200 characters without control characters");
        if (JumpUrl.Length > 0 && !IsUri(JumpUrl)) v.Error("jumpUrl", "must be empty or an absolute URI of at most 512 characters");
        v.Range("priority", Priority, 0, 1000);
        bool minOk = CheckVersion(v, "minVersion", MinVersion), maxOk = CheckVersion(v, "maxVersion", MaxVersion);
        if (minOk && maxOk && MinVersion.Length > 0 && MaxVersion.Length > 0 && ClientVersion.Compare(MinVersion, MaxVersion) > 0)
            v.Error("maxVersion", $"must not be below minVersion {MinVersion}, got {MaxVersion}");
        v.Range("minVipLevel", MinVipLevel, 0, 100);
        if (Begin == default) v.Error("begin", "is required");
        if (End == default) v.Error("end", "is required");
        else if (End <= Begin) v.Error("end", "must be after begin");
        if (Rooms.Count > MaxRooms) v.Error("rooms", $"at most {MaxRooms} rooms");
        for (int i = 0; i < Rooms.Count; i++)
            if (!RoomService.ValidRoomId(Rooms[i])) v.Error($"rooms[{i}]", "is not a room id");
        if (Trigger is null)
        {
            v.Error("trigger", "is required");
            return;
        }
        if (!Enum.IsDefined(Trigger.Kind))
        {
            v.Error("trigger.kind", "must be operator, gift or redPacket");
            return;
        }
        if (Trigger.Kind == PendantTriggerKind.Gift) v.Range("trigger.giftId", Trigger.GiftId, 1, int.MaxValue);
        else if (Trigger.GiftId != 0) v.Error("trigger.giftId", "only for gift triggers");
        v.Range("trigger.minCount", Trigger.MinCount, 1, 999);
        if (Trigger.Kind == PendantTriggerKind.Operator)
        {
            if (Trigger.DurationSeconds != 0)
                v.Error("trigger.durationSeconds", "only for triggered pendants (an operator pendant shows for its window)");
        }
        else v.Range("trigger.durationSeconds", Trigger.DurationSeconds, 1, 7 * 86400);
    }

    private static bool CheckVersion(OptionsValidator v, string field, string value)
    {
        if (value.Length == 0 || ClientVersion.TryParse(value, out _)) return true;
        v.Error(field, $"must be empty or a version like 3.4.0, got '{value}'");
        return false;
    }

    /// <summary>
    /// The links (image, jumpUrl) a client will open: only https with a host, or the app's own schemes. Anything else
    /// (javascript:, data:, http:, file: ...) is refused naming the field.
    /// </summary>
    public void CheckLinks(OptionsValidator v, IReadOnlyCollection<string> appSchemes)
    {
        string allowed = string.Join(", ", new[] { "https:" }.Concat(appSchemes.Select(s => s + ":")));
        if (IsUri(Image) && !AllowedLink(Image, appSchemes)) v.Error("image", $"must use one of {allowed}, got '{SchemeOf(Image)}:'");
        if (IsUri(JumpUrl) && !AllowedLink(JumpUrl, appSchemes))
            v.Error("jumpUrl", $"must use one of {allowed}, got '{SchemeOf(JumpUrl)}:'");
    }

    private static bool AllowedLink(string value, IReadOnlyCollection<string> appSchemes)
    {
        var uri = new Uri(value, UriKind.Absolute);
        return uri.Scheme == Uri.UriSchemeHttps ? uri.Host.Length > 0 : appSchemes.Contains(uri.Scheme);
    }

    private static string SchemeOf(string value) => new Uri(value, UriKind.Absolute).Scheme;

    private static bool IsUri(string value) =>
        value.Length is > 0 and <= 512 && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            && Uri.TryCreate(value, UriKind.Absolute, out _);
}

/// <summary><c>Config/pendants.json</c>: the pendants seeded into Redis at start (operators change them through the admin API).</summary>
internal sealed class PendantFile : IValidatableOptions
{
    public const string FileName = "pendants.json";

    /// <summary>Schemes that must never be an app scheme: they run code or reach outside the app.</summary>
    private static readonly string[] Unsafe = ["http", "https", "javascript", "vbscript", "data", "file", "blob", "about", "ftp"];

    /// <summary>How often each node checks the stored pendants for a change it did not hear about.</summary>
    public int RefreshSeconds { get; set; } = 30;
    /// <summary>The app's own link schemes a pendant's image or jumpUrl may use besides https (e.g. "socialgame").</summary>
    public List<string> AppSchemes { get; set => field = value ?? []; } = ["socialgame"];
    public List<PendantDef> Pendants { get; set; } = [];

    public void Validate(OptionsValidator v)
    {
        v.Range("refreshSeconds", RefreshSeconds, 1, 3600);
        for (int i = 0; i < AppSchemes.Count; i++)
        {
            string scheme = AppSchemes[i] ?? "";
            if (scheme.Length is 0 or > 32 || !char.IsAsciiLetterLower(scheme[0]) ||
                !scheme.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '+' or '-' or '.'))
                v.Error($"appSchemes[{i}]", $"must be a lower-case URI scheme without ':', got '{scheme}'");
            else if (Unsafe.Contains(scheme)) v.Error($"appSchemes[{i}]", $"'{scheme}' is not an app's own scheme");
        }
        for (int i = 0; i < Pendants.Count; i++)
        {
            if (Pendants[i] is null) v.Error($"pendants[{i}]", "is null");
            else Pendants[i].Validate(v.At($"pendants[{i}]."));
        }
        foreach (var dup in Pendants.Where(p => p is not null).GroupBy(p => p.Id).Where(d => d.Count() > 1))
            v.Error("pendants", $"pendant id '{dup.Key}' appears twice");
    }
}
