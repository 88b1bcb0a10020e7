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
        connection.ConnectionFailed += (_, e) => Log.Warn("redis connection lost ({Failure}): {Error}", e.FailureType, e.Exception?.Message);
        connection.ConnectionRestored += (_, e) => Log.Info("redis connection restored ({Endpoint})", e.EndPoint);
    }

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

    /// <summary>True when Redis answers a PING now.</summary>
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
    /// <summary>Exceptions that mean "Redis could not do it" (down, timed out, refused), answered as redis_error.</summary>
    public static bool IsRedisFault(Exception ex) =>
        ex is RedisException or RedisTimeoutException || (ex is AggregateException a && a.InnerExceptions.All(IsRedisFault));

    /// <summary>Redis could not be reached or did not answer in time: worth trying again later (unlike a script's error).</summary>
    public static bool IsUnavailable(Exception ex) =>
        ex is RedisConnectionException or RedisTimeoutException || (ex is AggregateException a && a.InnerExceptions.All(IsUnavailable));
}
