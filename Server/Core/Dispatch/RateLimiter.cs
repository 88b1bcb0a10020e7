using System.Diagnostics;
using SocialGame.Core.Options;

namespace SocialGame.Core.Dispatch;

public enum RateDecision
{
    Allow,
    /// <summary>Answer click_too_fast without reaching the module.</summary>
    Reject,
    /// <summary>Far over the limit: close the connection.</summary>
    Close,
}

/// <summary>
/// Per-connection token bucket (rate, burst) plus optional per-opid minimum intervals. Not thread-safe:
/// one instance per connection, used only on that connection's event loop.
/// </summary>
public sealed class RateLimiter
{
    private static readonly long Minute = Stopwatch.Frequency * 60;
    private readonly double _ratePerTick;
    private readonly double _burst;
    private readonly int _closeAfter;
    private readonly IReadOnlyDictionary<(int, int), long> _minIntervalTicks;
    private readonly Dictionary<(int, int), long> _lastByOp = [];
    private double _tokens;
    private long _last;
    private long _windowStart;
    private int _rejectedInWindow;

    public RateLimiter(RateLimitOptions options, IReadOnlyDictionary<(int, int), long> minIntervalTicks, long nowTicks)
    {
        _ratePerTick = options.RatePerSecond / Stopwatch.Frequency;
        _burst = options.Burst;
        _closeAfter = options.CloseAfterRejected;
        _minIntervalTicks = minIntervalTicks;
        _tokens = _burst;
        _last = nowTicks;
        _windowStart = nowTicks;
    }

    /// <summary>Minimum intervals from configuration, in stopwatch ticks.</summary>
    public static IReadOnlyDictionary<(int, int), long> IntervalTicks(RateLimitOptions options) =>
        options.MinIntervalMs.ToDictionary(kv => RateLimitOptions.ParseKey(kv.Key)!.Value, kv => kv.Value * Stopwatch.Frequency / 1000);

    public RateDecision Check(int module, int opid, long nowTicks)
    {
        _tokens = Math.Min(_burst, _tokens + (nowTicks - _last) * _ratePerTick);
        _last = nowTicks;
        bool allowed = _tokens >= 1;
        if (allowed && _minIntervalTicks.Count > 0 && _minIntervalTicks.TryGetValue((module, opid), out long min))
        {
            if (_lastByOp.TryGetValue((module, opid), out long previous) && nowTicks - previous < min) allowed = false;
            else _lastByOp[(module, opid)] = nowTicks;
        }
        if (allowed)
        {
            _tokens -= 1;
            return RateDecision.Allow;
        }
        if (nowTicks - _windowStart > Minute)
        {
            _windowStart = nowTicks;
            _rejectedInWindow = 0;
        }
        return ++_rejectedInWindow > _closeAfter ? RateDecision.Close : RateDecision.Reject;
    }
}
