using System.Runtime.CompilerServices;
using StackExchange.Redis;

namespace SocialGame.Core.Storage;

/// <summary>SCAN over every primary: how the steps of deleting an account find keys no index lists.</summary>
public static class RedisScan
{
    /// <summary>
    /// Every key matching the glob <paramref name="pattern"/>, on every primary (<see cref="RedisPrimaries"/>: on a cluster
    /// every master serving slots, a failed one included). A primary that cannot be reached, or fails during its walk, ends
    /// the scan with a <see cref="RedisConnectionException"/> naming it: a caller never takes a partial walk for a whole one.
    /// </summary>
    public static async IAsyncEnumerable<RedisKey> ScanAsync(this RedisStore redis, string pattern,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var primary in await RedisPrimaries.ListAsync(redis).ConfigureAwait(false))
        {
            IAsyncEnumerator<RedisKey> keys;
            try
            {
                keys = redis.Connection.GetServer(primary.EndPoint).KeysAsync(pattern: pattern, pageSize: 500).GetAsyncEnumerator(ct);
            }
            catch (Exception ex) when (RedisFaults.IsRedisFault(ex) || ex is ArgumentException)
            {
                throw Unreachable(primary, ex);
            }
            await using (keys.ConfigureAwait(false))
            {
                while (true)
                {
                    try
                    {
                        if (!await keys.MoveNextAsync().ConfigureAwait(false)) break;
                    }
                    catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
                    {
                        throw Unreachable(primary, ex);
                    }
                    yield return keys.Current;
                }
            }
        }
    }

    private static RedisConnectionException Unreachable(RedisPrimary primary, Exception ex) =>
        new(ConnectionFailureType.UnableToConnect, CommandFlags.None,
            $"SCAN could not walk Redis primary {primary.Address}" + (primary.Slots.Length > 0 ? $" (slots {primary.Slots})" : "") +
            $": {Logging.LogText.Excerpt(ex.Message, 200)}", ex, CommandStatus.Unknown);
}
