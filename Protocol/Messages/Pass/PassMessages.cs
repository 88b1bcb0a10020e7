using MessagePack;

namespace SocialGame.Protocol.Messages.Pass;

[MessagePackObject]
public sealed class PassEntryResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("season"), Doc("the current season")] public string Season { get; set; } = "";
    [Key("gifting"), Doc("1 when the gift button is shown (gifting on and inside its window), else 0")] public int Gifting { get; set; }
    [Key("owned"), Doc("1 when you own this season's pass")] public int Owned { get; set; }
    [Key("claimstate"), Doc("one-click claim button: 1 when you own the pass and may claim, else 0")] public int ClaimState { get; set; }
    [Key("goldprice"), Doc("price in gold to gift it; 0 when it cannot be paid in gold")] public long GoldPrice { get; set; }
    [Key("productid"), Doc("RMB product to gift it (createorder is done by gift with pay=2)")] public string ProductId { get; set; } = "";
}

[MessagePackObject]
public sealed class PassGiftRequest
{
    [Key("friend"), Doc("the friend who receives the pass")] public string? Friend { get; set; }
    [Key("pay"), Doc("1 gold, 2 RMB")] public int Pay { get; set; }
}

[MessagePackObject]
public sealed class PassGiftResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("giftid"), AlsoOnError, Doc("the gift record (also when its payment or unlock failed)")] public string GiftId { get; set; } = "";
    [Key("state"), AlsoOnError, Doc("unlocked (gold), ordered (RMB: pay the order), refunded, failed")]
    public string State { get; set; } = "";
    [Key("orderid"), Doc("RMB: the order to pay")] public string OrderId { get; set; } = "";
    [Key("amount"), Doc("RMB: the price in fen")] public long Amount { get; set; }
    [Key("expires"), Doc("RMB: unix seconds: not paid by then, the order and the gift expire")] public long Expires { get; set; }
}

[MessagePackObject]
public sealed class PassGiftRecord
{
    [Key("giftid"), Doc("gift id")] public string GiftId { get; set; } = "";
    [Key("from"), Doc("who gave it")] public string From { get; set; } = "";
    [Key("to"), Doc("who received it")] public string To { get; set; } = "";
    [Key("season"), Doc("season")] public string Season { get; set; } = "";
    [Key("pay"), Doc("1 gold, 2 RMB")] public int Pay { get; set; }
    [Key("state"), Doc("paying, ordered, unlocked, refunded, failed")] public string State { get; set; } = "";
    [Key("time"), Doc("created, unix seconds")] public long Time { get; set; }
}

[MessagePackObject]
public sealed class PassRecordsResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("sent"), Doc("gifts you gave, newest first")] public List<PassGiftRecord> Sent { get; set; } = [];
    [Key("received"), Doc("gifts you received, newest first")] public List<PassGiftRecord> Received { get; set; } = [];
}
