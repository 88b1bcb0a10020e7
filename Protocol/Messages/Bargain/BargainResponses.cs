using MessagePack;

namespace SocialGame.Protocol.Messages.Bargain;

/// <summary>State of one goods for the player (the seed's GoodsState).</summary>
public enum BargainGoodsState
{
    [Doc("no bargain on it (it can be started)")] Canget = 0,
    [Doc("the current bargain")] Getting = 1,
    [Doc("completed as often as allowed")] Got = 2,
    [Doc("chosen earlier, paused (not current)")] Select = 3,
}

/// <summary>The player's bargain state in a period (getconfig's state).</summary>
public enum BargainPlayerState
{
    [Doc("no bargain started or paused")] None = 0,
    [Doc("has a current bargain")] Doing = 1,
    [Doc("only paused (selected) bargains")] Paused = 2,
    [Doc("below the period's limitlevel: may not start a bargain")] LevelLimit = 3,
}

/// <summary>Whether the account may help (the seed's helpstate: 0 may not, 1 may).</summary>
public enum BargainHelpState
{
    [Doc("may not help (no helps left, or no open period)")] Cannot = 0,
    [Doc("may still help")] Can = 1,
}

[MessagePackObject]
public sealed class BargainActInfo
{
    [Key("id"), Doc("period id (第几期)")] public int Id { get; set; }
    [Key("actkey"), Doc("activity key")] public string ActKey { get; set; } = "";
    [Key("actnamekey"), Doc("name key")] public string ActNameKey { get; set; } = "";
    [Key("name"), Doc("module name")] public string Name { get; set; } = "";
}

[MessagePackObject]
public sealed class BargainGetAckListResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("helpstate"), Doc("1 when this account may still help in an open period, else 0")] public int HelpState { get; set; }
    [Key("bargainget"), Doc("1 when one of your bargains reached its floor price and can be collected, else 0")]
    public int BargainGet { get; set; }
    [Key("helphad"), Doc("1 when this account has helped in an open period, else 0")] public int HelpHad { get; set; }
    [Key("actlist"), Doc("open periods keyed by id (integer keys: Python msgpack needs strict_map_key=False)")]
    public Dictionary<int, BargainActInfo> ActList { get; set; } = [];
}

[MessagePackObject]
public sealed class BargainPeriodConfig
{
    [Key("id"), Doc("period id")] public int Id { get; set; }
    [Key("actkey"), Doc("activity key")] public string ActKey { get; set; } = "";
    [Key("name"), Doc("module name")] public string Name { get; set; } = "";
    [Key("show"), Doc("1 shown, 0 hidden")] public int Show { get; set; }
    [Key("begintime"), Doc("start, unix seconds")] public long BeginTime { get; set; }
    [Key("endtime"), Doc("end, unix seconds")] public long EndTime { get; set; }
    [Key("countDown"), Doc("seconds left until endtime (server time)")] public long CountDown { get; set; }
}

[MessagePackObject]
public sealed class BargainGoodsStateInfo
{
    [Key("idx"), Doc("goods index")] public int Idx { get; set; }
    [Key("state"), Doc("GoodsState: 0 canget, 1 getting, 2 got, 3 select")] public int State { get; set; }
}

[MessagePackObject]
public sealed class BargainGetConfigResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("state"), Doc("PlayerState: 0 none, 1 doing, 2 paused (selected only), 3 level_limit")] public int State { get; set; }
    [Key("helpstate"), Doc("HelpState: 1 may still help in this period, 0 not")] public int HelpState { get; set; }
    [Key("helphad"), Doc("1 when this account has helped in this period")] public int HelpHad { get; set; }
    [Key("config"), Doc("the period (goods come from the client's own configuration)")] public BargainPeriodConfig? Config { get; set; }
    [Key("goods_state_list"), Doc("state of every configured goods")] public List<BargainGoodsStateInfo> GoodsStateList { get; set; } = [];
}

[MessagePackObject]
public sealed class BargainHelperInfo
{
    [Key("acc"), Doc("helper account")] public string Acc { get; set; } = "";
    [Key("head"), Doc("helper head")] public string Head { get; set; } = "";
    [Key("sex"), Doc("helper sex")] public int Sex { get; set; }
    [Key("nickname"), Doc("helper nickname")] public string Nickname { get; set; } = "";
    [Key("delprice"), Doc("amount this help cut")] public long DelPrice { get; set; }
}

