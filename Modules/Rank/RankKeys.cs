using SocialGame.Core.Storage.Keys;
using StackExchange.Redis;

namespace SocialGame.Modules.Rank;

/// <summary>
/// Redis keys of the rankings: every board's keys share the hash tag <c>{rank}</c>, so one gift updates all its boards in one
/// script call (on a cluster the rankings live on one shard; a site-wide board is one key there anyway). Every period's keys
/// expire keepDays after it ends.
/// </summary>
internal static class RankKeys
{
    private const string Prefix = "sg:rank:{rank}:";

    private static string Tag(string board, string period) => Prefix + board + ":" + period;

    /// <summary>The board: a sorted set scored by points, each member <c>&lt;12-digit tie key&gt;:&lt;acc&gt;</c> (see README).</summary>
    public static RedisKey Board(string board, string period) => Tag(board, period) + ":z";
    /// <summary>Account -> its current member in <see cref="Board"/>.</summary>
    public static RedisKey Members(string board, string period) => Tag(board, period) + ":m";
    /// <summary>The period's state: open/frozen/done, the update counter, the settlement's claim and progress.</summary>
    public static RedisKey State(string board, string period) => Tag(board, period) + ":state";
    /// <summary>The final places frozen at settlement, best first, each <c>acc TAB score</c>.</summary>
    public static RedisKey Final(string board, string period) => Tag(board, period) + ":final";

    /// <summary>SCAN pattern of every period's state (the step of deleting an account walks the periods through it).</summary>
    public const string StatePattern = "sg:rank:{rank}:*:state";

    /// <summary>The board and period of a state key, or null when it is no such key.</summary>
    public static (string Board, string Period)? OfState(string key)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || !key.EndsWith(":state", StringComparison.Ordinal)) return null;
        string tag = key[Prefix.Length..^6];
        int colon = tag.IndexOf(':');
        return colon > 0 && colon < tag.Length - 1 ? (tag[..colon], tag[(colon + 1)..]) : null;
    }

    private static readonly KeyPattern BoardP = new("sg:rank:{rank}:<seg>:<seg>:z", "a board's scores"),
        MembersP = new("sg:rank:{rank}:<seg>:<seg>:m", "a board's members by account"),
        FinalP = new("sg:rank:{rank}:<seg>:<seg>:final", "a settled period's final places");

    public static readonly IReadOnlyList<KeyPattern> Patterns =
        [BoardP, MembersP, new("sg:rank:{rank}:<seg>:<seg>:state", "a period's state and settlement progress"), FinalP];

    public static readonly IReadOnlyList<AccountData> AccountData =
    [
        new("rank", BoardP, AccountDataPlace.Entries, AccountDataPolicy.Delete, "a cancelled account leaves every board"),
        new("rank", MembersP, AccountDataPlace.Entries, AccountDataPolicy.Delete, "a cancelled account leaves every board"),
        new("rank", FinalP, AccountDataPlace.Entries, AccountDataPolicy.Anonymise,
            "the final places of a settled period stay as they were granted; the name is replaced"),
    ];
}
