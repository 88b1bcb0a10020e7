using SocialGame.Core.Storage;
using SocialGame.Core.Storage.Keys;
using StackExchange.Redis;

namespace SocialGame.Tests.Integration.Account;

/// <summary>
/// Reads every key and every value in Redis and names those where an account still appears outside the data the
/// registry says is kept (<see cref="AccountDataPolicy.KeepForFinance"/>, <see cref="AccountDataPolicy.KeepAsRecord"/>).
/// </summary>
public static class AccountDataScan
{
    public static async Task<List<string>> LeftoversAsync(RedisStore redis, AccountDataRegistry registry, string acc)
    {
        var kept = registry.Entries.Where(e => e.Policy is AccountDataPolicy.KeepForFinance or AccountDataPolicy.KeepAsRecord).ToList();
        var found = new List<string>();
        foreach (var server in redis.Connection.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: "*"))
            {
                string name = key.ToString();
                bool inName = name.Contains(acc, StringComparison.Ordinal);
                if (!inName && !(await ValuesAsync(redis.Db, key)).Any(v => v.Contains(acc, StringComparison.Ordinal))) continue;
                if (kept.Any(e => e.Pattern.Matches(name))) continue;
                found.Add(inName ? name : name + " (in its value)");
            }
        }
        return found;
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
            RedisType.Stream => (await db.StreamRangeAsync(key)).SelectMany(e => e.Values.SelectMany(v => new[] { v.Name.ToString(), v.Value.ToString() })),
            _ => [],
        };
    }
}
