using System.Net;
using StackExchange.Redis;

namespace SocialGame.Core.Storage;

/// <summary>A Redis primary the data lives on: its address, the slots it serves (a cluster's master) and whether it answered.</summary>
public sealed record RedisPrimary(EndPoint EndPoint, string Slots)
{
    public string Address => EndPointText(EndPoint);

    public static string EndPointText(EndPoint endPoint) => endPoint is IPEndPoint ip ? $"{ip.Address}:{ip.Port}" : endPoint.ToString() ?? "";
}

/// <summary>One primary's answer to the health check.</summary>
public sealed record PrimaryHealth(string Address, string Slots, bool Ok, string? Error);

/// <summary>What <c>/health</c> reports about Redis: ok only when every primary answers (and, on a cluster, cluster_state is ok).</summary>
public sealed record RedisHealth(bool Ok, string? ClusterState, IReadOnlyList<PrimaryHealth> Primaries);

/// <summary>
/// The primaries of the Redis the node uses: the one server of a standalone Redis, or every master that serves slots as the
/// cluster's own CLUSTER NODES lists them (a master that is down but still owns slots included, so whoever walks them
/// knows what it could not reach).
/// </summary>
public static class RedisPrimaries
{
    private static readonly NLog.Logger Log = NLog.LogManager.GetCurrentClassLogger();

    public static async Task<IReadOnlyList<RedisPrimary>> ListAsync(RedisStore redis)
    {
        var servers = redis.Connection.GetServers();
        if (redis.IsCluster != true)
            return servers.Where(s => !s.IsReplica).Select(s => new RedisPrimary(s.EndPoint, "")).ToList();
        string nodes = await ClusterNodesAsync(servers).ConfigureAwait(false);
        return ClusterNodeLine.ParseAll(nodes).Where(n => n.ServesSlots)
            .Select(n => new RedisPrimary(n.EndPoint, string.Join(',', n.Slots.Select(r => r.From == r.To ? $"{r.From}" : $"{r.From}-{r.To}"))))
            .OrderBy(p => p.Address, StringComparer.Ordinal).ToList();
    }

    /// <summary>Pings every primary (at once, each within the operation timeout) and, on a cluster, reads cluster_state.</summary>
    public static async Task<RedisHealth> CheckAsync(RedisStore redis)
    {
        IReadOnlyList<RedisPrimary> primaries;
        string? state = null;
        try
        {
            primaries = await ListAsync(redis).ConfigureAwait(false);
            if (redis.IsCluster == true) state = await ClusterStateAsync(redis.Connection.GetServers()).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
        {
            return new RedisHealth(false, state, []);
        }
        var answers = await Task.WhenAll(primaries.Select(p => PingAsync(redis, p))).ConfigureAwait(false);
        bool ok = answers.Length > 0 && answers.All(a => a.Ok) && (state is null || state == "ok");
        return new RedisHealth(ok, state, answers);
    }

    private static async Task<PrimaryHealth> PingAsync(RedisStore redis, RedisPrimary primary)
    {
        try
        {
            await redis.Connection.GetServer(primary.EndPoint).PingAsync().ConfigureAwait(false);
            return new PrimaryHealth(primary.Address, primary.Slots, true, null);
        }
        catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
        {
            return new PrimaryHealth(primary.Address, primary.Slots, false, Logging.LogText.Excerpt(ex.Message, 200));
        }
    }

    /// <summary>The text of CLUSTER NODES from the first connected node that answers.</summary>
    private static async Task<string> ClusterNodesAsync(IServer[] servers)
    {
        Exception? last = null;
        foreach (var server in servers.Where(s => s.IsConnected))
        {
            try
            {
                return Text(await server.ExecuteAsync("CLUSTER", "NODES").ConfigureAwait(false));
            }
            catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
            {
                last = ex;
            }
        }
        throw last ?? new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "no node of the cluster is connected", null, CommandStatus.Unknown);
    }

    /// <summary>cluster_state from CLUSTER INFO of the first connected master that answers ("ok" or "fail").</summary>
    private static async Task<string> ClusterStateAsync(IServer[] servers)
    {
        foreach (var server in servers.Where(s => s.IsConnected && !s.IsReplica))
        {
            try
            {
                string info = Text(await server.ExecuteAsync("CLUSTER", "INFO").ConfigureAwait(false));
                foreach (var line in info.Split('\n'))
                    if (line.StartsWith("cluster_state:", StringComparison.Ordinal)) return line["cluster_state:".Length..].Trim();
            }
            catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
            {
                Log.Debug("CLUSTER INFO on {EndPoint} failed: {Error}", server.EndPoint, ex.Message);
            }
        }
        return "unknown";
    }

    /// <summary>A text reply (a RESP3 verbatim string arrives as "txt:..." and loses its format prefix here).</summary>
    private static string Text(RedisResult result)
    {
        string text = (string?)result ?? "";
        return text.StartsWith("txt:", StringComparison.Ordinal) ? text[4..] : text;
    }
}
