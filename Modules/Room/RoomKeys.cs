using SocialGame.Core.Storage.Keys;
using StackExchange.Redis;

namespace SocialGame.Modules.Room;

/// <summary>Redis keys and channels of rooms and room gifts: a room's keys share its id as hash tag.</summary>
internal static class RoomKeys
{
    public static RedisKey Room(string id) => $"sg:room:{{{id}}}";
    /// <summary>The SCAN pattern of the rooms' state hashes (and only of keys shaped like them: see <see cref="IsRoom"/>).</summary>
    public const string RoomGlob = "sg:room:{*}";

    /// <summary>Whether a key is a room's state hash <c>sg:room:{id}</c>.</summary>
    public static bool IsRoom(RedisKey key)
    {
        string text = key.ToString();
        return text.StartsWith("sg:room:{", StringComparison.Ordinal) && text.EndsWith('}') && text.IndexOf('}') == text.Length - 1;
    }

    public static RedisKey Members(string id) => $"sg:room:{{{id}}}:members";
    public static RedisKey Seen(string id) => $"sg:room:{{{id}}}:seen";
    /// <summary>The rooms an account is a member of.</summary>
    public static RedisKey AccountRooms(string acc) => AccountKeys.Of(acc, "rooms");
    public static RedisKey Charm(string acc) => AccountKeys.Of(acc, "charm");
    public static RedisKey Wealth(string acc) => AccountKeys.Of(acc, "wealth");
    /// <summary>Marks that gift request <paramref name="reqId"/> of <paramref name="from"/> to <paramref name="to"/> was counted in the
    /// recipient's charm.</summary>
    public static RedisKey CharmDone(string from, string to, string reqId) => AccountKeys.Of(to, $"charmdone:{from}:{reqId}");
    /// <summary>Marks that the same gift was counted in the sender's wealth (the recipient is part of it: to another member it is another
    /// gift).</summary>
    public static RedisKey WealthDone(string from, string to, string reqId) => AccountKeys.Of(from, $"wealthdone:{to}:{reqId}");

    /// <summary>SCAN patterns of the gift markers naming <paramref name="acc"/> in other accounts' spaces (as sender or
    /// recipient).</summary>
    public static IReadOnlyList<string> MarkersNaming(string acc)
    {
        string name = AccountKeys.GlobEscaped(acc);
        return [$"sg:{{*}}:charmdone:{name}:*", $"sg:{{*}}:wealthdone:{name}:*"];
    }

    private static readonly KeyPattern RoomP = new("sg:room:{<tag>}", "a room's state"),
        MembersP = new("sg:room:{<tag>}:members", "a room's members"),
        SeenP = new("sg:room:{<tag>}:seen", "live events a room has seen"),
        AccountRoomsP = AccountKeys.Pattern("rooms", "the rooms an account is in"),
        CharmP = AccountKeys.Pattern("charm", "charm received"),
        WealthP = AccountKeys.Pattern("wealth", "wealth given"),
        CharmDoneP = AccountKeys.Pattern("charmdone:<acc>:<any>", "gift requests counted in the charm"),
        WealthDoneP = AccountKeys.Pattern("wealthdone:<acc>:<any>", "gift requests counted in the wealth");

    public static readonly IReadOnlyList<KeyPattern> Patterns =
        [RoomP, MembersP, SeenP, AccountRoomsP, CharmP, WealthP, CharmDoneP, WealthDoneP];

    /// <summary>A room's broadcasts go through the core's message router (its channels are the core's).</summary>
    public static readonly IReadOnlyList<KeyPattern> Channels = [];

    public static readonly IReadOnlyList<AccountData> AccountData =
    [
        new("room", AccountRoomsP, AccountDataPlace.Key, AccountDataPolicy.Delete, "room memberships"),
        new("room", CharmP, AccountDataPlace.Key, AccountDataPolicy.Delete, "a statistic"),
        new("room", WealthP, AccountDataPlace.Key, AccountDataPolicy.Delete, "a statistic"),
        new("room", CharmDoneP, AccountDataPlace.Key, AccountDataPolicy.Delete, "markers of counted gifts; they expire"),
        new("room", WealthDoneP, AccountDataPlace.Key, AccountDataPolicy.Delete, "markers of counted gifts; they expire"),
        new("room", MembersP, AccountDataPlace.Entries, AccountDataPolicy.Delete, "the account as a member of the rooms it is in"),
        new("room", RoomP, AccountDataPlace.Entries, AccountDataPolicy.Anonymise, "the account as the owner of a live room"),
        new("room", CharmDoneP, AccountDataPlace.Entries, AccountDataPolicy.Delete,
            "the account as the sender of gifts counted in another's charm"),
        new("room", WealthDoneP, AccountDataPlace.Entries, AccountDataPolicy.Delete,
            "the account as the recipient of gifts counted in another's wealth"),
    ];
}
