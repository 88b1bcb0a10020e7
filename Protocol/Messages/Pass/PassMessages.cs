using MessagePack;

namespace SocialGame.Protocol.Messages.Pass;

[MessagePackObject]
public sealed class PassEntryResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("season"), Doc("the current season")] public string Season { get; set; } = "";
    [Key("gifting"), Doc("1 when the gift button is shown (gifting on and inside its window), else 0")] public int Gifting { get; set; }
    [Key("owned"), Doc("1 when you own this season's pass")] public int Owned { get; set; }
    [Key("claimstate"), Doc("one-click claim button: 1 when a reward of either track is claimable now (claimall), else 0")]
    public int ClaimState { get; set; }
    [Key("goldprice"), Doc("price in gold to gift it; 0 when it cannot be paid in gold")] public long GoldPrice { get; set; }
    [Key("productid"), Doc("RMB product to gift it (createorder is done by gift with pay=2)")] public string ProductId { get; set; } = "";
    [Key("level"), Doc("your level in the season (0 before the first threshold)")] public int Level { get; set; }
    [Key("xp"), Doc("your XP in the season")] public long Xp { get; set; }
    [Key("nextxp"), Doc("the XP the next level needs; 0 at the top level")] public long NextXp { get; set; }
    [Key("claimable"), Doc("how many rewards (free and premium) are claimable now")] public int Claimable { get; set; }
    [Key("open"), Doc("1 while the season runs (XP is earned and rewards claimed), else 0")] public int Open { get; set; }
    [Key("seasonend"), Doc("unix seconds the season ends")] public long SeasonEnd { get; set; }
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
