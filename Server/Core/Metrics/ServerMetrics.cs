using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using SocialGame.Core.Dispatch;
using SocialGame.Protocol.Catalog;

namespace SocialGame.Core.Metrics;

/// <summary>
/// Counters and the handler latency histogram, rendered in the Prometheus text format by the admin
/// endpoint. A request is counted on its operation's <see cref="RequestSeries"/> (resolved once per operation) and
/// the latency histogram, both striped per processor, so the request path makes no lookup and shares no counter
/// between cores. No label value comes from what a client sends: operations without a handler share one label,
/// reasons come from fixed lists.
/// </summary>
public sealed class ServerMetrics
{
    /// <summary>The module and opid label of requests for an operation that has no handler.</summary>
    public const int UnknownOp = int.MinValue;
    private static readonly double[] BucketsMs = [0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 5000];
    private static readonly Dictionary<string, int> CloseReasons =
        KickReason.All.Select((r, i) => (r.Reason, i)).ToDictionary(x => x.Reason, x => x.i, StringComparer.Ordinal);

    // the latency histogram's slots: one per bucket and +Inf, then the sum in microseconds (the count is the buckets' total)
    private static readonly int LatencySum = BucketsMs.Length + 1;
    private readonly ConcurrentDictionary<(int Module, int OpId), RequestSeries> _series = new();
    private readonly StripedCounters _latency = new(BucketsMs.Length + 2);
    private readonly long[] _refused = new long[Enum.GetValues<ConnectionCap>().Length];
    // one slot per kick reason, the last for a reason outside the list
    private readonly long[] _closes = new long[KickReason.All.Count + 1];
    private long _accepted, _pushLocal, _pushRemote, _pushOffline, _redisErrors, _protocolViolations, _rateLimited, _kicks,
        _slowConsumers, _deadLetters;

    public Func<int> ConnectionCount { get; set; } = () => 0;
    public Func<int> LoggedInCount { get; set; } = () => 0;
    public Func<int> NotLoggedInCount { get; set; } = () => 0;

    /// <summary>
    /// The counters of operation (<paramref name="module"/>, <paramref name="opid"/>), to resolve once and count on: only for
    /// the catalogue's operations, resolved at start-up (a request's own numbers go to the unknown series, never here).
    /// </summary>
    public RequestSeries Series(int module, int opid) => _series.GetOrAdd((module, opid), static k => new RequestSeries(k.Module, k.OpId));

    public void Request(RequestSeries series, int result, double elapsedMs)
    {
        series.Count(result);
        int i = 0;
        while (i < BucketsMs.Length && elapsedMs > BucketsMs[i]) i++;
        _latency.Record(i, LatencySum, (long)(elapsedMs * 1000));
    }

    public void PushLocal() => Interlocked.Increment(ref _pushLocal);
    public void PushRemote() => Interlocked.Increment(ref _pushRemote);
    public void PushOffline() => Interlocked.Increment(ref _pushOffline);
    public void RedisError() => Interlocked.Increment(ref _redisErrors);
    public void ProtocolViolation() => Interlocked.Increment(ref _protocolViolations);
    public void RateLimited() => Interlocked.Increment(ref _rateLimited);
    public void Kick() => Interlocked.Increment(ref _kicks);
    public void SlowConsumer() => Interlocked.Increment(ref _slowConsumers);
    public void DeadLetter() => Interlocked.Increment(ref _deadLetters);
    public void ConnectionAccepted() => Interlocked.Increment(ref _accepted);
    public void ConnectionRefused(ConnectionCap cap) => Interlocked.Increment(ref _refused[(int)cap]);

    /// <summary>A close the server decided, by its kick reason.</summary>
    public void Closed(string reason) => Interlocked.Increment(ref _closes[CloseReasons.GetValueOrDefault(reason, _closes.Length - 1)]);

    public long RateLimitedCount => Interlocked.Read(ref _rateLimited);

    public long RequestCount(int module, int opid, int result) =>
        _series.TryGetValue((module, opid), out var series) ? series.Get(result) : 0;

    /// <summary>The handler latency histogram's upper bounds in milliseconds (the last slot of <see cref="LatencyCounts"/> is above
    /// them).</summary>
    public static IReadOnlyList<double> LatencyBoundsMs => BucketsMs;

    /// <summary>Requests answered so far, by module number (operations without a handler: <see cref="UnknownOp"/>).</summary>
    public Dictionary<int, long> RequestsByModule() =>
        _series.Values.GroupBy(s => s.Module).ToDictionary(g => g.Key, g => g.Sum(s => s.Answered().Sum(a => a.Count)));

    /// <summary>Requests so far per latency bucket (not cumulative), the last one above every bound.</summary>
    public long[] LatencyCounts() => Enumerable.Range(0, BucketsMs.Length + 1).Select(i => _latency.Sum(i)).ToArray();

    public long RedisErrorCount => Interlocked.Read(ref _redisErrors);

