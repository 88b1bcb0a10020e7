using MessagePack;

namespace SocialGame.Protocol.Messages.Player;

[MessagePackObject]
public sealed class GetProfileRequest
{
    [Key("acc"), Optional, Doc("whose profile; absent: your own")] public string? Acc { get; set; }
}

[MessagePackObject]
public sealed class ProfileInfo
{
    [Key("acc"), Doc("account")] public string Acc { get; set; } = "";
    [Key("nickname"), Doc("nickname")] public string Nickname { get; set; } = "";
    [Key("head"), Doc("head (avatar) id or URL")] public string Head { get; set; } = "";
    [Key("sex"), Doc("0 unknown, 1 male, 2 female")] public int Sex { get; set; }
    [Key("level"), Doc("player level")] public int Level { get; set; }
    [Key("viplevel"), Doc("VIP level, 0 for none")] public int VipLevel { get; set; }
    [Key("regtime"), Doc("registration time, unix seconds")] public long RegTime { get; set; }
}

[MessagePackObject]
public sealed class GetProfileResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("profile"), Doc("the profile")] public ProfileInfo? Profile { get; set; }
}

[MessagePackObject]
public sealed class GetWalletResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("wallet"), Doc("balance per configured currency (gold, yuanbao)")] public Dictionary<string, long> Wallet { get; set; } = [];
}

[MessagePackObject]
public sealed class InventoryItem
{
    [Key("itemid"), Doc("item id from the catalogue")] public int ItemId { get; set; }
    [Key("kind"), Doc("avatar_frame, chat_bubble, home_effect, entrance_effect, ring, gift_card, gift, pass, other")]
    public string Kind { get; set; } = "";
    [Key("count"), Doc("how many")] public long Count { get; set; }
    [Key("expiretime"), Doc("unix seconds when it expires; 0 permanent")] public long ExpireTime { get; set; }
}

[MessagePackObject]
public sealed class GetInventoryResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("items"), Doc("items held now (expired ones are not listed)")] public List<InventoryItem> Items { get; set; } = [];
}

[MessagePackObject]
public sealed class FriendInfo
{
    [Key("acc"), Doc("account")] public string Acc { get; set; } = "";
    [Key("nickname"), Doc("nickname")] public string Nickname { get; set; } = "";
    [Key("head"), Doc("head")] public string Head { get; set; } = "";
    [Key("sex"), Doc("sex")] public int Sex { get; set; }
    [Key("online"), Doc("connected to any node")] public bool Online { get; set; }
}

[MessagePackObject]
public sealed class GetFriendsResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("friends"), Doc("the friend list")] public List<FriendInfo> Friends { get; set; } = [];
}

[MessagePackObject]
public sealed class InboxMessage
{
    [Key("id"), Doc("message id, increasing per account")] public long Id { get; set; }
    [Key("kind"), Doc("system, gm, gift, ... (who sent it)")] public string Kind { get; set; } = "";
    [Key("title"), Doc("title")] public string Title { get; set; } = "";
    [Key("text"), Doc("text")] public string Text { get; set; } = "";
    [Key("time"), Doc("unix seconds")] public long Time { get; set; }
    [Key("read"), Doc("read by the player")] public bool Read { get; set; }
    [Key("extra"), Doc("module-specific data (JSON text), may be empty")] public string Extra { get; set; } = "";
}

[MessagePackObject]
public sealed class GetInboxResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("messages"), Doc("newest first")] public List<InboxMessage> Messages { get; set; } = [];
}

[MessagePackObject]
public sealed class ReadInboxRequest
{
    [Key("ids"), Doc("message ids to mark read (at most 200)")] public List<long>? Ids { get; set; }
}

[MessagePackObject]
public sealed class ReadInboxResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("marked"), Doc("how many were found and marked")] public int Marked { get; set; }
}

[MessagePackObject]
public sealed class NewMessagePush
{
    [Key("message"), Doc("the new message")] public InboxMessage Message { get; set; } = new();
}

[MessagePackObject]
public sealed class UnreadPush
{
    [Key("count"), Doc("unread messages waiting in the inbox")] public int Count { get; set; }
}

[MessagePackObject]
public sealed class CreateOrderRequest
{
    [Key("productid"), Doc("product id from the catalogue")] public string? ProductId { get; set; }
    [Key("extra"), Optional, Doc("data for the fulfilling module (at most 256 characters)")] public string? Extra { get; set; }
}

[MessagePackObject]
public sealed class CreateOrderResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("orderid"), Doc("the order to pay")] public string OrderId { get; set; } = "";
    [Key("amount"), Doc("price in fen")] public long Amount { get; set; }
    [Key("expires"), Doc("unix seconds: not paid by then, the order expires")] public long Expires { get; set; }
}
