using SocialGame.Core.Time;

namespace SocialGame.Core.Logging;

/// <summary>
/// Keeps a log entry that players can cause at will (a non-GM's GM attempt) to a few per key and window:
/// the first <c>perWindow</c> occurrences of a key in a window are written, later ones are only counted, and
/// the count is written with the key's next entry or, once the window is over, by whoever calls
/// <see cref="TakeSummaries"/>. At most <c>maxKeys</c> keys are tracked at once; occurrences of further keys
/// share the key <see cref="Overflow"/>, so a flood of new keys cannot grow it either. Thread-safe.
/// </summary>
public sealed class LogThrottle(int perWindow, TimeSpan window, int maxKeys, IClock clock)
{
    /// <summary>The key of occurrences counted while <c>maxKeys</c> other keys were tracked.</summary>
    public const string Overflow = "*";

    private readonly Dictionary<string, Entry> _keys = new(StringComparer.Ordinal);
    private readonly long _windowMs = (long)window.TotalMilliseconds;

    public TimeSpan Window => window;

    /// <summary>
    /// Whether to write this occurrence of <paramref name="key"/> (false: it was counted). When true,
    /// <paramref name="suppressed"/> is how many occurrences were counted, not written, since the key's last entry.
    /// </summary>
    public bool Admit(string key, out long suppressed)
    {
        long now = clock.UnixMilliseconds;
        lock (_keys)
        {
            if (!_keys.TryGetValue(key, out var entry))
            {
                if (_keys.Count >= maxKeys) key = Overflow;
                if (!_keys.TryGetValue(key, out entry)) _keys[key] = entry = new Entry { Start = now };
            }
            if (now - entry.Start >= _windowMs)
            {
                entry.Start = now;
                entry.Written = 0;
            }
            if (entry.Written < perWindow)
            {
                entry.Written++;
                suppressed = entry.Suppressed;
                entry.Suppressed = 0;
                return true;
            }
            entry.Suppressed++;
            suppressed = 0;
            return false;
        }
    }

    /// <summary>
    /// Forgets the keys whose window is over (with <paramref name="all"/>, every key) and returns those of them
    /// with occurrences not yet written (to be written as one summary entry each).
    /// </summary>
    public List<(string Key, long Suppressed)> TakeSummaries(bool all = false)
    {
        long now = clock.UnixMilliseconds;
        var summaries = new List<(string, long)>();
        lock (_keys)
        {
            foreach (var (key, entry) in _keys.Where(k => all || now - k.Value.Start >= _windowMs).ToList())
            {
                if (entry.Suppressed > 0) summaries.Add((key, entry.Suppressed));
                _keys.Remove(key);
            }
        }
        return summaries;
    }

    /// <summary>Keys tracked now (at most <c>maxKeys</c> + 1).</summary>
    public int Count
    {
        get
        {
            lock (_keys) return _keys.Count;
        }
    }

    private sealed class Entry
    {
        public long Start;
        public int Written;
        public long Suppressed;
    }
}
