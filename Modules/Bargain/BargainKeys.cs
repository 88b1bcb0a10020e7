using StackExchange.Redis;

namespace SocialGame.Modules.Bargain;

/// <summary>
/// The seed's three hashes of one period: <c>hash:bargain_&lt;areaid&gt;_&lt;actid&gt;:player</c> (account -> JSON),
/// <c>...:code</c> (code -> JSON) and <c>...:help</c> (IP or device id -> JSON array of accounts). With
/// <c>redis.cluster</c> on, <c>&lt;areaid&gt;_&lt;actid&gt;</c> is wrapped as a hash tag
/// (<c>hash:bargain_{1_1}:player</c>) so the three keys of a period share one slot and each Lua script
/// touching them stays single-slot; otherwise the names are exactly the seed's.
/// </summary>
public sealed class BargainKeys(int areaId, bool cluster)
{
    private string Base(int actId) => cluster ? $"hash:bargain_{{{areaId}_{actId}}}" : $"hash:bargain_{areaId}_{actId}";

    public RedisKey Player(int actId) => Base(actId) + ":player";
    public RedisKey Code(int actId) => Base(actId) + ":code";
    public RedisKey Help(int actId) => Base(actId) + ":help";

    /// <summary>The ledger idempotency key of completing a code: one payment and one grant per code, ever.</summary>
    public string LedgerKey(int actId, string code) => $"bargain:{areaId}:{actId}:{code}";
}