[MessagePackObject]
public sealed class BargainData
{
    [Key("state"), Doc("GoodsState of the code's goods: 1 getting, 3 select, 2 got")] public int State { get; set; }
    [Key("isget"), Doc("1 when the goods of this code were received, else 0")] public int IsGet { get; set; }
    [Key("master"), Doc("account of the code's owner")] public string Master { get; set; } = "";
    [Key("idx"), Doc("goods index")] public int Idx { get; set; }
    [Key("goodsid"), Doc("goods id")] public int GoodsId { get; set; }
    [Key("code"), Doc("the bargain code")] public string Code { get; set; } = "";
    [Key("totaldelprice"), Doc("total cut so far (system cut included)")] public long TotalDelPrice { get; set; }
    [Key("sysdelprice"), Doc("cut the system granted at start")] public long SysDelPrice { get; set; }
    [Key("createtime"), Doc("start time, unix seconds")] public long CreateTime { get; set; }
    [Key("helperlist"), Doc("helps in order, with the helpers' profiles")] public List<BargainHelperInfo> HelperList { get; set; } = [];
}

[MessagePackObject]
public sealed class BargainGetCurDataResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("bargaindata"), Doc("the current bargain")] public BargainData? BargainData { get; set; }
}

[MessagePackObject]
public sealed class BargainStartResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("bargaindata"), Doc("the bargain that is current now")] public BargainData? BargainData { get; set; }
}

[MessagePackObject]
public sealed class BargainHelpResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("bargaincode"), AlsoOnError, Doc("the code helped (with an error too, when the request named a well-formed one)")]
    public string BargainCode { get; set; } = "";
    [Key("delprice"), Doc("amount this help cut")] public long DelPrice { get; set; }
}

[MessagePackObject]
public sealed class BargainGetGoodsResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("goodsid"), AlsoOnError, Doc("goods id (the request's, with an error too)")] public int GoodsId { get; set; }
    [Key("idx"), AlsoOnError, Doc("goods index (the request's, with an error too)")] public int Idx { get; set; }
    [Key("bargaincode"), AlsoOnError, Doc("the code completed (the request's, with an error too)")]
    public string BargainCode { get; set; } = "";
}

[MessagePackObject]
public sealed class BargainHelpRecord
{
    [Key("code"), Doc("code helped")] public string Code { get; set; } = "";
    [Key("acc"), Doc("owner of that code")] public string Acc { get; set; } = "";
    [Key("nickname"), Doc("owner's nickname")] public string Nickname { get; set; } = "";
    [Key("head"), Doc("owner's head")] public string Head { get; set; } = "";
    [Key("delprice"), Doc("amount cut")] public long DelPrice { get; set; }
}

[MessagePackObject, InFullWith(ResultCode.HelpNone)]
public sealed class BargainGetHelpResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("helpstate"), Doc("1 may still help in this period, 0 not")] public int HelpState { get; set; }
    [Key("helphad"), Doc("1 has helped in this period")] public int HelpHad { get; set; }
    [Key("helpcount"), Doc("helps given in this period")] public int HelpCount { get; set; }
    [Key("helpleft"), Doc("helps still allowed in this period")] public int HelpLeft { get; set; }
    [Key("helplist"), Doc("your helps in order")] public List<BargainHelpRecord> HelpList { get; set; } = [];
}

[MessagePackObject]
public sealed class BargainHelpNtf
{
    [Key("id"), Doc("period id")] public int Id { get; set; }
    [Key("bargaincode"), Doc("your code that was helped (compare with your current one)")] public string BargainCode { get; set; } = "";
    [Key("idx"), Doc("goods index of the code")] public int Idx { get; set; }
    [Key("goodsid"), Doc("goods id of the code")] public int GoodsId { get; set; }
    [Key("acc"), Doc("helper account")] public string Acc { get; set; } = "";
    [Key("nickname"), Doc("helper nickname")] public string Nickname { get; set; } = "";
    [Key("head"), Doc("helper head")] public string Head { get; set; } = "";
    [Key("sex"), Doc("helper sex")] public int Sex { get; set; }
    [Key("delprice"), Doc("amount this help cut")] public long DelPrice { get; set; }
    [Key("totaldelprice"), Doc("total cut of the code now")] public long TotalDelPrice { get; set; }
}

[MessagePackObject]
public sealed class BargainGmHelpResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("bargaincode"), AlsoOnError, Doc("the code helped")] public string BargainCode { get; set; } = "";
    [Key("delprice"), Doc("amount cut (after the floor clamp)")] public long DelPrice { get; set; }
    [Key("totaldelprice"), Doc("total cut of the code now")] public long TotalDelPrice { get; set; }
}
