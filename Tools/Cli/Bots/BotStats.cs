using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HdrHistogram;

namespace SocialGame.Tools.Bots;

/// <summary>What the bots measured: per operation a latency histogram (microseconds) and result codes; pushes; lost connections.</summary>
public sealed class BotStats
{
    private const long MaxMicros = 60_000_000;
    private ConcurrentDictionary<string, OpStats> _ops = new();
    private LongConcurrentHistogram _interval = NewHistogram();
    private LongConcurrentHistogram _sendLag = NewHistogram();
    private long _intervalRequests;
    private long _intervalErrors;
    private long _pushes;
    private long _lost;
    private long _requests;
    private BotGc _gcAtStart = BotGc.Now();
    private BotGc? _gcAtEnd;

    public long Requests => Interlocked.Read(ref _requests);

    private static LongConcurrentHistogram NewHistogram() => new(1, MaxMicros, 3);

    public void Record(string op, long micros, int result)
    {
        micros = Math.Clamp(micros, 1, MaxMicros);
        var s = Volatile.Read(ref _ops).GetOrAdd(op, _ => new OpStats());
        s.Latency.RecordValue(micros);
        s.Results.AddOrUpdate(result, 1, (_, n) => n + 1);
        Volatile.Read(ref _interval).RecordValue(micros);
        Interlocked.Increment(ref _intervalRequests);
        Interlocked.Increment(ref _requests);
        if (result != 0) Interlocked.Increment(ref _intervalErrors);
    }

    /// <summary>
    /// Open loop: how late a step started after its scheduled time (the bots' own lateness, counted in every
    /// latency too since latency runs from the scheduled time).
    /// </summary>
    public void SendLag(long micros) => Volatile.Read(ref _sendLag).RecordValue(Math.Clamp(micros, 1, MaxMicros));

    /// <summary>A request that got no answer (timeout or closed connection).</summary>
    public void Failed(string op, string why)
    {
        var s = Volatile.Read(ref _ops).GetOrAdd(op, _ => new OpStats());
        s.Failures.AddOrUpdate(why, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _intervalErrors);
    }