    public string RenderPrometheus()
    {
        var sb = new StringBuilder(2048);
        Gauge(sb, "socialgame_connections", "Open client connections.", ConnectionCount());
        Gauge(sb, "socialgame_logged_in", "Logged-in sessions on this node.", LoggedInCount());
        Gauge(sb, "socialgame_not_logged_in", "Open connections not logged in yet.", NotLoggedInCount());
        Counter(sb, "socialgame_connections_accepted_total", "Connections admitted as they opened.", _accepted);
        sb.Append("# HELP socialgame_connections_refused_total Connections refused as they opened, by the cap they would pass.\n" +
            "# TYPE socialgame_connections_refused_total counter\n");
        foreach (var cap in Enum.GetValues<ConnectionCap>())
            sb.Append(CultureInfo.InvariantCulture,
                $"socialgame_connections_refused_total{{cap=\"{Protocol.Generators.ProtocolText.SnakeCase(cap.ToString())}\"}} " +
                    $"{Interlocked.Read(ref _refused[(int)cap])}\n");
        sb.Append("# HELP socialgame_server_closes_total Connections the server closed (after a kicked push), by reason.\n" +
            "# TYPE socialgame_server_closes_total counter\n");
        for (int i = 0; i < _closes.Length; i++)
            sb.Append(CultureInfo.InvariantCulture,
                $"socialgame_server_closes_total{{reason=\"{(i < KickReason.All.Count ? KickReason.All[i].Reason : "other")}\"}} " +
                    $"{Interlocked.Read(ref _closes[i])}\n");
        sb.Append(
            "# HELP socialgame_requests_total Requests answered, by module, opid and result (operations without a handler: unknown).\n" +
            "# TYPE socialgame_requests_total counter\n");
        foreach (var series in _series.Values.OrderBy(s => (s.Module, s.OpId)))
            foreach (var (r, count) in series.Answered())
                sb.Append(CultureInfo.InvariantCulture,
                    $"socialgame_requests_total{{module=\"{Label(series.Module)}\",opid=\"{Label(series.OpId)}\",result=\"{r}\"}} " +
                        $"{count}\n");
        sb.Append("# HELP socialgame_handler_seconds Handler latency.\n# TYPE socialgame_handler_seconds histogram\n");
        long cumulative = 0;
        for (int i = 0; i < BucketsMs.Length; i++)
        {
            cumulative += _latency.Sum(i);
            sb.Append(CultureInfo.InvariantCulture, $"socialgame_handler_seconds_bucket{{le=\"{BucketsMs[i] / 1000}\"}} {cumulative}\n");
        }
        cumulative += _latency.Sum(BucketsMs.Length);
        sb.Append(CultureInfo.InvariantCulture, $"socialgame_handler_seconds_bucket{{le=\"+Inf\"}} {cumulative}\n");
        sb.Append(CultureInfo.InvariantCulture, $"socialgame_handler_seconds_sum {_latency.Sum(LatencySum) / 1e6}\n");
        sb.Append(CultureInfo.InvariantCulture, $"socialgame_handler_seconds_count {cumulative}\n");
        sb.Append("# HELP socialgame_pushes_total Pushes by route.\n# TYPE socialgame_pushes_total counter\n");
        sb.Append(CultureInfo.InvariantCulture, $"socialgame_pushes_total{{route=\"local\"}} {Interlocked.Read(ref _pushLocal)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"socialgame_pushes_total{{route=\"remote\"}} {Interlocked.Read(ref _pushRemote)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"socialgame_pushes_total{{route=\"offline\"}} {Interlocked.Read(ref _pushOffline)}\n");
        Counter(sb, "socialgame_redis_errors_total", "Requests that failed on Redis.", _redisErrors);
        Counter(sb, "socialgame_protocol_violations_total", "Connections closed for a malformed frame.", _protocolViolations);
        Counter(sb, "socialgame_rate_limited_total", "Requests answered click_too_fast by the rate limiter.", _rateLimited);
        Counter(sb, "socialgame_kicks_total", "Sessions kicked (relogin, gm).", _kicks);
        Counter(sb, "socialgame_slow_consumers_total", "Connections closed because they stopped reading.", _slowConsumers);
        Counter(sb, "socialgame_dead_letters_total", "Events given up after retries or unreadable.", _deadLetters);
        sb.Append("# HELP socialgame_gc_collections_total Garbage collections, by generation.\n" +
            "# TYPE socialgame_gc_collections_total counter\n");
        for (int gen = 0; gen <= GC.MaxGeneration; gen++)
            sb.Append(CultureInfo.InvariantCulture, $"socialgame_gc_collections_total{{gen=\"{gen}\"}} {GC.CollectionCount(gen)}\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"# HELP socialgame_gc_pause_seconds_total Time the runtime was paused for garbage collection.\n" +
                $"# TYPE socialgame_gc_pause_seconds_total counter\n" +
                $"socialgame_gc_pause_seconds_total {GC.GetTotalPauseDuration().TotalSeconds}\n");
        Counter(sb, "socialgame_allocated_bytes_total", "Bytes allocated on the managed heap (what drives the collections).",
            GC.GetTotalAllocatedBytes());
        return sb.ToString();
    }

    private static string Label(int value) => value == UnknownOp ? "unknown" : value.ToString(CultureInfo.InvariantCulture);

    private static void Gauge(StringBuilder sb, string name, string help, long value) =>
        sb.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n");

    private static void Counter(StringBuilder sb, string name, string help, long value) =>
        sb.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n{name} {Interlocked.Read(ref value)}\n");
}
