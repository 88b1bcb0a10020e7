using StackExchange.Redis;

namespace SocialGame.Modules.Player;

/// <summary>
/// Redis keys of the player base. Every key of one account carries the hash tag <c>{acc}</c>, so a
/// script touching an account's wallet, ledger, inventory and inbox stays in one cluster slot.
/// </summary>
public static class PlayerKeys
{
    public static RedisKey Profile(string acc) => $"sg:{{{acc}}}:profile";
    public static RedisKey Wallet(string acc) => $"sg:{{{acc}}}:wallet";
    /// <summary>The account's ledger: a Redis stream, one entry per balance or item change.</summary>
    public static RedisKey Ledger(string acc) => $"sg:{{{acc}}}:ledger";
    public static RedisKey Idempotency(string acc, string key) => $"sg:{{{acc}}}:idem:{key}";
    public static RedisKey Inventory(string acc) => $"sg:{{{acc}}}:inv";
    public static RedisKey Friends(string acc) => $"sg:{{{acc}}}:friends";
    public static RedisKey Inbox(string acc) => $"sg:{{{acc}}}:inbox";
    public static RedisKey InboxOrder(string acc) => $"sg:{{{acc}}}:inboxidx";
    public static RedisKey InboxSeq(string acc) => $"sg:{{{acc}}}:inboxseq";
    /// <summary>The account's unpaid orders, scored by when each expires (<see cref="Payments.UnpaidSlots"/>).</summary>
    public static RedisKey UnpaidOrders(string acc) => $"sg:{{{acc}}}:orders:unpaid";

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
        if (key.Length <= prefix.Length + suffix.Length || !key.StartsWith(prefix, StringComparison.Ordinal) || !key.EndsWith(suffix, StringComparison.Ordinal))
            return null;
        string acc = key[prefix.Length..^suffix.Length];
        return Common.Validate.Account(acc) ? acc : null;
    }
}
