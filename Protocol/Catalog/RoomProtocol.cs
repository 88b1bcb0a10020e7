using SocialGame.Protocol.Messages.Room;
using static SocialGame.Protocol.ResultCode;

namespace SocialGame.Protocol.Catalog;

/// <summary>Module 13 <c>room</c>: live rooms (from the live events), membership, broadcasts and gifts.</summary>
public static class RoomProtocol
{
    private const ModuleType M = ModuleType.Room;

    public static readonly OpDef<RoomRequest, RoomResponse> Join = new(M, 1, "join",
        "Joins a live room (leaving your previous room of the same business).", [Success, ParamError, RoomNotLive, RedisError]);
    public static readonly OpDef<RoomRequest, RoomResponse> Leave = new(M, 2, "leave",
        "Leaves a room.", [Success, ParamError, NotInRoom, RedisError]);
    public static readonly OpDef<RoomRequest, RoomResponse> Info = new(M, 3, "info",
        "A room's state.", [Success, ParamError, RedisNoData, RedisError]);
    public static readonly PushDef<RoomClosedPush> Closed = new(M, 4, "closed",
        "Push to the members: the room's live session ended; they are out of the room.", []);
    public static readonly PushDef<RoomOwnerPush> OwnerChanged = new(M, 5, "ownerchanged",
        "Push to the members: the room has a new owner.", []);
    public static readonly OpDef<GiftWallRequest, GiftWallResponse> GiftWall = new(M, 10, "giftwall",
        "The normal gift wall, or the VIP wall filtered by your VIP level.", [Success, ParamError, RedisError]);
    public static readonly OpDef<SendGiftRequest, SendGiftResponse> SendGift = new(M, 11, "sendgift",
        "Sends a gift to a member of your room: gold through the ledger, charm and wealth, a possible extra reward, a room broadcast. " +
        "The reqid (per recipient) names the gift: the same request again answers what it did the first time, paid once (the same extra " +
        "reward); the same reqid to the same member with another gift, count or room is refused (request_conflict) and charges nothing.",
        [Success, ParamError, NotInRoom, VipTooLow, InsufficientFunds, RequestConflict, RedisError]);
    public static readonly PushDef<GiftMessagePush> GiftMessage = new(M, 12, "giftmsg",
        "Broadcast to the room: a gift was sent (with any extra reward).", []);
    public static readonly OpDef<GiftStatsRequest, GiftStatsResponse> GiftStats = new(M, 13, "giftstats",
        "Charm and wealth, today and in all (for rankings).", [Success, ParamError, RedisError]);

    public static IReadOnlyList<OpDef> All { get; } = [Join, Leave, Info, Closed, OwnerChanged, GiftWall, SendGift, GiftMessage, GiftStats];
}
