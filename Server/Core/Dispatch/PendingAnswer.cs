using System.Threading.Tasks.Sources;

namespace SocialGame.Core.Dispatch;

/// <summary>
/// The end of a connection's request whose handler waits (typically on Redis): once the handler's task completes, the
/// dispatcher answers it, then the connection's queue goes on. One per connection, reused by every such request (the queue
/// runs them one at a time), so a waiting handler costs no state machine between it and the queue, which awaits this as a
/// <see cref="ValueTask"/>.
/// </summary>
internal sealed class PendingAnswer : IValueTaskSource
{
    private readonly Action _completed;
    private ManualResetValueTaskSourceCore<bool> _core;
    private Dispatcher? _dispatcher;
    private RequestContext? _context;
    private Route _route;
    private Task? _pending;
    private AccountLocks.Releaser? _held;
    private long _start;

    public PendingAnswer() => _completed = Completed;

    /// <summary>Answers the request once <paramref name="pending"/> completes (releasing <paramref name="held"/>, if taken).</summary>
    public ValueTask Await(Dispatcher dispatcher, RequestContext context, Route route, Task pending, AccountLocks.Releaser? held,
        long start)
    {
        _core.Reset();
        (_dispatcher, _context, _route, _pending, _held, _start) = (dispatcher, context, route, pending, held, start);
        short version = _core.Version;
        // a task completing meanwhile runs this on the thread pool, never inline here
        pending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_completed);
        return new ValueTask(this, version);
    }

    private void Completed()
    {
        var (dispatcher, context, route, pending, held, start) = (_dispatcher!, _context!, _route, _pending!, _held, _start);
        (_dispatcher, _context, _route, _pending, _held) = (null, null, default, null, null);
        dispatcher.Complete(context, route, pending, held, start);
        // the queue's continuation runs here, on this thread, and may start the next request (and reuse this object)
        _core.SetResult(true);
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
