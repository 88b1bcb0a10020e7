using System.Runtime.CompilerServices;
using StackExchange.Redis;

namespace SocialGame.Core.Storage;

/// <summary>SCAN over every primary: how the steps of deleting an account find keys no index lists.</summary>
public static class RedisScan
{
    /// <summary>Every key matching the glob <paramref name="pattern"/>, on every connected primary.</summary>
    public static async IAsyncEnumerable<RedisKey> ScanAsync(this RedisStore redis, string pattern,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var server in redis.Connection.GetServers().Where(s => s.IsConnected && !s.IsReplica))
            await foreach (var key in server.KeysAsync(pattern: pattern, pageSize: 500).WithCancellation(ct).ConfigureAwait(false))
                yield return key;
    }
}