    /// <summary>Forgets what was measured so far (the end of a warm-up); lost connections are kept.</summary>
    public void Reset()
    {
        Volatile.Write(ref _ops, new ConcurrentDictionary<string, OpStats>());
        Volatile.Write(ref _sendLag, NewHistogram());
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _pushes, 0);
        _gcAtStart = BotGc.Now();
        _gcAtEnd = null;
    }

    /// <summary>Ends the measured time: the table and the JSON then report the same collections, those made while measuring.</summary>
    public void EndMeasuring() => _gcAtEnd = BotGc.Now();

    private BotGc MeasuredGc => (_gcAtEnd ?? BotGc.Now()) - _gcAtStart;

    public void Push() => Interlocked.Increment(ref _pushes);
    public void Lost() => Interlocked.Increment(ref _lost);

    /// <summary>The progress line of the last interval, and resets the interval.</summary>
    public string Progress(TimeSpan elapsed, double seconds)
    {
        var h = Interlocked.Exchange(ref _interval, NewHistogram());
        long n = Interlocked.Exchange(ref _intervalRequests, 0);
        long errors = Interlocked.Exchange(ref _intervalErrors, 0);
        double p99 = h.TotalCount > 0 ? h.GetValueAtPercentile(99) / 1000.0 : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{elapsed.TotalSeconds,7:F1}s] {n / seconds,9:F0} req/s  errors {errors,6}  p99 {p99,8:F2} ms  pushes " +
                $"{Interlocked.Read(ref _pushes)}  lost {Interlocked.Read(ref _lost)}");
    }

    public string Table(double seconds)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"{"operation",-16} {"requests",10} {"req/s",10} {"p50 ms",9} {"p90 ms",9} {"p99 ms",9} {"p99.9 ms",9} {"max ms",9}  results");
        foreach (var (op, s) in _ops.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var h = s.Latency;
            string results = string.Join(" ", s.Results.OrderBy(r => r.Key).Select(r => $"{r.Key}:{r.Value}"))
                + (s.Failures.IsEmpty ? "" : "  failed " + string.Join(" ", s.Failures.Select(f => $"{f.Key}:{f.Value}")));
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"{op,-16} {h.TotalCount,10} {h.TotalCount / seconds,10:F0} {Ms(h, 50),9:F2} {Ms(h, 90),9:F2} {Ms(h, 99),9:F2} " +
                    $"{Ms(h, 99.9),9:F2} {h.GetMaxValue() / 1000.0,9:F2}  {results}");
        }
        var lag = Volatile.Read(ref _sendLag);
        if (lag.TotalCount > 0)
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"open-loop send lag (bots' own lateness, included above): p50 {Ms(lag, 50):F2} ms, p99 {Ms(lag, 99):F2} ms, max " +
                    $"{lag.GetMaxValue() / 1000.0:F2} ms");
        var gc = MeasuredGc;
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"the bots' own garbage collections (their pauses hold up answers, so they are in the latencies above too): {gc.Gen0} gen0, " +
                $"{gc.Gen1} gen1, {gc.Gen2} gen2, {gc.PauseMs:F1} ms paused");
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"pushes received {Interlocked.Read(ref _pushes)}, connections lost {Interlocked.Read(ref _lost)}");
        if (Throttled() is { } warning) sb.AppendLine(warning);
        return sb.ToString();
    }

    /// <summary>
    /// When most answers were click_too_fast the numbers measure the server's per-connection rate limit, not the
    /// server: says so, and how to start a server with the load-test configuration.
    /// </summary>
    public string? Throttled()
    {
        long all = 0, throttled = 0;
        foreach (var s in _ops.Values)
            foreach (var (code, count) in s.Results)
            {
                all += count;
                if (code == (int)Protocol.ResultCode.ClickTooFast) throttled += count;
            }
        if (all == 0 || throttled * 2 <= all) return null;
        string share = string.Create(CultureInfo.InvariantCulture, $"{throttled} of {all} answers ({100.0 * throttled / all:F0}%)");
        return $"WARNING: {share} were click_too_fast (3): the server's per-connection rate limit " +
            "(Config/server.json rateLimit) answered them, so these numbers measure the limit, not the server. Load-test a server " +
            "started with the load-test configuration: dotnet Tools/Cli/bin/Release/net10.0/SocialGame.Tools.dll benchconfig --out " +
            ".data/bench/config, then SOCIALGAME_CONFIG=.data/bench/config ./run.sh";
    }

    public string Json(BotOptions options, double seconds)
    {
        var gc = MeasuredGc;
        return JsonSerializer.Serialize(new
        {
            options.Scenario,
            options.Bots,
            options.Rate,
            seconds,
            pushes = Interlocked.Read(ref _pushes),
            connectionsLost = Interlocked.Read(ref _lost),
            botsGc = new { gen0 = gc.Gen0, gen1 = gc.Gen1, gen2 = gc.Gen2, pauseMs = gc.PauseMs },
            sendLag = Volatile.Read(ref _sendLag) is { TotalCount: > 0 } lag
                ? new { p50Ms = Ms(lag, 50), p99Ms = Ms(lag, 99), maxMs = lag.GetMaxValue() / 1000.0 }
                : null,
            operations = _ops.OrderBy(o => o.Key, StringComparer.Ordinal).ToDictionary(o => o.Key, o => new
            {
                requests = o.Value.Latency.TotalCount,
                perSecond = o.Value.Latency.TotalCount / seconds,
                p50Ms = Ms(o.Value.Latency, 50),
                p90Ms = Ms(o.Value.Latency, 90),
                p99Ms = Ms(o.Value.Latency, 99),
                p999Ms = Ms(o.Value.Latency, 99.9),
                maxMs = o.Value.Latency.GetMaxValue() / 1000.0,
                results = o.Value.Results.ToDictionary(r => r.Key.ToString(CultureInfo.InvariantCulture), r => r.Value),
                failures = o.Value.Failures.ToDictionary(f => f.Key, f => f.Value),
            }),
        }, new JsonSerializerOptions { WriteIndented = true });
    }

    private static double Ms(HistogramBase h, double percentile) => h.TotalCount == 0 ? 0 : h.GetValueAtPercentile(percentile) / 1000.0;

    private sealed class OpStats
    {
        public LongConcurrentHistogram Latency { get; } = NewHistogram();
        public ConcurrentDictionary<int, long> Results { get; } = new();
        public ConcurrentDictionary<string, long> Failures { get; } = new();
    }
}

/// <summary>The bots' own garbage collections: counts per generation and the total pause, since a start.</summary>
public readonly record struct BotGc(int Gen0, int Gen1, int Gen2, double PauseMs)
{
    public static BotGc Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
        GC.GetTotalPauseDuration().TotalMilliseconds);

    public static BotGc operator -(BotGc a, BotGc b) => new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.PauseMs - b.PauseMs);
}
