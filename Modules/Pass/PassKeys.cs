using SocialGame.Core.Storage.Keys;
using StackExchange.Redis;

namespace SocialGame.Modules.Pass;

/// <summary>Redis keys of season passes and pass gifts.</summary>
internal static class PassKeys
{
    /// <summary>One gift (a hash); its id, "G" and digits and hex, is the server's.</summary>
    public static RedisKey Gift(string giftId) => "sg:{passgift}:" + giftId;
    /// <summary>Gold gifts between their record and their outcome, scored by creation (for the recovery sweep).</summary>
    public static readonly RedisKey Paying = "sg:{passgift}:paying";
    /// <summary>Refund records of RMB gifts that could not be unlocked, for finance.</summary>
    public static readonly RedisKey Refunds = "sg:{passgift}:refunds";
    /// <summary>The account's pass of a season, reserved by the gift that gives it.</summary>
    public static RedisKey Owner(string acc, string season) => AccountKeys.Of(acc, "pass:" + season);
    /// <summary>The sender's unpaid RMB gift to <paramref name="to"/>: asking again answers that one, not a new order.</summary>
    public static RedisKey Unpaid(string from, string to) => AccountKeys.Of(from, "passgifts:unpaid:" + to);
    public static RedisKey Sent(string acc) => AccountKeys.Of(acc, "passgifts:sent");
    public static RedisKey Received(string acc) => AccountKeys.Of(acc, "passgifts:received");

    /// <summary>The account's record of a season: <c>xp</c>, each reward claimed (<c>c:3:f</c> = the claim's ledger key, or
    /// <c>forfeit</c>), a claim being granted (<c>pending:&lt;key&gt;</c>) and <c>ended</c> once the season is settled. Kept.</summary>
    public static RedisKey Season(string acc, string season) => AccountKeys.Of(acc, "passseason:" + season);
    /// <summary>The XP each source gave the account on one business day (<c>yyyyMMdd</c>) of a season; expires.</summary>
    public static RedisKey XpDay(string acc, string season, string day) => AccountKeys.Of(acc, $"passday:{season}:{day}");
    /// <summary>One event counted for the account's season (its id hashed: a retried event counts once); expires.</summary>
    public static RedisKey XpSeen(string acc, string season, string eventHash) => AccountKeys.Of(acc, $"passseen:{season}:{eventHash}");
    /// <summary>A season's own record: <c>settled</c> (unix s) once its end was settled, and how many accounts it settled.</summary>
    public static RedisKey SeasonRecord(string season) => "sg:{passseason}:record:" + season;

    /// <summary>SCAN pattern of every account's record of <paramref name="season"/> (the season end walks them).</summary>
    public static string SeasonPattern(string season) => "sg:{*}:passseason:" + AccountKeys.GlobEscaped(season);

    /// <summary>The account of a key of the account's space.</summary>
    public static string AccountOf(RedisKey key)
    {
        string text = key.ToString();
        int open = text.IndexOf('{'), close = text.IndexOf("}:", StringComparison.Ordinal);
        return text[(open + 1)..close];
    }

    /// <summary>SCAN pattern of every gift (the step of deleting an account looks for the gifts naming it).</summary>
    public const string GiftPattern = "sg:{passgift}:G*";

    /// <summary>SCAN pattern of the senders' unpaid-gift pointers to <paramref name="to"/> (in the senders' spaces).</summary>
    public static string UnpaidTo(string to) => "sg:{*}:passgifts:unpaid:" + AccountKeys.GlobEscaped(to);

    private static readonly KeyPattern GiftP = new("sg:{passgift}:G<seg>", "one gift: sender, recipient, state"),
        RefundsP = new("sg:{passgift}:refunds", "RMB gifts to refund"),
        OwnerP = AccountKeys.Pattern("pass:<any>", "the account's pass of a season"),
        UnpaidP = AccountKeys.Pattern("passgifts:unpaid:<acc>", "the sender's unpaid gift to a friend"),
        SentP = AccountKeys.Pattern("passgifts:sent", "gifts sent"),
        ReceivedP = AccountKeys.Pattern("passgifts:received", "gifts received"),
        SeasonP = AccountKeys.Pattern("passseason:<any>", "the account's XP and claimed rewards of a season"),
        XpDayP = AccountKeys.Pattern("passday:<any>", "XP per source on one day of a season"),
        XpSeenP = AccountKeys.Pattern("passseen:<any>", "an event counted for the season's XP");

    public static readonly IReadOnlyList<KeyPattern> Patterns =
        [GiftP, new("sg:{passgift}:paying", "gold gifts being paid"), RefundsP, OwnerP, UnpaidP, SentP, ReceivedP, SeasonP, XpDayP, XpSeenP,
        new("sg:{passseason}:record:<any>", "a season's settlement record")];

    public static readonly IReadOnlyList<AccountData> AccountData =
    [
        new("pass", OwnerP, AccountDataPlace.Key, AccountDataPolicy.Delete, "the pass reservation; the ledger keeps the grant"),
        new("pass", UnpaidP, AccountDataPlace.Key, AccountDataPolicy.Delete, "a pointer to an unpaid gift; it expires"),
        new("pass", SentP, AccountDataPlace.Key, AccountDataPolicy.Delete, "the records view"),
        new("pass", ReceivedP, AccountDataPlace.Key, AccountDataPolicy.Delete, "the records view"),
        new("pass", SeasonP, AccountDataPlace.Key, AccountDataPolicy.Delete, "season XP and claims; the ledger keeps what was granted"),
        new("pass", XpDayP, AccountDataPlace.Key, AccountDataPolicy.Delete, "a daily XP counter; it expires"),
        new("pass", XpSeenP, AccountDataPlace.Key, AccountDataPolicy.Delete, "an event already counted; it expires"),
        new("pass", GiftP, AccountDataPlace.Entries, AccountDataPolicy.Anonymise,
            "a gift's record (season, payment, state) stays; the name of its sender or recipient is replaced once it is settled"),
        new("pass", RefundsP, AccountDataPlace.Entries, AccountDataPolicy.Anonymise,
            "a refund finance still owes stays with its order; the account's name is replaced"),
        new("pass", UnpaidP, AccountDataPlace.Entries, AccountDataPolicy.Delete,
            "another sender's pointer to its unpaid gift to the account"),
    ];
}
