using SocialGame.Core.Storage.Keys;
using StackExchange.Redis;

namespace SocialGame.Modules.Account;

/// <summary>Redis keys of the account module: cancellation records and the per-account records it checks.</summary>
internal static class AccountModuleKeys
{
    /// <summary>Accounts with an active cancellation, scored by when it falls due.</summary>
    public static readonly RedisKey CancelDue = "sg:cancel:due";
    /// <summary>The account's cancellation record (one at a time).</summary>
    public static RedisKey Cancel(string acc) => AccountKeys.Of(acc, "cancel");
    /// <summary>When the account applied, for the limit on applications.</summary>
    public static RedisKey CancelHistory(string acc) => AccountKeys.Of(acc, "cancelhist");
    public static RedisKey Family(string acc) => AccountKeys.Of(acc, "family");
    /// <summary>A record of <paramref name="kind"/> (realname, cpdecl, cpapply, bind.NAME).</summary>
    public static RedisKey Record(string acc, string kind) => AccountKeys.Of(acc, "rec:" + kind);

    private static readonly KeyPattern DueP = new("sg:cancel:due", "active cancellations by due time"),
        CancelP = AccountKeys.Pattern("cancel", "the cancellation record"),
        HistoryP = AccountKeys.Pattern("cancelhist", "cancellation applications"),
        FamilyP = AccountKeys.Pattern("family", "family role"),
        RecordP = AccountKeys.Pattern("rec:<any>", "real-name data, CP declaration and applications, bound relations");

    public static readonly IReadOnlyList<KeyPattern> Patterns = [DueP, CancelP, HistoryP, FamilyP, RecordP];

    public static readonly IReadOnlyList<AccountData> AccountData =
    [
        new("account", CancelP, AccountDataPlace.Key, AccountDataPolicy.KeepAsRecord,
            "says the account was deleted, and when; it holds no personal data"),
        new("account", HistoryP, AccountDataPlace.Key, AccountDataPolicy.KeepAsRecord, "when cancellations were applied for"),
        new("account", FamilyP, AccountDataPlace.Key, AccountDataPolicy.Delete, "family role"),
        new("account", RecordP, AccountDataPlace.Key, AccountDataPolicy.Delete, "personal data and relations"),
        new("account", DueP, AccountDataPlace.Entries, AccountDataPolicy.Delete, "the account while its cancellation is due"),
    ];
}
