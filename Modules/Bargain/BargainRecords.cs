using System.Text.Json;

namespace SocialGame.Modules.Bargain;

/// <summary>An entry of <c>getinggoods</c> / <c>selectgoods</c>: a goods with its open code.</summary>
internal sealed record BargainSlot(int Idx, int GoodsId, string Code);

/// <summary>An entry of <c>gotgoods</c>: how often a goods was completed.</summary>
internal sealed record GotGoods(int Idx, int GoodsId, int GetCount);

/// <summary>An entry of <c>helplist</c>: a help this account gave.</summary>
internal sealed record HelpEntry(string Code, string Acc, long DelPrice);

/// <summary>An entry of a code's <c>helperlist</c>.</summary>
internal sealed record CodeHelper(string Acc, long DelPrice);

/// <summary>
/// The C# view of a <c>:player</c> value (<c>gotgoods</c>, <c>getinggoods</c>, <c>selectgoods</c>, <c>helplist</c>).
/// Only the Lua scripts write it; an empty array may read as <c>{}</c> or <c>[]</c>.
/// </summary>
internal sealed class PlayerRecord
{
    public static readonly PlayerRecord Empty = new([], null, [], []);

    private PlayerRecord(List<GotGoods> got, BargainSlot? getting, List<BargainSlot> selected, List<HelpEntry> helps)
    {
        Got = got;
        Getting = getting;
        Selected = selected;
        Helps = helps;
    }

    public IReadOnlyList<GotGoods> Got { get; }
    public BargainSlot? Getting { get; }
    public IReadOnlyList<BargainSlot> Selected { get; }
    public IReadOnlyList<HelpEntry> Helps { get; }

    /// <summary>The current bargain first, then the paused ones.</summary>
    public IEnumerable<BargainSlot> Active => Getting is null ? Selected : Selected.Prepend(Getting);

    public int GotCount(int idx) => Got.Where(g => g.Idx == idx).Sum(g => g.GetCount);

    public static PlayerRecord Parse(string? json)
    {
        if (string.IsNullOrEmpty(json)) return Empty;
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        var got = Items(r, "gotgoods").Select(e => new GotGoods(Int(e, "idx"), Int(e, "goodsid"), Int(e, "getcount"))).ToList();
        BargainSlot? getting = r.TryGetProperty("getinggoods", out var g) && g.ValueKind == JsonValueKind.Object
            && g.TryGetProperty("code", out _) ? Slot(g) : null;
        var selected = Items(r, "selectgoods").Select(Slot).ToList();
        var helps = Items(r, "helplist").Select(e => new HelpEntry(Text(e, "code"), Text(e, "acc"), Long(e, "delprice"))).ToList();
        return new PlayerRecord(got, getting, selected, helps);
    }

    private static BargainSlot Slot(JsonElement e) => new(Int(e, "idx"), Int(e, "goodsid"), Text(e, "code"));

    internal static IEnumerable<JsonElement> Items(JsonElement r, string name) =>
        r.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().ToList() : [];

    internal static long Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? (long)v.GetDouble() : 0;

    internal static int Int(JsonElement e, string name) => (int)Long(e, name);

    internal static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}

/// <summary>The C# view of a <c>:code</c> value. <c>isget</c> is 0 open, 1 received, 2 being collected (getgoods in flight).</summary>
internal sealed record CodeRecord(int IsGet, string Master, int GoodsId, int Idx, string Code, IReadOnlyList<CodeHelper> Helpers,
    long TotalDelPrice, long SysDelPrice, long CreateTime)
{
    public const int Open = 0;
    public const int Received = 1;
    public const int Collecting = 2;

    public static CodeRecord? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        var helpers = PlayerRecord.Items(r, "helperlist")
            .Select(e => new CodeHelper(PlayerRecord.Text(e, "acc"), PlayerRecord.Long(e, "delprice"))).ToList();
        return new CodeRecord(PlayerRecord.Int(r, "isget"), PlayerRecord.Text(r, "master"), PlayerRecord.Int(r, "goodsid"),
            PlayerRecord.Int(r, "idx"), PlayerRecord.Text(r, "code"), helpers, PlayerRecord.Long(r, "totaldelprice"),
            PlayerRecord.Long(r, "sysdelprice"), PlayerRecord.Long(r, "createtime"));
    }
}
