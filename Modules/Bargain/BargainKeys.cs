using System.Collections.Concurrent;
using SocialGame.Core.Storage.Keys;
using StackExchange.Redis;

namespace SocialGame.Modules.Bargain;

/// <summary>
/// The seed's three hashes of one period: <c>hash:bargain_&lt;areaid&gt;_&lt;actid&gt;:player</c> (account -> JSON),
/// <c>...:code</c> (code -> JSON) and <c>...:help</c> (IP or device id -> JSON array of accounts). With
/// <c>redis.cluster</c> on, <c>&lt;areaid&gt;_&lt;actid&gt;</c> is wrapped as a hash tag
/// (<c>hash:bargain_{1_1}:player</c>) so the three keys of a period share one slot and each Lua script
/// touching them stays single-slot; otherwise the names are exactly the seed's.
/// </summary>
internal sealed class BargainKeys(int areaId, bool cluster)
{
    // the keys of the periods asked for, built once each (a few periods are configured; beyond 64 they are built per call)
    private readonly ConcurrentDictionary<int, (RedisKey Player, RedisKey Code, RedisKey Help)> _periods = new();

    private string Base(int actId) => cluster ? $"hash:bargain_{{{areaId}_{actId}}}" : $"hash:bargain_{areaId}_{actId}";

    private (RedisKey Player, RedisKey Code, RedisKey Help) Period(int actId)
    {
        if (_periods.TryGetValue(actId, out var keys)) return keys;
        string b = Base(actId);
        keys = (b + ":player", b + ":code", b + ":help");
        if (_periods.Count < 64) _periods.TryAdd(actId, keys);
        return keys;
    }

    public RedisKey Player(int actId) => Period(actId).Player;
    public RedisKey Code(int actId) => Period(actId).Code;
    public RedisKey Help(int actId) => Period(actId).Help;

    /// <summary>The ledger idempotency key of completing a code: one payment and one grant per code, ever.</summary>
    public string LedgerKey(int actId, string code) => $"bargain:{areaId}:{actId}:{code}";

    /// <summary>SCAN pattern of every period's :player hash, of every area (the step of deleting an account walks them).</summary>
    public const string PlayerPattern = "hash:bargain_*:player";

    /// <summary>The :code and :help hashes of the period whose :player hash is <paramref name="playerKey"/>.</summary>
    public static (RedisKey Code, RedisKey Help) PeriodOf(string playerKey)
    {
        string period = playerKey[..^":player".Length];
        return (period + ":code", period + ":help");
    }

    private static readonly KeyPattern[] PlayerP = [new("hash:bargain_<int>_<int>:player", "each player's bargain (account -> JSON)"),
            new("hash:bargain_{<int>_<int>}:player", "the same, cluster names")],
        CodeP = [new("hash:bargain_<int>_<int>:code", "each code's bargain (code -> JSON)"),
            new("hash:bargain_{<int>_<int>}:code", "the same, cluster names")],
        HelpP = [new("hash:bargain_<int>_<int>:help", "helpers per IP or device (-> accounts)"),
            new("hash:bargain_{<int>_<int>}:help", "the same, cluster names")];

    public static readonly IReadOnlyList<KeyPattern> Patterns = [.. PlayerP, .. CodeP, .. HelpP];

    public static readonly IReadOnlyList<AccountData> AccountData =
    [
        .. PlayerP.Select(p => new AccountData("bargain", p, AccountDataPlace.Entries, AccountDataPolicy.Delete,
            "the account's field goes; in the helplists of those who helped its codes its name is replaced")),
        .. CodeP.Select(p => new AccountData("bargain", p, AccountDataPlace.Entries, AccountDataPolicy.Anonymise,
            "its own codes go; in the helperlists of codes it helped its name is replaced (amounts stay, the codes go on); " +
                "a payment stays in the orders and the ledger")),
        .. HelpP.Select(p => new AccountData("bargain", p, AccountDataPlace.Entries, AccountDataPolicy.Delete,
            "the account among the helpers of an IP or device")),
    ];
}
