using System.Globalization;
using SocialGame.Core.Storage.Keys;
using StackExchange.Redis;

namespace SocialGame.Modules.Store;

/// <summary>
/// Redis keys of the stores. An account's purchase counters and RMB requests are in its own space (its hash tag), so the ledger
/// operation that pays checks and counts them in one step; global stock, the buys holding stock and the sales are in one slot of
/// their own (<c>{storestock}</c>), taken before the ledger operation.
/// </summary>
internal static class StoreKeys
{
    /// <summary>Stock left per "store:item" (and "store:item:cfg", the file's stock it was seeded with).</summary>
    public static readonly RedisKey Stock = "sg:{storestock}:left";
    /// <summary>Units sold per "store:item".</summary>
    public static readonly RedisKey Sales = "sg:{storestock}:sales";
    /// <summary>Buys holding stock, by id: what they took (a JSON record), until they finish or the sweep settles them.</summary>
    public static readonly RedisKey Holding = "sg:{storestock}:holding";
    /// <summary>The same buys scored by when they took the stock.</summary>
    public static readonly RedisKey HoldingIndex = "sg:{storestock}:holdidx";

    /// <summary>Buys for another account paid (or being paid) and not yet delivered or refunded, by <see cref="GiftDueId"/>: what
    /// finishing one needs and when it was recorded (a JSON record), until it is finished or the sweep finishes it (a few at a
    /// time: read whole).</summary>
    public static readonly RedisKey GiftsDue = "sg:{storestock}:giftdue";

    /// <summary>A buy for another account by its payer, request id and payment fingerprint (an account name has no ':').</summary>
    public static string GiftDueId(string payer, string reqId, string payment) => payer + ":" + reqId + ":" + payment;

    public static string Field(string storeId, int itemId) => storeId + ":" + itemId.ToString(CultureInfo.InvariantCulture);

    /// <summary>A purchase counter of the account: <paramref name="period"/> is d:yyyyMMdd, w:yyyyMMdd, win:unix or ever.</summary>
    public static string Counter(string acc, string storeId, int itemId, string period) =>
        AccountKeys.Of(acc, $"store:lim:{Field(storeId, itemId)}:{period}").ToString();

    /// <summary>An RMB buy of the account by its request id: which item it was and its order.</summary>
    public static RedisKey RmbRequest(string acc, string reqId) => AccountKeys.Of(acc, "store:rmb:" + reqId);

    /// <summary>The ledger key of the recipient's grant of a buy for another account (and the dedupe key of the recipient's
    /// notice of it): one per payer and request id.</summary>
    public static string GiftGrant(string payer, string reqId) => $"storegift:{payer}:{reqId}";

    /// <summary>The payer's ledger key of the refund of a buy for another account the recipient could no longer receive.</summary>
    public static string GiftRefund(string reqId) => "storerefund:" + reqId;

    /// <summary>What a buy for another account ended in, <see cref="Granted"/> or <see cref="Refunded"/>, decided once for its request
    /// id.</summary>
    public static RedisKey GiftDecision(string payer, string reqId) => AccountKeys.Of(payer, "store:gift:" + reqId);

    /// <summary>The values of <see cref="GiftDecision"/>.</summary>
    public const string Granted = "grant", Refunded = "refund";

    private static readonly KeyPattern CounterP = AccountKeys.Pattern("store:lim:<any>", "purchases of a store item in a period"),
        RmbP = AccountKeys.Pattern("store:rmb:<any>", "an RMB store purchase: its item and order"),
        GiftP = AccountKeys.Pattern("store:gift:<any>", "how a buy for another account ended (grant or refund)"),
        HoldingP = new("sg:{storestock}:holding", "buys holding global stock (the buyer, the item, the ledger key)"),
        GiftsDueP = new("sg:{storestock}:giftdue", "buys for another account not yet delivered or refunded (payer, recipient, grants)");

    public static readonly IReadOnlyList<KeyPattern> Patterns =
    [
        CounterP, RmbP, GiftP, new("sg:{storestock}:left", "global stock left per item"),
        new("sg:{storestock}:sales", "units sold per item"),
        HoldingP, new("sg:{storestock}:holdidx", "buys holding stock by when they took it"),
        GiftsDueP,
    ];

    public static readonly IReadOnlyList<AccountData> AccountData =
    [
        new("store", CounterP, AccountDataPlace.Key, AccountDataPolicy.Delete, "purchase counts; the ledger keeps every purchase"),
        new("store", RmbP, AccountDataPlace.Key, AccountDataPolicy.Delete, "RMB purchase requests; the orders are kept for finance"),
        new("store", GiftP, AccountDataPlace.Key, AccountDataPolicy.Delete, "the outcome of its buys for others; they expire"),
        new("store", GiftsDueP, AccountDataPlace.Entries, AccountDataPolicy.Delete,
            "a buy for another account names payer and recipient until it is finished; deleting either finishes it"),
        new("store", HoldingP, AccountDataPlace.Entries, AccountDataPolicy.Delete,
            "a buy holding stock names its buyer for seconds; deleting the account settles its buys"),
    ];
}
