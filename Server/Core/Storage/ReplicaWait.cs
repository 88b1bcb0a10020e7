using System.Collections.Concurrent;
using System.Net;
using StackExchange.Redis;

namespace SocialGame.Core.Storage;

/// <summary>
/// Durability of money writes across a failover: after a write marked durable, <c>WAIT replicas timeout</c> on the master
/// of the written key's slot, over the same (multiplexed) connection that carried the write, so the count covers it.
/// Fewer replicas than asked within the timeout is a Redis fault (redis_error): the write is applied on the master but
/// not acknowledged, and the client's retry goes through the same idempotent path. Off (0 replicas) for a standalone
/// Redis without replicas.
/// <para>
/// A WAIT holds every command behind it on that master's connection. So a master known to have fewer connected replicas
/// than asked (INFO replication, read at most once a second per master) answers at once without a WAIT: after a failover
/// the promoted replica has none until the old master rejoins, and its shard's money writes are refused quickly instead
/// of each one stalling the connection for the timeout.
/// </para>
/// </summary>
public sealed class ReplicaWait(RedisStore redis, int replicas, int timeoutMs)
{
    private readonly ConcurrentDictionary<EndPoint, (long At, int Count)> _connected = new();

    public int Replicas => replicas;

    public async Task AfterWriteAsync(RedisKey key)
    {
        if (replicas <= 0) return;
        var server = redis.Connection.GetServer(key);
        int connected = await ConnectedReplicasAsync(server).ConfigureAwait(false);
        if (connected < replicas)
            throw new RedisException($"write to {Logging.LogText.Excerpt(key.ToString(), 80)}: its master has {connected} of {replicas} " +
                $"replicas connected");
        long acked = (long)await server.ExecuteAsync("WAIT", replicas, timeoutMs).ConfigureAwait(false);
        if (acked < replicas)
        {
            _connected.TryRemove(server.EndPoint, out _);
            throw new RedisException($"write to {Logging.LogText.Excerpt(key.ToString(), 80)} reached {acked} of {replicas} replicas " +
                $"within {timeoutMs} ms");
        }
    }

    private async Task<int> ConnectedReplicasAsync(IServer server)
    {
        long now = Environment.TickCount64;
        if (_connected.TryGetValue(server.EndPoint, out var known) && now - known.At < 1000) return known.Count;
        var info = await server.InfoAsync("replication").ConfigureAwait(false);
        var field = info.SelectMany(g => g).FirstOrDefault(p => p.Key == "connected_slaves");
        int count = int.TryParse(field.Value, out int n) ? n : 0;
        _connected[server.EndPoint] = (now, count);
        return count;
    }
}
