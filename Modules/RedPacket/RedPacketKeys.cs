using SocialGame.Core.Storage.Keys;
using StackExchange.Redis;

namespace SocialGame.Modules.RedPacket;

/// <summary>Redis keys of red packets: the keys of one packet share its id as hash tag, so each script stays in one slot.</summary>
internal static class RedPacketKeys
{
    /// <summary>Every unfinished packet, scored by when the settlement pass must look at it next.</summary>
    public static readonly RedisKey Index = "sg:rp:index";
    public static RedisKey Packet(string pid) => $"sg:rp:{{{pid}}}";
    public static RedisKey Shares(string pid) => $"sg:rp:{{{pid}}}:shares";
    public static RedisKey Grabbed(string pid) => $"sg:rp:{{{pid}}}:grabbed";
    public static RedisKey Pending(string pid) => $"sg:rp:{{{pid}}}:pending";
    public static RedisKey Log(string pid) => $"sg:rp:{{{pid}}}:log";
    /// <summary>SCAN pattern of every packet's grabbers (the step of deleting an account looks through them).</summary>
    public const string GrabbedPattern = "sg:rp:{*}:grabbed";

    /// <summary>The packet whose grabbers <paramref name="key"/> lists, or null when it is no such key.</summary>
    public static string? PacketOfGrabbed(string key) =>
        key.StartsWith("sg:rp:{", StringComparison.Ordinal) && key.EndsWith("}:grabbed", StringComparison.Ordinal) && key.Length > 16
            ? key[7..^9] : null;
    /// <summary>SCAN pattern of every packet's record (the step of deleting an account looks for the packets it sent).</summary>
    public const string PacketPattern = "sg:rp:{*}";

    /// <summary>The packet whose record <paramref name="key"/> is, or null when it is no such key.</summary>
    public static string? PacketOf(string key) =>
        key.StartsWith("sg:rp:{", StringComparison.Ordinal) && key.EndsWith('}') && key.Length > 8 && key.IndexOf('}') == key.Length - 1
            ? key[7..^1] : null;

    public static RedisKey RoomPackets(string room) => "sg:rp:room:" + room;
    /// <summary>The sender's unpaid RMB packets (capped places, <see cref="Player.Payments.UnpaidSlots"/>).</summary>
    public static RedisKey Unpaid(string sender) => AccountKeys.Of(sender, "rp:unpaid");

    private static readonly KeyPattern PacketP = new("sg:rp:{<tag>}", "a packet: sender, room, configuration, state"),
        GrabbedP = new("sg:rp:{<tag>}:grabbed", "who grabbed a packet"),
        LogP = new("sg:rp:{<tag>}:log", "each grab: account, amount, time"),
        PendingP = new("sg:rp:{<tag>}:pending", "grabs being credited"),
        UnpaidP = AccountKeys.Pattern("rp:unpaid", "the sender's unpaid RMB packets");

    public static readonly IReadOnlyList<KeyPattern> Patterns =
    [
        new("sg:rp:index", "unfinished packets by when to look next"), PacketP,
        new("sg:rp:{<tag>}:shares", "a packet's shares left"), GrabbedP, PendingP, LogP,
        new("sg:rp:room:<any>", "a room's packets"), UnpaidP,
    ];

    public static readonly IReadOnlyList<AccountData> AccountData =
    [
        new("redpacket", UnpaidP, AccountDataPlace.Key, AccountDataPolicy.Delete, "slots of unpaid packets"),
        new("redpacket", PacketP, AccountDataPlace.Entries, AccountDataPolicy.Anonymise,
            "a packet's record (total, shares, order) stays; its sender's name is replaced once it is settled"),
        new("redpacket", GrabbedP, AccountDataPlace.Entries, AccountDataPolicy.Anonymise,
            "the amount credited stays; the name is replaced"),
        new("redpacket", PendingP, AccountDataPlace.Entries, AccountDataPolicy.Anonymise,
            "a share still being credited keeps the name until the settlement pass credited it"),
        new("redpacket", LogP, AccountDataPlace.Entries, AccountDataPolicy.Anonymise,
            "amount and time of each grab stay; the name is replaced"),
    ];
}
