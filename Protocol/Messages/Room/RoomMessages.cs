using MessagePack;

namespace SocialGame.Protocol.Messages.Room;

[MessagePackObject]
public sealed class RoomInfo
{
    [Key("roomid"), Doc("room id (the live room's id)")] public string RoomId { get; set; } = "";
    [Key("live"), Doc("1 while a live session is open")] public int Live { get; set; }
    [Key("owner"), Doc("the room owner's account")] public string Owner { get; set; } = "";
    [Key("title"), Doc("title")] public string Title { get; set; } = "";
    [Key("slotnum"), Doc("number of mic slots")] public int SlotNum { get; set; }
    [Key("members"), Doc("members in the room now")] public long Members { get; set; }
}

[MessagePackObject]
public sealed class RoomRequest
{
    [Key("roomid"), Doc("room id: 1-64 characters under the rule of account names (see Accounts), else param_error")]
    public string? RoomId { get; set; }
    [Key("business"), Optional, Doc("chat (default) or game; a player is in at most one room per business")]
    public string? Business { get; set; }
}

[MessagePackObject]
public sealed class RoomResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("room"), Doc("the room")] public RoomInfo? Room { get; set; }
}

[MessagePackObject]
public sealed class RoomClosedPush
{
    [Key("roomid"), Doc("the room that closed")] public string RoomId { get; set; } = "";
    [Key("reason"), Doc("live.stop or live.expired")] public string Reason { get; set; } = "";
}

[MessagePackObject]
public sealed class RoomOwnerPush
{
    [Key("roomid"), Doc("room")] public string RoomId { get; set; } = "";
    [Key("owner"), Doc("the new owner")] public string Owner { get; set; } = "";
}

[MessagePackObject]
public sealed class GiftWallRequest
{
    [Key("vip"), Optional, Doc("0 (default) the normal wall, 1 the VIP wall (filtered by your VIP level)")] public int Vip { get; set; }
}

[MessagePackObject]
public sealed class GiftInfo
{
    [Key("giftid"), Doc("gift id")] public int GiftId { get; set; }
    [Key("name"), Doc("name")] public string Name { get; set; } = "";
    [Key("price"), Doc("price in gold")] public long Price { get; set; }
    [Key("charm"), Doc("charm the receiver gains per gift")] public long Charm { get; set; }
    [Key("wealth"), Doc("wealth the sender gains per gift")] public long Wealth { get; set; }
    [Key("viplevel"), Doc("minimum VIP level; 0 for a normal gift")] public int VipLevel { get; set; }
    [Key("extraitem"), Doc("item id of the possible extra reward, 0 none")] public int ExtraItem { get; set; }
}

[MessagePackObject]
public sealed class GiftWallResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("gifts"), Doc("the gifts on this wall")] public List<GiftInfo> Gifts { get; set; } = [];
}

[MessagePackObject]
public sealed class SendGiftRequest
{
    [Key("roomid"), Doc("the room you and the receiver are in")] public string? RoomId { get; set; }
    [Key("to"), Doc("the receiver")] public string? To { get; set; }
    [Key("giftid"), Doc("gift id")] public int GiftId { get; set; }
    [Key("count"), Doc("how many, 1-999")] public int Count { get; set; }
    [Key("reqid"), Doc("a key the client makes per send (1-64 of A-Z a-z 0-9 - _), per recipient; a repeat with it changes nothing, the " +
        "same key with another gift, count or room is refused (request_conflict)")] public string? ReqId { get; set; }
}

[MessagePackObject]
public sealed class SendGiftResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("extraitem"), Doc("the extra reward granted (item id), 0 none")] public int ExtraItem { get; set; }
    [Key("gold"), Doc("gold left")] public long Gold { get; set; }
}

[MessagePackObject]
public sealed class GiftMessagePush
{
    [Key("roomid"), Doc("room")] public string RoomId { get; set; } = "";
    [Key("from"), Doc("sender")] public string From { get; set; } = "";
    [Key("fromnick"), Doc("sender's nickname")] public string FromNick { get; set; } = "";
    [Key("to"), Doc("receiver")] public string To { get; set; } = "";
    [Key("giftid"), Doc("gift")] public int GiftId { get; set; }
    [Key("count"), Doc("how many")] public int Count { get; set; }
    [Key("extraitem"), Doc("extra reward the sender got, 0 none")] public int ExtraItem { get; set; }
}

[MessagePackObject]
public sealed class GiftStatsRequest
{
    [Key("acc"), Optional, Doc("whose; absent: yours")] public string? Acc { get; set; }
}

[MessagePackObject]
public sealed class GiftStatsResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("charmtoday"), Doc("charm received today (UTC day)")] public long CharmToday { get; set; }
    [Key("charmtotal"), Doc("charm received in all")] public long CharmTotal { get; set; }
    [Key("wealthtoday"), Doc("wealth from gifts sent today")] public long WealthToday { get; set; }
    [Key("wealthtotal"), Doc("wealth in all")] public long WealthTotal { get; set; }
}
