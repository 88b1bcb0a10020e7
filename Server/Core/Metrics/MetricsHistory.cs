using SocialGame.Core.Admin;
using SocialGame.Protocol;

namespace SocialGame.Core.Metrics;

/// <summary>One point of the console's dashboard: this node's connections, requests per second by module, the p99 handler latency and the
/// Redis errors in the interval that ended at <see cref="At"/> (unix milliseconds).</summary>
public sealed record MetricsPoint(long At, int Connections, int LoggedIn, Dictionary<string, double> RequestsPerSecond, double P99Ms,
    long RedisErrors);

/// <summary>
/// The last minutes of this node's own metrics for the web console's dashboard (<c>GET /admin/metrics/history</c>, viewer): the host
/// takes a sample every <see cref="PeriodSeconds"/> seconds and keeps <see cref="Kept"/> of them (15 minutes); rates and the p99 are
/// over each interval, from the counters' differences.
/// </summary>
public sealed class MetricsHistory(ServerMetrics metrics, string node)
{
    public const int PeriodSeconds = 5;
    public const int Kept = 15 * 60 / PeriodSeconds;
    private readonly Queue<MetricsPoint> _points = new();
    private readonly Lock _lock = new();
    private (long At, Dictionary<int, long> Requests, long[] Latency, long RedisErrors)? _last;

    public void Sample(long nowMs)
    {
        var requests = metrics.RequestsByModule();
        var latency = metrics.LatencyCounts();
        long redisErrors = metrics.RedisErrorCount;
        lock (_lock)
        {
            if (_last is { } earlier && nowMs <= earlier.At) return;
            if (_last is { } last)
            {
                double seconds = (nowMs - last.At) / 1000.0;
                var rates = requests.ToDictionary(r => ModuleName(r.Key),
                    r => Math.Round((r.Value - last.Requests.GetValueOrDefault(r.Key)) / seconds, 2));
                var delta = latency.Select((c, i) => c - last.Latency[i]).ToArray();
                _points.Enqueue(new MetricsPoint(nowMs, metrics.ConnectionCount(), metrics.LoggedInCount(), rates, P99(delta),
                    redisErrors - last.RedisErrors));
                while (_points.Count > Kept) _points.Dequeue();
            }
            _last = (nowMs, requests, latency, redisErrors);
        }
    }

    public List<MetricsPoint> Points()
    {
        lock (_lock) return _points.ToList();
    }

    public void Register(AdminRouteTable table) =>
        table.Add(new AdminRoute("GET", "/admin/metrics/history", _ => Task.FromResult(AdminResponse.Ok(new
        {
            node, periodSeconds = PeriodSeconds, points = Points(),
        }))), OperatorRole.Viewer);

    /// <summary>The upper bound (ms) of the bucket holding the 99th percentile of <paramref name="counts"/>; 0 without requests, and the
    /// highest bound when it is above every bound.</summary>
    public static double P99(long[] counts)
    {
        long total = counts.Sum();
        if (total == 0) return 0;
        long rank = (long)Math.Ceiling(total * 0.99), seen = 0;
        var bounds = ServerMetrics.LatencyBoundsMs;
        for (int i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank) return i < bounds.Count ? bounds[i] : bounds[^1];
        }
        return bounds[^1];
    }

    private static string ModuleName(int module) =>
        module == ServerMetrics.UnknownOp ? "unknown"
            : Enum.IsDefined((ModuleType)module) ? Protocol.Generators.ProtocolText.SnakeCase(((ModuleType)module).ToString())
            : module.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
