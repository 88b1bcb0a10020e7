using NLog;
using NLog.Targets;

namespace SocialGame.Tests;

/// <summary>
/// Keeps the newest rendered lines in memory for assertions. Unlike NLog's MemoryTarget, reading a snapshot while
/// servers in the same test process are still writing is safe: writes and snapshots take one lock.
/// </summary>
public sealed class LinesTarget : TargetWithLayout
{
    private readonly Queue<string> _lines = new();
    private readonly object _gate = new();

    public LinesTarget(string name) => Name = name;

    public int MaxLines { get; init; } = 10_000;

    /// <summary>The lines kept, oldest first.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate) return _lines.ToList();
    }

    protected override void Write(LogEventInfo logEvent)
    {
        string line = RenderLogEvent(Layout, logEvent);
        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > MaxLines) _lines.Dequeue();
        }
    }
}
