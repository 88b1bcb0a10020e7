using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Bargain;
using static SocialGame.Protocol.ResultCode;

namespace SocialGame.Protocol.Catalog;

/// <summary>
/// Module 6 <c>bargain</c> (煮酒), exactly the opids of seed 003. Every period-scoped request answers
/// <c>data_error</c> for a period id not in the configuration, <c>module_close</c> when the module or the period
/// is switched off and <c>activity_no_open</c> outside the period's begintime/endtime.
/// </summary>
public static class BargainProtocol
{
    private const ModuleType M = ModuleType.Bargain;
    public const int GmHelpOp = 1000;

    public static readonly OpDef<EmptyRequest, BargainGetAckListResponse> GetAckList = new(M, 0, "getacklist",
        "The open periods and the account's entry flags (use helphad/helpstate at the entry).",
        [Success, ModuleClose, ActivityNoOpen, RedisError]);

    public static readonly OpDef<BargainPeriodRequest, BargainGetConfigResponse> GetConfig = new(M, 1, "getconfig",
        "A period's configuration and the state of each goods for you (the goods list itself is the client's configuration).",
        [Success, ModuleClose, ActivityNoOpen, ParamError, RedisError, DataError]);

    public static readonly OpDef<BargainPeriodRequest, BargainGetCurDataResponse> GetCurData = new(M, 2, "getcurdata",
        "Your current bargain (bargain_none when there is none), with its helpers' profiles.",
        [Success, ModuleClose, ActivityNoOpen, ParamError, RedisError, DataError, BargainNone]);

    public static readonly OpDef<BargainGoodsRequest, BargainStartResponse> Start = new(M, 3, "start",
        "Starts a bargain on a goods (a new code and a system cut; your previous current bargain is paused into select) or, " +
        "for a goods you selected before, makes it current again (same code and cuts). bargain_select_cur: it is current already; " +
        "bargain_doing: that bargain is being collected right now; bargain_had: completed as often as the goods allows; " +
        "bargain_doing_limit: too many bargains at once; activity_no_open also when your level is below the period's limitlevel.",
        [Success, ModuleClose, ActivityNoOpen, ParamError, RedisError, DataError, BargainDoing, BargainHad, BargainSelectCur,
            BargainDoingLimit, CodeMakeFail]);

    public static readonly OpDef<BargainHelpRequest, BargainHelpResponse> Help = new(M, 4, "help",
        "Helps (cuts the price of) another player's code, current or paused. The amount is random within the range of your player type " +
        "and of whether it is your first help, and never takes the price below the floor. help_not_exist: no such code in this period; " +
        "help_over: the code is completed or at its floor; bargain_none: the code is no longer an open bargain of its owner; " +
        "help_already: you helped this code; help_user_once: you helped this owner; help_limit_account: you used all your helps; " +
        "help_limit_ip / help_limit_device: this IP / device already served as many accounts as allowed (accounts that used it may go " +
        "on). The owner gets helpntf wherever connected.",
        [Success, ModuleClose, ActivityNoOpen, ParamError, RedisError, DataError, HelpOver, HelpLimitAccount, HelpLimitDevice, HelpLimitIp,
            BargainNone, HelpNotSelf, HelpAlready, ClickTooFast, HelpUserOnce, HelpNotExist]);

    public static readonly OpDef<BargainGetGoodsRequest, BargainGetGoodsResponse> GetGoods = new(M, 5, "getgoods",
        "Completes your code: pays price - totaldelprice yuanbao (nothing at a zero floor price) and receives the goods' item, " +
        "atomically and exactly once. use_yuanbao_failed: not enough yuanbao (nothing changed); add_goods_failed: the item could not be " +
        "granted (nothing paid); bargain_over: this code was completed already; bargain_none: not your open code; bargain_had: the goods " +
        "was completed as often as allowed. The goods' state changes; no paused bargain becomes current by itself.",
        [Success, ModuleClose, ActivityNoOpen, ParamError, RedisError, DataError, ClickTooFast, UseYuanbaoFailed, AddGoodsFailed,
            BargainNone, BargainOver, BargainHad]);

    public static readonly OpDef<BargainPeriodRequest, BargainGetHelpResponse> GetHelp = new(M, 6, "gethelp",
        "Your helps in a period and how many are left (help_none, with the counters filled, when you have not helped).",
        [Success, ModuleClose, ActivityNoOpen, ParamError, RedisError, DataError, HelpNone]);

    public static readonly PushDef<BargainHelpNtf> HelpNtf = new(M, 7, "helpntf",
        "Push to a code's owner, on whatever node it is connected: someone helped the code (compare bargaincode with your current one).",
        []);

    public static readonly OpDef<BargainGoodsRequest, ResultOnly> GiveUp = new(M, 8, "giveup",
        "Pauses your current bargain: it moves back to select, keeping its code and cuts. bargain_none: idx is not your current bargain.",
        [Success, ModuleClose, ActivityNoOpen, ParamError, RedisError, DataError, BargainNone]);

    public static readonly OpDef<BargainGmHelpRequest, BargainGmHelpResponse> GmHelp = new(M, GmHelpOp, "gm_help",
        "GM accounts only (not_gm for any other): exactly `//gm msact bargain <id> 1000 <bargaincode> <delprice>` typed in chat (gm/1), " +
        "the same check, logs and datalog, answered with the typed result. Cuts the code by " +
        "delprice with no help limits checked, not counted as the GM's help, repeatable, clamped to the floor; the owner gets helpntf. " +
        "bargain_free: the code is at its floor; bargain_over: the code is completed or being collected.",
        [Success, ParamError, NotGm, DataError, RedisError, HelpNotExist, BargainFree, BargainOver]);

    public static IReadOnlyList<OpDef> All { get; } = [GetAckList, GetConfig, GetCurData, Start, Help, GetGoods, GetHelp, HelpNtf, GiveUp,
        GmHelp];
}
