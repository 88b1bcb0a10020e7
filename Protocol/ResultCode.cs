namespace SocialGame.Protocol;

/// <summary>
/// The one global result-code table. 0-26 are exactly the bargain seed's <c>EnumResult</c>;
/// codes from 27 up are appended and never renumbered. Every module uses 0-7 with the seed's meaning.
/// The Lua constants and the protocol document are generated from this enum.
/// </summary>
public enum ResultCode
{
    [Doc("success")] Success = 0,
    [Doc("module is not open")] ModuleClose = 1,
    [Doc("bad request parameter (type, range, length, unknown id)")] ParamError = 2,
    [Doc("too many requests, slow down")] ClickTooFast = 3,
    [Doc("data error (configuration lacks the needed data)")] DataError = 4,
    [Doc("activity is not open")] ActivityNoOpen = 5,
    [Doc("redis operation failed or redis unreachable")] RedisError = 6,
    [Doc("no data in redis")] RedisNoData = 7,
    [Doc("help refused: account limit reached")] HelpLimitAccount = 8,
    [Doc("help refused: ip limit reached")] HelpLimitIp = 9,
    [Doc("help refused: device limit reached")] HelpLimitDevice = 10,
    [Doc("no bargain in progress")] BargainNone = 11,
    [Doc("a bargain is in progress")] BargainDoing = 12,
    [Doc("bargain reached its floor price")] BargainFree = 13,
    [Doc("bargain is over, goods already received")] BargainOver = 14,
    [Doc("bargain already completed")] BargainHad = 15,
    [Doc("failed to make a bargain code")] CodeMakeFail = 16,
    [Doc("the bargain to help does not exist")] HelpNotExist = 17,
    [Doc("already helped this code")] HelpAlready = 18,
    [Doc("no more help needed")] HelpOver = 19,
    [Doc("cannot help yourself")] HelpNotSelf = 20,
    [Doc("has not helped")] HelpNone = 21,
    [Doc("yuanbao payment failed")] UseYuanbaoFailed = 22,
    [Doc("adding the goods failed")] AddGoodsFailed = 23,
    [Doc("selected the bargain that is already current")] BargainSelectCur = 24,
    [Doc("may help this player only once")] HelpUserOnce = 25,
    [Doc("too many simultaneous bargains")] BargainDoingLimit = 26,

    // ---- appended codes: never renumber, only append ----
    [Doc("request needs a logged-in session")] NotLoggedIn = 27,
    [Doc("login token is malformed, forged or expired; the connection is closed")] BadToken = 28,
    [Doc("no handler for this module_type/opid")] UnknownOp = 29,
    [Doc("unexpected server error; the request was not applied or was rolled back")] ServerError = 30,
    [Doc("the account is not a GM")] NotGm = 31,
    [Doc("unknown GM command; output holds the usage")] GmUnknownCommand = 32,
    [Doc("the session is already logged in as another account")] AlreadyLoggedIn = 33,
    [Doc("the server is shutting down")] ServerBusy = 34,
    [Doc("not enough of a currency")] InsufficientFunds = 35,
    [Doc("not enough of an item (or it expired)")] InsufficientItems = 36,
    [Doc("an idempotency key was reused for a different operation")] IdempotencyConflict = 37,
    [Doc("the account has no profile (unknown account)")] UnknownAccount = 38,
    [Doc("a balance would pass its maximum")] BalanceLimit = 39,
    [Doc("cancellation refused: a family leader must hand over the family first")] CancelFamilyLeader = 40,
    [Doc("cancellation refused: the account still has bound relations")] CancelBound = 41,
    [Doc("cancellation refused: too many applications recently")] CancelTooOften = 42,
    [Doc("the account is already cancelled")] CancelAlreadyDone = 43,
    [Doc("there is no active cancellation to withdraw")] CancelNone = 44,
    [Doc("gifting is switched off or outside its window")] GiftingClosed = 45,
    [Doc("the two accounts are not friends")] NotFriends = 46,
    [Doc("the recipient cannot receive it (unknown, already owns it, or cancelling the account)")] RecipientIneligible = 47,
    [Doc("the room is not live")] RoomNotLive = 48,
    [Doc("the player (or the receiver) is not in that room")] NotInRoom = 49,
    [Doc("the VIP level is too low for this")] VipTooLow = 50,
    [Doc("red packet: you already grabbed a share")] PacketGrabbed = 51,
    [Doc("red packet: no shares left")] PacketEmpty = 52,
    [Doc("red packet: closed (countdown over or the room closed)")] PacketClosed = 53,
    [Doc("everything the product grants is already owned for good: buying it would change nothing")] AlreadyOwned = 54,
    [Doc("the request id was used before for another request (another configuration, amount, recipient, room or payment kind); nothing " +
        "was charged")] RequestConflict = 55,
    [Doc("too many unpaid orders or unpaid red packets: pay one or wait until they expire")] TooManyUnpaid = 56,
    [Doc("the account was cancelled (or is being deleted): it cannot log in again")] AccountCancelled = 57,

    // ---- rankings (module 18): 80-89 ----
    [Doc("ranking: that period is not settled yet (it has not ended, or its settlement is still running)")] RankNotSettled = 80,
    [Doc("ranking: that period is older than the days its board is kept")] RankPeriodGone = 81,
}
