using SocialGame.Core.Storage.Keys;
using StackExchange.Redis;

namespace SocialGame.Modules.Pandora;

/// <summary>
/// Redis keys of the Pandora box. A room's keys share its id as hash tag (<c>sg:pandora:{room}...</c>), so every box
/// script stays in one slot; a box's draws are under its box id (a digest of the live session). The sweep's index holds
/// no names: <c>room|box|level</c>.
/// </summary>
internal static class PandoraKeys
{
    /// <summary>The room's box: box id, state (live, closed), owner, energy, levels opened.</summary>
    public static RedisKey Box(string room) => $"sg:pandora:{{{room}}}";
    /// <summary>A box's stored draws: field <c>level|kind|account</c> (kind d: a draw, o: the owner reward), value the prize.</summary>
    public static RedisKey Draws(string room, string box) => $"sg:pandora:{{{room}}}:{box}:draws";
    /// <summary>A box's draws stored and not granted yet (the same fields).</summary>
    public static RedisKey Pending(string room, string box) => $"sg:pandora:{{{room}}}:{box}:pending";
    /// <summary>Held for a second by the node that pushed the room's progress last.</summary>
    public static RedisKey Tick(string room) => $"sg:pandora:{{{room}}}:tick";
    /// <summary>Held by the node that will push the room's progress when the second is over.</summary>
    public static RedisKey Trail(string room) => $"sg:pandora:{{{room}}}:trail";
    /// <summary>Levels whose draws were stored, scored by when the sweep takes them over if they are still not granted.</summary>
    public static readonly RedisKey Due = "sg:pandora:due";
    /// <summary>A player's draw records, scored by time.</summary>
    public static RedisKey Records(string acc) => AccountKeys.Of(acc, "pandora:records");

    /// <summary>SCAN patterns of every box, every box's draws and every box's pending draws (the deletion of an account).</summary>
    public const string BoxPattern = "sg:pandora:{*}", DrawsPattern = "sg:pandora:{*}:*:draws", PendingPattern = "sg:pandora:{*}:*:pending";

    /// <summary>The room and box of a box's pending draws (<see cref="Pending"/>), or nulls when the key is of another shape.</summary>
    public static (string? Room, string? Box) RoomAndBoxOfPending(string key)
    {
        const string prefix = "sg:pandora:{", suffix = ":pending";
        int close = key.IndexOf('}', StringComparison.Ordinal);
        if (!key.StartsWith(prefix, StringComparison.Ordinal) || !key.EndsWith(suffix, StringComparison.Ordinal) || close < 0
            || close + 1 > key.Length - suffix.Length) return (null, null);
        string room = key[prefix.Length..close], rest = key[(close + 1)..^suffix.Length];
        return rest.Length > 1 && rest[0] == ':' && !rest[1..].Contains(':', StringComparison.Ordinal) ? (room, rest[1..]) : (null, null);
    }

    /// <summary>The HSCAN/SSCAN pattern of the draw fields of <paramref name="acc"/> (<c>level|kind|account</c>).</summary>
    public static string FieldsOfPattern(string acc) => "*|" + AccountKeys.GlobEscaped(acc);

    private static readonly KeyPattern BoxP = new("sg:pandora:{<tag>}", "a room's box: state, owner, energy, levels opened"),
        DrawsP = new("sg:pandora:{<tag>}:<seg>:draws", "a box's draws by level and account"),
        PendingP = new("sg:pandora:{<tag>}:<seg>:pending", "a box's draws not granted yet"),
        RecordsP = AccountKeys.Pattern("pandora:records", "a player's draw records");

    public static readonly IReadOnlyList<KeyPattern> Patterns =
    [
        BoxP, DrawsP, PendingP, new("sg:pandora:{<tag>}:tick", "the room's last progress push"),
        new("sg:pandora:{<tag>}:trail", "the room's progress push waiting for the second to end"),
        new("sg:pandora:due", "levels drawn, by when the sweep grants what is left"), RecordsP,
    ];

    public static readonly IReadOnlyList<AccountData> AccountData =
    [
        new("pandora", RecordsP, AccountDataPlace.Key, AccountDataPolicy.Delete, "draw records; the ledger keeps what was granted"),
        new("pandora", DrawsP, AccountDataPlace.Entries, AccountDataPolicy.Delete,
            "the account's draws in the boxes it drew from (granted first: the ledger keeps them)"),
        new("pandora", PendingP, AccountDataPlace.Entries, AccountDataPolicy.Delete, "draws of the account granted before they go"),
        new("pandora", BoxP, AccountDataPlace.Entries, AccountDataPolicy.Anonymise, "a box the account owns keeps its state, not its name"),
    ];
}
