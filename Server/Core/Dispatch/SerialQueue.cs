using System.Collections.Concurrent;
using NLog;

namespace SocialGame.Core.Dispatch;

/// <summary>
/// Runs items one at a time, in the order they were added. No thread or task is held while the queue is
/// empty, so an idle connection costs only this object. The item that finds the queue idle starts on the
/// caller's thread (the connection's event loop) and runs there until its first wait that does not complete
/// at once (typically its first Redis call); the rest continues on the thread pool. This saves a thread
/// hand-off per request, so <c>process</c> must never block. An item that does not complete at once is
/// followed with one continuation kept for the queue's life, so waiting for it allocates nothing.
/// </summary>
public sealed class SerialQueue<T>
{
    private static readonly Logger Log = LogManager.GetLogger("SocialGame.Core.Dispatch.SerialQueue");
    private readonly ConcurrentQueue<T> _items = new();
    private readonly Func<T, Task> _process;
    private readonly int _capacity;
    private readonly Action _resume;
    private Task? _waiting;
    private int _count;
    private int _running;

    public SerialQueue(Func<T, Task> process, int capacity)
    {
        _process = process;
        _capacity = capacity;
        _resume = Resume;
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>False when <c>capacity</c> items are already waiting.</summary>
    public bool TryEnqueue(T item)
    {
        if (Interlocked.Increment(ref _count) > _capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }
        // An idle queue runs the item at once, without passing it through the queue: nothing is waiting ahead of it.
        if (_items.IsEmpty && Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            if (!_items.IsEmpty) _items.Enqueue(item); // one added meanwhile, whose adder left the running to us, goes first
            else if (!Run(item)) return true;
            Drain();
            return true;
        }
        _items.Enqueue(item);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
            Drain();
        return true;
    }

    /// <summary>Runs items until the queue is empty or one waits; then <see cref="Resume"/> goes on when it completes.</summary>
    private void Drain()
    {
        while (true)
        {
            while (_items.TryDequeue(out var item))
                if (!Run(item)) return;
            Volatile.Write(ref _running, 0);
            if (_items.IsEmpty || Interlocked.CompareExchange(ref _running, 1, 0) != 0) return;
        }
    }

    /// <summary>Runs one item: true when it completed at once; false when it waits (<see cref="Resume"/> then goes on).</summary>
    private bool Run(T item)
    {
        Task task;
        try
        {
            task = _process(item);
        }
        catch (Exception ex)
        {
            task = Task.FromException(ex);
        }
        if (!task.IsCompleted)
        {
            _waiting = task;
            task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_resume);
            return false;
        }
        Finish(task);
        return true;
    }

    private void Resume()
    {
        var task = _waiting!;
        _waiting = null;
        Finish(task);
        Drain();
    }

    private void Finish(Task task)
    {
        // process is expected to handle its own failures; one that escapes must not stall the queue
        if (!task.IsCompletedSuccessfully) Log.Error(task.Exception?.GetBaseException(), "serial queue item failed");
        Interlocked.Decrement(ref _count);
    }
}
