using System.Collections.Concurrent;
using NLog;

namespace SocialGame.Core.Dispatch;

/// <summary>
/// Runs items one at a time, in the order they were added. No thread or task is held while the queue is
/// empty, so an idle connection costs only this object. The item that finds the queue idle starts on the
/// caller's thread (the connection's event loop) and runs there until its first wait that does not complete
/// at once (typically its first Redis call); the rest continues on the thread pool. This saves a thread
/// hand-off per request, so <c>process</c> must never block. An item that does not complete at once is
/// followed with one continuation kept for the queue's life, so waiting for it allocates nothing (nor does the item's
/// own <see cref="ValueTask"/>, when a reusable source backs it).
/// One count decides everything: the items not yet finished (running or waiting). The adder that raises it from
/// zero runs its item at once, without passing it through the queue; the others queue theirs; whoever finishes an
/// item and leaves the count above zero takes the next one.
/// </summary>
public sealed class SerialQueue<T>
{
    private static readonly Logger Log = LogManager.GetLogger("SocialGame.Core.Dispatch.SerialQueue");
    private readonly ConcurrentQueue<T> _items = new();
    private readonly Func<T, ValueTask> _process;
    private readonly int _capacity;
    private readonly Action _resume;
    private ValueTask _waiting;
    private int _count;

    public SerialQueue(Func<T, ValueTask> process, int capacity)
    {
        _process = process;
        _capacity = capacity;
        _resume = Resume;
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>False when <c>capacity</c> items are already waiting.</summary>
    public bool TryEnqueue(T item)
    {
        int count = Volatile.Read(ref _count);
        while (true)
        {
            if (count >= _capacity) return false;
            int seen = Interlocked.CompareExchange(ref _count, count + 1, count);
            if (seen == count) break;
            count = seen;
        }
        if (count > 0)
        {
            // the running item's finisher takes it (and waits the moment between the count and this, if it must)
            _items.Enqueue(item);
            return true;
        }
        if (Run(item)) RunNext();
        return true;
    }

    /// <summary>
    /// An item finished: runs the next ones while they complete at once, until none is left or one waits (then
    /// <see cref="Resume"/> goes on when it completes).
    /// </summary>
    private void RunNext()
    {
        while (Interlocked.Decrement(ref _count) > 0)
        {
            T item;
            // counted by its adder just before it is queued
            var spin = new SpinWait();
            while (!_items.TryDequeue(out item!)) spin.SpinOnce(sleep1Threshold: -1);
            if (!Run(item)) return;
        }
    }

    /// <summary>Runs one item: true when it completed at once; false when it waits (<see cref="Resume"/> then goes on).</summary>
    private bool Run(T item)
    {
        ValueTask task;
        try
        {
            task = _process(item);
        }
        catch (Exception ex)
        {
            task = ValueTask.FromException(ex);
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
        var task = _waiting;
        _waiting = default;
        Finish(task);
        RunNext();
    }

    /// <summary>Takes the completed item's result (once, as a value task's source requires).</summary>
    private static void Finish(ValueTask task)
    {
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            // process is expected to handle its own failures; one that escapes must not stall the queue
            Log.Error(ex, "serial queue item failed");
        }
    }
}
