using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.RedPacket;
using static SocialGame.Protocol.ResultCode;

namespace SocialGame.Protocol.Catalog;

/// <summary>Module 15 <c>redpacket</c>: red packets bought in live rooms (seed 000, 3.4.00).</summary>
public static class RedPacketProtocol
{
    private const ModuleType M = ModuleType.RedPacket;

    public static readonly OpDef<EmptyRequest, PacketConfigsResponse> Configs = new(M, 1, "configs",
        "The red packets on sale.", [Success]);
    public static readonly OpDef<SendPacketRequest, SendPacketResponse> Send = new(M, 2, "send",
        "Buys and sends a red packet in your room: gold (checked, debited, sent) or RMB (an order; sent when paid). The reqid names the " +
        "packet: the same request again answers the same packet (and order), paid once; the same reqid with another room, configuration " +
        "or pay is refused (request_conflict) and charges nothing. An RMB packet not paid within unpaidExpireSeconds (redpackets.json, " +
        "900) expires with its order (asking again then answers packet_closed); a sender holds at most maxUnpaidPerPlayer (3) unpaid RMB " +
        "packets, and maxUnpaidOrders (player.json, 5) unpaid orders of every kind.",
        [Success, ParamError, NotInRoom, RoomNotLive, InsufficientFunds, RequestConflict, TooManyUnpaid, PacketClosed, RedisError]);
    public static readonly OpDef<PacketRequest, GrabResponse> Grab = new(M, 3, "grab",
        "Grabs one share; the gold is credited through the ledger.",
        [Success, ParamError, NotInRoom, PacketGrabbed, PacketEmpty, PacketClosed, RedisNoData, RedisError]);
    public static readonly OpDef<PacketRequest, PacketRecordsResponse> Records = new(M, 4, "records",
        "A packet's grabs, its top 5 and the luckiest grabber.", [Success, ParamError, RedisNoData, RedisError]);
    public static readonly PushDef<PacketSentPush> Sent = new(M, 5, "sent",
        "Push to the room's members (to everybody online when site-wide): a red packet was sent.", []);

    public static IReadOnlyList<OpDef> All { get; } = [Configs, Send, Grab, Records, Sent];
}
