using SocialGame.Protocol.Messages.Room;
using static SocialGame.Protocol.ResultCode;

namespace SocialGame.Protocol.Catalog;

/// <summary>Module 13 <c>room</c>: live rooms (from the live events), membership, broadcasts and gifts.</summary>
public static class RoomProtocol
{
    private const ModuleType M = ModuleType.Room;

    public static readonly OpDef Join = new(M, 1, "join", OpKind.Request, typeof(RoomRequest), typeof(RoomResponse),
        "Joins a live room (leaving your previous room of the same business).", [Success, ParamError, RoomNotLive, RedisError]);
    public static readonly OpDef Leave = new(M, 2, "leave", OpKind.Request, typeof(RoomRequest), typeof(RoomResponse),
        "Leaves a room.", [Success, ParamError, NotInRoom, RedisError]);
    public static readonly OpDef Info = new(M, 3, "info", OpKind.Request, typeof(RoomRequest), typeof(RoomResponse),
        "A room's state.", [Success, ParamError, RedisNoData, RedisError]);
    public static readonly OpDef Closed = new(M, 4, "closed", OpKind.Push, null, typeof(RoomClosedPush),
        "Push to the members: the room's live session ended; they are out of the room.", []);
    public static readonly OpDef OwnerChanged = new(M, 5, "ownerchanged", OpKind.Push, null, typeof(RoomOwnerPush),
        "Push to the members: the room has a new owner.", []);
    public static readonly OpDef GiftWall = new(M, 10, "giftwall", OpKind.Request, typeof(GiftWallRequest), typeof(GiftWallResponse),
        "The normal gift wall, or the VIP wall filtered by your VIP level.", [Success, ParamError, RedisError]);
    public static readonly OpDef SendGift = new(M, 11, "sendgift", OpKind.Request, typeof(SendGiftRequest), typeof(SendGiftResponse),
        "Sends a gift to a member of your room: gold through the ledger, charm and wealth, a possible extra reward, a room broadcast. " +
        "The reqid (per recipient) names the gift: the same request again answers what it did the first time, paid once (the same extra reward); " +
        "the same reqid to the same member with another gift, count or room is refused (request_conflict) and charges nothing.",
        [Success, ParamError, NotInRoom, VipTooLow, InsufficientFunds, RequestConflict, RedisError]);
    public static readonly OpDef GiftMessage = new(M, 12, "giftmsg", OpKind.Push, null, typeof(GiftMessagePush),
        "Broadcast to the room: a gift was sent (with any extra reward).", []);
    public static readonly OpDef GiftStats = new(M, 13, "giftstats", OpKind.Request, typeof(GiftStatsRequest), typeof(GiftStatsResponse),
        "Charm and wealth, today and in all (for rankings).", [Success, ParamError, RedisError]);

    public static IReadOnlyList<OpDef> All { get; } = [Join, Leave, Info, Closed, OwnerChanged, GiftWall, SendGift, GiftMessage, GiftStats];
}
