using System.Collections.Concurrent;
using NLog;

namespace SocialGame.Core.Dispatch;

/// <summary>
/// Runs items one at a time, in the order they were added. No thread or task is held while the queue is
/// empty, so an idle connection costs only this object. The item that finds the queue idle starts on the
/// caller's thread (the connection's event loop) and runs there until its first wait that does not complete
/// at once (typically its first Redis call); the rest continues on the thread pool. This saves a thread
/// hand-off per request, so <c>process</c> must never block.
/// </summary>
public sealed class SerialQueue<T>(Func<T, Task> process, int capacity)
{
    private static readonly Logger Log = LogManager.GetLogger("SocialGame.Core.Dispatch.SerialQueue");
    private readonly ConcurrentQueue<T> _items = new();
    private int _count;
    private int _running;

    public int Count => Volatile.Read(ref _count);

    /// <summary>False when <paramref name="capacity"/> items are already waiting.</summary>
    public bool TryEnqueue(T item)
    {
        if (Interlocked.Increment(ref _count) > capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }
        _items.Enqueue(item);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
            _ = DrainAsync();
        return true;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            while (_items.TryDequeue(out var item))
            {
                try
                {
                    await process(item).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    // process is expected to handle its own failures; one that escapes must not stall the queue
                    Log.Error(ex, "serial queue item failed");
                }
                finally
                {
                    Interlocked.Decrement(ref _count);
                }
            }
            Volatile.Write(ref _running, 0);
            if (_items.IsEmpty || Interlocked.CompareExchange(ref _running, 1, 0) != 0) return;
        }
    }
}
