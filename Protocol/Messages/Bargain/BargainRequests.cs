using MessagePack;

namespace SocialGame.Protocol.Messages.Bargain;

[MessagePackObject]
public sealed class BargainPeriodRequest
{
    [Key("id"), Doc("activity period id (第几期)")] public int? Id { get; set; }
}

[MessagePackObject]
public sealed class BargainGoodsRequest
{
    [Key("id"), Doc("activity period id")] public int? Id { get; set; }
    [Key("idx"), Doc("goods index in the period's configuration")] public int? Idx { get; set; }
    [Key("goodsid"), Doc("goods id; must be the one configured at idx")] public int? GoodsId { get; set; }
}

[MessagePackObject]
public sealed class BargainHelpRequest
{
    [Key("id"), Doc("activity period id")] public int? Id { get; set; }
    [Key("deviceid"), Doc("device id of the helper (1-128 characters)")] public string? DeviceId { get; set; }
    [Key("devicetype"), Doc("1 ios, 0 other")] public int? DeviceType { get; set; }
    [Key("bargaincode"), Doc("the code to help (8-10 characters; case does not matter)")] public string? BargainCode { get; set; }
}

[MessagePackObject]
public sealed class BargainGetGoodsRequest
{
    [Key("id"), Doc("activity period id")] public int? Id { get; set; }
    [Key("goodsid"), Doc("goods id of the code")] public int? GoodsId { get; set; }
    [Key("idx"), Doc("goods index of the code")] public int? Idx { get; set; }
    [Key("bargaincode"), Doc("your code to complete (current or selected)")] public string? BargainCode { get; set; }
}

[MessagePackObject]
public sealed class BargainGmHelpRequest
{
    [Key("id"), Doc("activity period id")] public int? Id { get; set; }
    [Key("bargaincode"), Doc("the code to help")] public string? BargainCode { get; set; }
    [Key("delprice"), Doc("amount to cut (clamped to the floor price)")] public long? DelPrice { get; set; }
}
