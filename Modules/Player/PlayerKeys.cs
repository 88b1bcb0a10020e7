using SocialGame.Core.Storage.Keys;
using StackExchange.Redis;

namespace SocialGame.Modules.Player;

/// <summary>
/// Redis keys of the player base: the account's own keys (<see cref="AccountKeys"/>, one cluster slot per account,
/// so a script touching an account's wallet, ledger, inventory and inbox stays in one slot) and the orders.
/// Other modules use what the player base offers, never these keys.
/// </summary>
internal static class PlayerKeys
{
    public static RedisKey Profile(string acc) => AccountKeys.Of(acc, "profile");
    public static RedisKey Wallet(string acc) => AccountKeys.Of(acc, "wallet");
    /// <summary>The account's ledger: a Redis stream, one entry per balance or item change.</summary>
    public static RedisKey Ledger(string acc) => AccountKeys.Of(acc, "ledger");
    public static RedisKey Idempotency(string acc, string key) => AccountKeys.Of(acc, "idem:" + key);
    public static RedisKey Inventory(string acc) => AccountKeys.Of(acc, "inv");
    /// <summary>What every key of the account's own space starts with (a ledger counter's key must).</summary>
    public static string SpacePrefix(string acc) => AccountKeys.Of(acc, "").ToString();
    public static RedisKey Friends(string acc) => AccountKeys.Of(acc, "friends");
    public static RedisKey Inbox(string acc) => AccountKeys.Of(acc, "inbox");
    public static RedisKey InboxOrder(string acc) => AccountKeys.Of(acc, "inboxidx");
    public static RedisKey InboxSeq(string acc) => AccountKeys.Of(acc, "inboxseq");
    /// <summary>The account's unpaid orders, scored by when each expires (<see cref="Payments.UnpaidSlots"/>).</summary>
    public static RedisKey UnpaidOrders(string acc) => AccountKeys.Of(acc, "orders:unpaid");

    /// <summary>One order (a hash); its id is the server's.</summary>
    public static RedisKey Order(string orderId) => "sg:{orders}:order:" + orderId;
    /// <summary>Paid orders not yet fulfilled, for the fulfilment retry.</summary>
    public static readonly RedisKey PaidOrders = "sg:{orders}:paid";
    /// <summary>Unpaid orders of every account, scored by when each expires.</summary>
    public static readonly RedisKey UnpaidIndex = "sg:{orders}:unpaid";

    /// <summary>SCAN pattern of every wallet (for the audit); it matches other keys too, see <see cref="AccountOfWallet"/>.</summary>
    public const string WalletPattern = "sg:{*}:wallet";

    /// <summary>
    /// The account whose wallet <paramref name="key"/> is, or null when the key is of another kind that
    /// <see cref="WalletPattern"/> also matches: any key ending in <c>}:wallet</c>, e.g. a marker whose
    /// client-chosen last part is "wallet", or the wallet of a name that is no valid account.
    /// </summary>
    public static string? AccountOfWallet(string key)
    {
        const string prefix = "sg:{", suffix = "}:wallet";
        if (key.Length <= prefix.Length + suffix.Length || !key.StartsWith(prefix, StringComparison.Ordinal)
            || !key.EndsWith(suffix, StringComparison.Ordinal))
            return null;
        string acc = key[prefix.Length..^suffix.Length];
        return Common.Validate.Account(acc) ? acc : null;
    }

    private static readonly KeyPattern ProfileP = AccountKeys.Pattern("profile", "profile"),
        WalletP = AccountKeys.Pattern("wallet", "balances"),
        LedgerP = AccountKeys.Pattern("ledger", "every balance and item change"),
        IdemP = AccountKeys.Pattern("idem:<any>", "an applied ledger operation or a sent mail (its key)"),
        InventoryP = AccountKeys.Pattern("inv", "items"),
        FriendsP = AccountKeys.Pattern("friends", "friends"),
        InboxP = AccountKeys.Pattern("inbox", "mail"),
        InboxOrderP = AccountKeys.Pattern("inboxidx", "mail order"),
        InboxSeqP = AccountKeys.Pattern("inboxseq", "mail id sequence"),
        UnpaidOrdersP = AccountKeys.Pattern("orders:unpaid", "the account's unpaid orders"),
        OrderP = new("sg:{orders}:order:<any>", "one order"),
        PaidOrdersP = new("sg:{orders}:paid", "paid orders not yet fulfilled"),
        UnpaidIndexP = new("sg:{orders}:unpaid", "unpaid orders by expiry");

    public static readonly IReadOnlyList<KeyPattern> Patterns =
        [ProfileP, WalletP, LedgerP, IdemP, InventoryP, FriendsP, InboxP, InboxOrderP, InboxSeqP, UnpaidOrdersP, OrderP, PaidOrdersP,
            UnpaidIndexP];

    public static readonly IReadOnlyList<AccountData> AccountData =
    [
        Own(ProfileP, AccountDataPolicy.Delete, "personal data"),
        Own(WalletP, AccountDataPolicy.Delete, "balances; the ledger keeps every change that made them"),
        Own(LedgerP, AccountDataPolicy.KeepForFinance, "the record of every money and item change"),
        Own(IdemP, AccountDataPolicy.Delete, "markers of applied operations; they expire"),
        Own(InventoryP, AccountDataPolicy.Delete, "items; the ledger keeps how they were granted"),
        Own(FriendsP, AccountDataPolicy.Delete, "relations"),
        Own(InboxP, AccountDataPolicy.Delete, "mail"),
        Own(InboxOrderP, AccountDataPolicy.Delete, "mail"),
        Own(InboxSeqP, AccountDataPolicy.Delete, "mail"),
        Own(UnpaidOrdersP, AccountDataPolicy.Delete, "slots of unpaid orders"),
        new("player", FriendsP, AccountDataPlace.Entries, AccountDataPolicy.Delete, "the account in its friends' friend sets"),
        new("player", OrderP, AccountDataPlace.Entries, AccountDataPolicy.KeepForFinance,
            "orders name their buyer; finance reconciles them"),
    ];

    private static AccountData Own(KeyPattern pattern, AccountDataPolicy policy, string reason) =>
        new("player", pattern, AccountDataPlace.Key, policy, reason);
}
