using SocialGame.Core.Storage;
using StackExchange.Redis;

namespace SocialGame.Modules.Account;

/// <summary>
/// The small per-account records that cancellation checks and deletes: family role, real-name data, CP
/// declaration, CP applications and bound relations (<c>bind.NAME</c>). The systems that own them live
/// elsewhere; here they are plain strings operators can set (GM <c>setrecord</c>, admin API), so the
/// checks and the deletion are observable.
/// </summary>
internal sealed class AccountRecords(RedisStore redis, AccountOptions options)
{
    /// <summary>Records deleted when the account is deleted.</summary>
    public static readonly string[] Deleted = ["realname", "cpdecl", "cpapply"];

    public static RedisKey Family(string acc) => AccountModuleKeys.Family(acc);
    public static RedisKey Record(string acc, string kind) => AccountModuleKeys.Record(acc, kind);

    public IEnumerable<string> Kinds => new[] { "family" }.Concat(Deleted).Concat(options.BoundRelations.Select(b => "bind." + b));

    public bool IsKind(string kind) => Kinds.Contains(kind);

    public RedisKey KeyOf(string acc, string kind) => kind == "family" ? Family(acc) : Record(acc, kind);

    /// <summary>Sets a record (family: the role, e.g. leader or member); null or "-" deletes it.</summary>
    public async Task SetAsync(string acc, string kind, string? value)
    {
        var key = KeyOf(acc, kind);
        if (value is null or "-") await redis.Db.KeyDeleteAsync(key).ConfigureAwait(false);
        else if (kind == "family") await redis.Db.HashSetAsync(key, "role", value).ConfigureAwait(false);
        else await redis.Db.StringSetAsync(key, value).ConfigureAwait(false);
    }

    public async Task<Dictionary<string, string>> GetAllAsync(string acc)
    {
        var result = new Dictionary<string, string>();
        foreach (var kind in Kinds)
        {
            var value = kind == "family"
                ? await redis.Db.HashGetAsync(Family(acc), "role").ConfigureAwait(false)
                : await redis.Db.StringGetAsync(Record(acc, kind)).ConfigureAwait(false);
            if (!value.IsNull) result[kind] = value.ToString();
        }
        return result;
    }
}
