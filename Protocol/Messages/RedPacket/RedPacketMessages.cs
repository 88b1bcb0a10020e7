using MessagePack;

namespace SocialGame.Protocol.Messages.RedPacket;

[MessagePackObject]
public sealed class PacketConfigInfo
{
    [Key("id"), Doc("configuration id")] public int Id { get; set; }
    [Key("name"), Doc("name")] public string Name { get; set; } = "";
    [Key("giftname"), Doc("gift name shown")] public string GiftName { get; set; } = "";
    [Key("giftimage"), Doc("gift image")] public string GiftImage { get; set; } = "";
    [Key("giftcount"), Doc("gift count shown")] public int GiftCount { get; set; }
    [Key("text"), Doc("text")] public string Text { get; set; } = "";
    [Key("total"), Doc("gold shared out")] public long Total { get; set; }
    [Key("shares"), Doc("number of shares")] public int Shares { get; set; }
    [Key("goldprice"), Doc("price in gold; 0 when sold for RMB only")] public long GoldPrice { get; set; }
    [Key("productid"), Doc("RMB product; empty when sold for gold only")] public string ProductId { get; set; } = "";
    [Key("sitewide"), Doc("1: everybody online hears it")] public int SiteWide { get; set; }
    [Key("countdown"), Doc("seconds it can be grabbed")] public int Countdown { get; set; }
}

[MessagePackObject]
public sealed class PacketConfigsResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("configs"), Doc("the red packets on sale")] public List<PacketConfigInfo> Configs { get; set; } = [];
}

[MessagePackObject]
public sealed class SendPacketRequest
{
    [Key("roomid"), Doc("the room you are in")] public string? RoomId { get; set; }
    [Key("id"), Doc("configuration id")] public int Id { get; set; }
    [Key("pay"), Doc("1 gold, 2 RMB")] public int Pay { get; set; }
    [Key("reqid"), Doc("a key the client makes per send (1-64 of A-Z a-z 0-9 - _); a repeat returns the same packet, the same key with " +
        "another room, configuration or pay is refused (request_conflict)")] public string? ReqId { get; set; }
}

[MessagePackObject]
public sealed class SendPacketResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("packetid"), AlsoOnError, Doc("the packet (also when its payment failed)")] public string PacketId { get; set; } = "";
    [Key("orderid"), Doc("RMB: the order to pay; the packet is sent when it is paid")] public string OrderId { get; set; } = "";
    [Key("amount"), Doc("RMB: price in fen")] public long Amount { get; set; }
    [Key("expires"), Doc("RMB: unix seconds: not paid by then, the order and the packet expire")] public long Expires { get; set; }
}

[MessagePackObject]
public sealed class PacketRequest
{
    [Key("packetid"), Doc("the packet")] public string? PacketId { get; set; }
}

[MessagePackObject]
public sealed class GrabResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("amount"), AlsoOnError, Doc("gold you got (with packet_grabbed: what you got before)")] public long Amount { get; set; }
}

[MessagePackObject]
public sealed class GrabRecord
{
    [Key("acc"), Doc("who")] public string Acc { get; set; } = "";
    [Key("amount"), Doc("gold")] public long Amount { get; set; }
    [Key("time"), Doc("unix seconds")] public long Time { get; set; }
}

[MessagePackObject]
public sealed class PacketRecordsResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("sender"), Doc("who sent it")] public string Sender { get; set; } = "";
    [Key("state"), Doc("paying, ordered (RMB: waiting for its order), open, done (all grabbed), refunding, refunded, expired (RMB: not " +
        "paid in time)")] public string State { get; set; } = "";
    [Key("total"), Doc("gold in all")] public long Total { get; set; }
    [Key("shares"), Doc("shares in all")] public int Shares { get; set; }
    [Key("left"), Doc("gold not grabbed")] public long Left { get; set; }
    [Key("grabs"), Doc("every grab, in order")] public List<GrabRecord> Grabs { get; set; } = [];
    [Key("top"), Doc("the top 5 by amount")] public List<GrabRecord> Top { get; set; } = [];
    [Key("luckiest"), Doc("the largest share's grabber, empty before any grab")] public string Luckiest { get; set; } = "";
}

[MessagePackObject]
public sealed class PacketSentPush
{
    [Key("packetid"), Doc("the packet")] public string PacketId { get; set; } = "";
    [Key("roomid"), Doc("room")] public string RoomId { get; set; } = "";
    [Key("sender"), Doc("who sent it")] public string Sender { get; set; } = "";
    [Key("id"), Doc("configuration id")] public int Id { get; set; }
    [Key("text"), Doc("text")] public string Text { get; set; } = "";
    [Key("shares"), Doc("shares")] public int Shares { get; set; }
    [Key("expire"), Doc("unix seconds it closes")] public long Expire { get; set; }
    [Key("sitewide"), Doc("1 when everybody online hears it")] public int SiteWide { get; set; }
}
