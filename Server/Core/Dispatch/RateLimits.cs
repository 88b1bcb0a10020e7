using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using SocialGame.Core.Options;

namespace SocialGame.Core.Dispatch;

/// <summary>
/// This node's rate-limit state: a request limiter per connection before login and per account after it (kept
/// across the account's reconnects until it is as good as new), and the login buckets per client IP and per
/// account. Everything is in memory on this node; see README "Connections and rate limits" for why.
/// </summary>
public sealed class RateLimits(RateLimitOptions options)
{
    private readonly RateLimitPolicy _policy = new(options);
    private readonly ConcurrentDictionary<string, RateLimiter> _accounts = new(StringComparer.Ordinal);
    private readonly KeyedBuckets<IPAddress> _loginsByIp = new(options.LoginsPerIpPerMinute, null);
    private readonly KeyedBuckets<string> _loginsByAccount = new(options.LoginsPerAccountPerMinute, StringComparer.Ordinal);

    /// <summary>Accounts whose request limiter is remembered.</summary>
    public int AccountCount => _accounts.Count;

    public RateLimiter ForConnection() => new(_policy, Stopwatch.GetTimestamp());

    /// <summary>The account's limiter (once per login, not per request): a reconnect finds the bucket it left.</summary>
    public RateLimiter ForAccount(string account) =>
        _accounts.GetOrAdd(account, static (_, policy) => new RateLimiter(policy, Stopwatch.GetTimestamp()), _policy);

    /// <summary>Takes one login attempt of <paramref name="ip"/>; false when it is over its rate.</summary>
    public bool TryLogin(IPAddress ip) => _loginsByIp.TryTake(ip, Stopwatch.GetTimestamp());

    /// <summary>Takes one login of <paramref name="account"/>; false when it is over its rate.</summary>
    public bool TryLogin(string account) => _loginsByAccount.TryTake(account, Stopwatch.GetTimestamp());

    /// <summary>Forgets what is as good as new; returns how many entries it dropped.</summary>
    public int Sweep()
    {
        long now = Stopwatch.GetTimestamp();
        int dropped = 0;
        foreach (var entry in _accounts)
            if (entry.Value.IsQuiet(now) && _accounts.TryRemove(entry)) dropped++;
        return dropped + _loginsByIp.Sweep(now) + _loginsByAccount.Sweep(now);
    }
}

/// <summary>Token buckets of <c>perMinute</c> tokens refilling over a minute, one per key, created on first use.</summary>
internal sealed class KeyedBuckets<TKey>(int perMinute, IEqualityComparer<TKey>? comparer) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Bucket> _buckets = new(comparer);
    private readonly double _perTick = perMinute / (double)RateLimitPolicy.Minute;

    public int Count => _buckets.Count;

    public bool TryTake(TKey key, long now)
    {
        while (true)
        {
            var bucket = _buckets.GetOrAdd(key, static (_, s) => new Bucket(s.Burst, s.Now), (Burst: (double)perMinute, Now: now));
            lock (bucket)
            {
                if (bucket.Dropped) continue; // swept between the look-up and the lock: take from its successor
                bucket.Tokens = Math.Min(perMinute, bucket.Tokens + Math.Max(0, now - bucket.Last) * _perTick);
                bucket.Last = Math.Max(bucket.Last, now);
                if (bucket.Tokens < 1) return false;
                bucket.Tokens -= 1;
                return true;
            }
        }
    }

    /// <summary>Drops the buckets that have refilled (a new one would be the same).</summary>
    public int Sweep(long now)
    {
        int dropped = 0;
        foreach (var entry in _buckets)
        {
            lock (entry.Value)
            {
                if (entry.Value.Tokens + (now - entry.Value.Last) * _perTick < perMinute) continue;
                entry.Value.Dropped = true;
            }
            if (_buckets.TryRemove(entry)) dropped++;
        }
        return dropped;
    }

    private sealed class Bucket(double tokens, long last)
    {
        public double Tokens = tokens;
        public long Last = last;
        public bool Dropped;
    }
}
