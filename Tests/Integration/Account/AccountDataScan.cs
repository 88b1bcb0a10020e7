using SocialGame.Core.Storage;
using SocialGame.Core.Storage.Keys;
using StackExchange.Redis;

namespace SocialGame.Tests.Integration.Account;

/// <summary>
/// Reads every key and every value in Redis (SCAN, then a read by the key's type) and names those where an account's
/// name (or another text of it, e.g. its nickname) still appears outside the data the registry says is kept
/// (<see cref="AccountDataPolicy.KeepForFinance"/>, <see cref="AccountDataPolicy.KeepAsRecord"/>: what README lists).
/// </summary>
public static class AccountDataScan
{
    public static async Task<List<string>> LeftoversAsync(RedisStore redis, AccountDataRegistry registry, string acc, params string[] more)
    {
        var kept = registry.Entries.Where(e => e.Policy is AccountDataPolicy.KeepForFinance or AccountDataPolicy.KeepAsRecord).ToList();
        string[] needles = [acc, .. more];
        var found = new List<string>();
        foreach (var (name, values) in await SnapshotAsync(redis))
        {
            bool inName = needles.Any(n => name.Contains(n, StringComparison.Ordinal));
            if (!inName && !values.Any(v => needles.Any(n => v.Contains(n, StringComparison.Ordinal)))) continue;
            if (kept.Any(e => e.Pattern.Matches(name))) continue;
            found.Add(inName ? name : name + " (in its value)");
        }
        return found;
    }

    /// <summary>Every key with its values as text (a hash's fields and values, a stream's entries), sorted by key.</summary>
    public static async Task<SortedDictionary<string, List<string>>> SnapshotAsync(RedisStore redis)
    {
        var all = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        // every primary, a master that cannot be reached failing the scan: a leftover there is never taken for none
        await foreach (var key in redis.ScanAsync("*"))
            all[key.ToString()] = (await ValuesAsync(redis.Db, key)).OrderBy(v => v, StringComparer.Ordinal).ToList();
        return all;
    }

    private static async Task<IEnumerable<string>> ValuesAsync(IDatabase db, RedisKey key)
    {
        var type = await db.KeyTypeAsync(key);
        return type switch
        {
            RedisType.String => [(await db.StringGetAsync(key)).ToString()],
            RedisType.Hash => (await db.HashGetAllAsync(key)).SelectMany(e => new[] { e.Name.ToString(), e.Value.ToString() }),
            RedisType.Set => (await db.SetMembersAsync(key)).Select(v => v.ToString()),
            RedisType.SortedSet => (await db.SortedSetRangeByRankAsync(key)).Select(v => v.ToString()),
            RedisType.List => (await db.ListRangeAsync(key)).Select(v => v.ToString()),
            RedisType.Stream => (await db.StreamRangeAsync(key))
                .SelectMany(e => e.Values.SelectMany(v => new[] { v.Name.ToString(), v.Value.ToString() })),
            _ => [],
        };
    }
}
