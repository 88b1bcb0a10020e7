using System.Collections.Frozen;
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

/// <summary><see cref="RateLimitOptions"/> in stopwatch ticks, computed once.</summary>
public sealed class RateLimitPolicy
{
    public static readonly long Minute = Stopwatch.Frequency * 60;

    public RateLimitPolicy(RateLimitOptions options)
    {
        RatePerTick = options.RatePerSecond / Stopwatch.Frequency;
        Burst = options.Burst;
        CloseAfter = options.CloseAfterRejected;
        MinIntervalTicks = options.MinIntervalMs.ToFrozenDictionary(kv => RateLimitOptions.ParseKey(kv.Key)!.Value,
            kv => kv.Value * Stopwatch.Frequency / 1000);
        foreach (var (module, _) in MinIntervalTicks.Keys)
            _modulesWithInterval |= (uint)module < 64 ? 1UL << module : 0;
        long refill = (long)Math.Ceiling(Burst / RatePerTick);
        QuietTicks = Math.Max(Minute, Math.Max(refill, MinIntervalTicks.Values.DefaultIfEmpty(0).Max()));
    }

    public double RatePerTick { get; }
    public double Burst { get; }
    public int CloseAfter { get; }
    public FrozenDictionary<(int, int), long> MinIntervalTicks { get; }

    // bit m: module m (below 64) has an operation with a minimum interval; most requests need no look-up
    private readonly ulong _modulesWithInterval;

    /// <summary>The operation's minimum interval in stopwatch ticks, if it has one.</summary>
    public bool TryMinInterval(int module, int opid, out long ticks)
    {
        if ((uint)module < 64 && (_modulesWithInterval & (1UL << module)) == 0)
        {
            ticks = 0;
            return false;
        }
        return MinIntervalTicks.TryGetValue((module, opid), out ticks);
    }

    /// <summary>
    /// After this long without a request a limiter is as good as new (bucket full, rejection window and minimum
    /// intervals passed), so forgetting it changes nothing.
    /// </summary>
    public long QuietTicks { get; }
}

/// <summary>
/// A token bucket (rate, burst), optional per-opid minimum intervals and the count of rejections per minute.
/// One instance per connection before login, then one per account shared by the account's connections on this
/// node; <see cref="Check"/> is therefore thread-safe: a spin lock (one compare-exchange to take it, a store to leave it)
/// around a few arithmetic steps, taken by two threads at once only when one account sends on two connections at once.
/// </summary>
public sealed class RateLimiter(RateLimitPolicy policy, long nowTicks)
{
    private int _busy;
    private Dictionary<(int, int), long>? _lastByOp;
    private double _tokens = policy.Burst;
    private long _last = nowTicks;
    private long _windowStart = nowTicks;
    private int _rejectedInWindow;

    public RateDecision Check(int module, int opid, long nowTicks)
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0) Wait();
        try
        {
            _tokens = Math.Min(policy.Burst, _tokens + Math.Max(0, nowTicks - _last) * policy.RatePerTick);
            _last = Math.Max(_last, nowTicks);
            bool allowed = _tokens >= 1;
            if (allowed && policy.TryMinInterval(module, opid, out long min))
            {
                _lastByOp ??= [];
                if (_lastByOp.TryGetValue((module, opid), out long previous) && nowTicks - previous < min) allowed = false;
                else _lastByOp[(module, opid)] = nowTicks;
            }
            if (allowed)
            {
                _tokens -= 1;
                return RateDecision.Allow;
            }
            if (nowTicks - _windowStart > RateLimitPolicy.Minute)
            {
                _windowStart = nowTicks;
                _rejectedInWindow = 0;
            }
            return ++_rejectedInWindow > policy.CloseAfter ? RateDecision.Close : RateDecision.Reject;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private void Wait()
    {
        var spin = new SpinWait();
        do spin.SpinOnce(sleep1Threshold: -1);
        while (Interlocked.CompareExchange(ref _busy, 1, 0) != 0);
    }

    /// <summary>True when nothing was checked for <see cref="RateLimitPolicy.QuietTicks"/>: the limiter is as good as new.</summary>
    public bool IsQuiet(long nowTicks) => nowTicks - Volatile.Read(ref _last) >= policy.QuietTicks;
}
