using NLog;
using SocialGame.Core.Options;
using StackExchange.Redis;

namespace SocialGame.Core.Storage;

/// <summary>
/// The one shared Redis multiplexer of the process. Commands fail fast while Redis is unreachable
/// (they become redis_error at the dispatch boundary) and the multiplexer reconnects by itself.
/// </summary>
public sealed class RedisStore : IAsyncDisposable
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    private RedisStore(ConnectionMultiplexer connection)
    {
        Connection = connection;
        Db = connection.GetDatabase();
        connection.ConnectionFailed += (_, e) =>
        {
            Log.Warn("redis connection lost ({Failure}): {Error}", e.FailureType, e.Exception?.Message);
            if (e.ConnectionType == ConnectionType.Interactive) _ = FollowFailoverAsync();
        };
        connection.ConnectionRestored += (_, e) => Log.Info("redis connection restored ({Endpoint})", e.EndPoint);
    }

    private int _following;

    public ConnectionMultiplexer Connection { get; }
    public IDatabase Db { get; }
    public ISubscriber Subscriber => Connection.GetSubscriber();
    public bool IsConnected => Connection.IsConnected;

    public static async Task<RedisStore> ConnectAsync(RedisOptions options)
    {
        var config = ConfigurationOptions.Parse(options.Address);
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = options.ConnectTimeoutMs;
        config.SyncTimeout = options.OperationTimeoutMs;
        config.AsyncTimeout = options.OperationTimeoutMs;
        config.ConnectRetry = 1;
        config.ReconnectRetryPolicy = new LinearRetry(500);
        config.BacklogPolicy = BacklogPolicy.FailFast;
        config.ClientName = "socialgame";
        // CLUSTER NODES and CLUSTER INFO (the health check's and the audit's list of masters) count as admin commands
        config.AllowAdmin = true;
        var mux = await ConnectionMultiplexer.ConnectAsync(config).ConfigureAwait(false);
        if (!mux.IsConnected) Log.Error("redis {Address} is not reachable at start-up; requests answer redis_error until it is", options.Address);
        return new RedisStore(mux);
    }

    /// <summary>
    /// Runs a SUBSCRIBE made at start-up, retrying for a few seconds while the subscription connection is
    /// still connecting (it can lag behind the interactive one); after that the multiplexer keeps it.
    /// </summary>
    public async Task<T> SubscribeAsync<T>(Func<ISubscriber, Task<T>> subscribe)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(Math.Max(2000, 3 * Connection.TimeoutMilliseconds));
        while (true)
        {
            try
            {
                return await subscribe(Subscriber).ConfigureAwait(false);
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// A cluster master was lost: its slots go on being sent to it (no MOVED comes from a dead node) until the client reads
    /// the slot map again. Read it every half second for ten seconds and on while a master serving slots is unreachable, so
    /// the promoted replica is used as soon as the cluster has failed over (cluster-node-timeout and an election), for at
    /// most two minutes.
    /// </summary>
    private async Task FollowFailoverAsync()
    {
        if (Interlocked.Exchange(ref _following, 1) == 1) return;
        try
        {
            // At least ten seconds of reads: the lost master may be back (restarted) before the map read here says it
            // was replaced, and then answers CLUSTERDOWN until it has rejoined as a replica.
            var minimum = DateTime.UtcNow.AddSeconds(10);
            var until = DateTime.UtcNow.AddMinutes(2);
            while (IsCluster == true && (DateTime.UtcNow < minimum || Stranded()) && DateTime.UtcNow < until)
            {
                await Task.Delay(500).ConfigureAwait(false);
                await Connection.ConfigureAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            Log.Warn("reading the cluster's slot map after a lost connection failed: {Error}", ex.Message);
        }
        finally
        {
            Volatile.Write(ref _following, 0);
        }
    }

    /// <summary>True when the slot map known here names a master that is not connected.</summary>
    private bool Stranded()
    {
        var config = Connection.GetServers().FirstOrDefault(s => s.IsConnected)?.ClusterConfiguration;
        return config is null || config.Nodes.Any(n => !n.IsReplica && n.Slots.Count > 0 && n.EndPoint is { } ep && !Connection.GetServer(ep).IsConnected);
    }

    /// <summary>
    /// Whether the Redis reached is a Redis Cluster (null: no server reachable yet to tell). The multiplexer finds out by
    /// itself (INFO and CLUSTER NODES on connect), whatever the setting says.
    /// </summary>
    public bool? IsCluster
    {
        get
        {
            var connected = Connection.GetServers().Where(s => s.IsConnected).ToList();
            return connected.Count == 0 ? null : connected.Any(s => s.ServerType == ServerType.Cluster);
        }
    }

    /// <summary>
    /// Refuses a <c>redis.cluster</c> setting that differs from the Redis reached (its key names would not suit it: single-key
    /// slots on a cluster, period hash tags where no cluster is). When Redis cannot be reached yet the setting is trusted.
    /// </summary>
    public void CheckMode(RedisOptions options, string file)
    {
        if (IsCluster is not { } cluster)
        {
            Log.Warn("{File}: redis.cluster ({Cluster}) could not be checked: redis {Address} is not reachable", file, options.Cluster ? "true" : "false", options.Address);
            return;
        }
        if (cluster != options.Cluster)
            throw new ConfigException($"{file}: redis.cluster: is {(options.Cluster ? "true" : "false")}, but redis {options.Address} is " +
                (cluster ? "a Redis Cluster (set redis.cluster to true)" : "not a Redis Cluster (set redis.cluster to false)"));
    }

    /// <summary>True when Redis answers a PING now (one node of a cluster: <see cref="RedisPrimaries.CheckAsync"/> asks them all).</summary>
    public async Task<bool> PingAsync()
    {
        try
        {
            await Db.PingAsync().ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync() => await Connection.CloseAsync().ConfigureAwait(false);
}

public static class RedisFaults
{
    /// <summary>
    /// Exceptions that mean "Redis could not do it" (down, timed out, refused, a cluster's CROSSSLOT or the client's own
    /// multi-slot refusal), answered as redis_error.
    /// </summary>
    public static bool IsRedisFault(Exception ex) =>
        ex is RedisException or RedisTimeoutException || IsMultiSlot(ex) || (ex is AggregateException a && a.InnerExceptions.All(IsRedisFault));

    /// <summary>A command whose keys lie in several cluster slots, refused before it was sent ("Multi-key operations must involve a single slot").</summary>
    public static bool IsMultiSlot(Exception ex) => ex is RedisCommandException && ex.Message.Contains("slot", StringComparison.OrdinalIgnoreCase);

    /// <summary>Redis could not be reached or did not answer in time: worth trying again later (unlike a script's error).</summary>
    public static bool IsUnavailable(Exception ex) =>
        ex is RedisConnectionException or RedisTimeoutException || (ex is AggregateException a && a.InnerExceptions.All(IsUnavailable));
}
