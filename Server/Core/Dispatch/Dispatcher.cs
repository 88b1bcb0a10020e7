using System.Buffers;
using System.Collections.Frozen;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using NLog;
using SocialGame.Core.Metrics;
using SocialGame.Core.Sessions;
using SocialGame.Core.Storage;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Wire;

namespace SocialGame.Core.Dispatch;

/// <summary>
/// A request in its connection's queue: to run, or already answered (<see cref="Decided"/>) by the rate limiter or a
/// stop. <see cref="BeforeLogin"/>: it arrived while the connection was not logged in (so the account's limit was not
/// checked; it is when the request runs after a login that was queued ahead of it).
/// </summary>
public readonly record struct QueuedRequest(Envelope Envelope, ResultCode? Decided, bool BeforeLogin);

/// <summary>
/// From a decoded envelope to a written response. On the event loop: the rate limiter, then the connection's
/// serial queue, which every request enters, refused or not, so answers leave in request order whatever decided
/// them. Off the loop, one request at a time per connection (and per account): the login gate, the handler, and
/// the one boundary where an exception becomes a result code. Each operation's handler and metrics series are
/// resolved in one lookup; an answer is serialised into this thread's buffer and copied once into its frame.
/// </summary>
internal sealed class Dispatcher
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private static readonly byte[] ClickTooFastBody = ProtocolSerializer.SerializeAnswer(ResultOnly.Of(ResultCode.ClickTooFast));
    private static readonly byte[] ServerBusyBody = ProtocolSerializer.SerializeAnswer(ResultOnly.Of(ResultCode.ServerBusy));
    private static readonly byte[] ServerErrorBody = ProtocolSerializer.SerializeAnswer(ResultOnly.Of(ResultCode.ServerError));
    private readonly FrozenDictionary<(int, int), Route> _routes;
    private readonly AtOnceAnswers _atOnce;
    private readonly RequestSeries _unknown;
    private readonly ConditionalWeakTable<SessionBase, SessionLane> _lanes = [];
    private readonly AccountLocks _locks;
    private readonly ServerMetrics _metrics;
    private readonly int _queueCapacity;
    private readonly CancellationTokenSource _abort = new();
    // Requests accepted (slot 0) and answered (slot 1), counted on the counting thread's processor stripe: every request
    // writes both, from the event loops and the thread pool, and one shared counter would bounce between the cores.
    private const int AcceptedSlot = 0, AnsweredSlot = 1;
    private readonly StripedCounters _flow = new(2);
    private bool _stopping;

    public Dispatcher(HandlerTable table, AccountLocks locks, ServerMetrics metrics, int queueCapacity)
    {
        table.Freeze();
        _routes = table.Handlers.ToFrozenDictionary(h => ((int)h.Op.Module, h.Op.OpId),
            h => new Route(h, h.RequiresLogin, metrics.Series((int)h.Op.Module, h.Op.OpId)));
        _unknown = metrics.Series(ServerMetrics.UnknownOp, ServerMetrics.UnknownOp);
        _atOnce = new AtOnceAnswers(_routes.Values, metrics);
        _locks = locks;
        _metrics = metrics;
        _queueCapacity = queueCapacity;
    }

    /// <summary>
    /// Requests accepted and not yet answered. Both counts only grow, and the answered ones are read first: a request
    /// counted as answered was counted as accepted before, so the difference is never below what was in flight at the
    /// moment between the two reads, and zero means nothing was in flight then.
    /// </summary>
    public int InFlight
    {
        get
        {
            long answered = _flow.Sum(AnsweredSlot);
            return (int)(_flow.Sum(AcceptedSlot) - answered);
        }
    }

    public void Attach(SessionBase session)
    {
        var lane = new SessionLane(session);
        _lanes.AddOrUpdate(session, lane);
        session.Queue = new SerialQueue<QueuedRequest>(request => Process(lane, request), _queueCapacity);
    }

    /// <summary>The connection closed: its account's lock is left (once no request of it holds the lock).</summary>
    public void Detach(SessionBase session)
    {
        if (_lanes.TryGetValue(session, out var lane)) lane.Close(_locks);
    }

    /// <summary>Called on the connection's event loop for every decoded request.</summary>
    public void Accept(SessionBase session, Envelope envelope)
    {
        // Frames still buffered when the connection was closed (a flood, an overflow) are dropped unanswered.
        if (!session.IsOpen) return;
        // Counted before the stop check, so a drain that saw zero cannot miss a request accepted after it.
        _flow.Increment(AcceptedSlot);
        ResultCode? decided = ResultCode.ServerBusy; // while stopping, every request answers server_busy
        long now = Stopwatch.GetTimestamp();
        if (!Volatile.Read(ref _stopping) && !Limit(session, envelope, now, out decided))
        {
            _flow.Increment(AnsweredSlot);
            return;
        }
        // the heartbeat, while nothing of the connection waits or runs: answered here, where the idle queue would run it too
        if (decided is null && _atOnce.TryAnswer(session, envelope, now))
        {
            _flow.Increment(AnsweredSlot);
            return;
        }
        if (!session.Queue!.TryEnqueue(new QueuedRequest(envelope, decided, session.Account is null)))
        {
            _flow.Increment(AnsweredSlot);
            Log.Warn("closing {Session}: more than {Capacity} requests waiting for answers", session, _queueCapacity);
            _ = session.KickAsync(KickReason.QueueOverflow);
        }
    }

    /// <summary>
    /// The rate limiter's verdict: true with <paramref name="decided"/> null to run the request or click_too_fast to
    /// refuse it; false when the connection is flooding and is being kicked.
    /// </summary>
    private bool Limit(SessionBase session, Envelope envelope, long now, out ResultCode? decided)
    {
        decided = null;
        switch (session.RateLimiter.Check(envelope.ModuleType, envelope.OpId, now))
        {
            case RateDecision.Allow:
                return true;
            case RateDecision.Reject:
                _metrics.RateLimited();
                decided = ResultCode.ClickTooFast;
                return true;
            default:
                _metrics.RateLimited();
                Log.Warn("closing {Session}: flooding far beyond the rate limit", session);
                _ = session.KickAsync(KickReason.Flooding);
                return false;
        }
    }

    private ValueTask Process(SessionLane lane, QueuedRequest request)
    {
        var session = lane.Session;
        var decided = request.Decided;
        // Checked against the connection's limiter on arrival, it runs as the account a login ahead of it bound:
        // the account's limit holds for it too, so a new connection's bucket cannot be spent as the account.
        bool kicked = false;
        try
        {
            kicked = decided is null && request.BeforeLogin && session.Account is not null
                && !Limit(session, request.Envelope, Stopwatch.GetTimestamp(), out decided);
        }
        catch (Exception ex)
        {
            Log.Error(ex, "request {Request} from {Session}: its rate limit could not be checked", request.Envelope, session);
            decided = ResultCode.ServerError;
        }
        if (decided is null && !kicked) return Run(lane, request.Envelope);
        try
        {
            var envelope = request.Envelope;
            if (decided is { } code && session.IsOpen)
                session.Send(envelope.ModuleType, envelope.OpId, envelope.Seq,
                    code switch
                    {
                        ResultCode.ServerBusy => ServerBusyBody,
                        ResultCode.ClickTooFast => ClickTooFastBody,
                        _ => ServerErrorBody,
                    });
        }
        finally
        {
            _flow.Increment(AnsweredSlot);
        }
        return default;
    }

    /// <summary>
    /// Runs a request as far as it goes at once: all of it (the account's lock taken, the handler run, the answer written)
    /// when nothing waits, with no state machine. A handler's task that waits is answered by the connection's
    /// <see cref="PendingAnswer"/> when it completes; a wait for the account's lock goes on in <see cref="FinishAsync"/>.
    /// </summary>
    private ValueTask Run(SessionLane lane, Envelope envelope)
    {
        var session = lane.Session;
        if (!session.IsOpen)
        {
            _flow.Increment(AnsweredSlot);
            return default;
        }
        long start = Stopwatch.GetTimestamp();
        var context = new RequestContext(session, envelope);
        bool known = _routes.TryGetValue((envelope.ModuleType, envelope.OpId), out var route);
        IResponse? response;
        try
        {
            if (envelope.BadField is { } badField) response = BadFieldAnswer(context, badField);
            else if (!known) response = ResultOnly.Of(ResultCode.UnknownOp);
            else if (route.RequiresLogin && session.Account is null) response = ResultOnly.Of(ResultCode.NotLoggedIn);
            else if (!route.RequiresLogin)
            {
                response = route.Handler.Invoke(context, envelope.Data, _abort.Token, out var pending);
                if (pending is not null) return lane.Pending.Await(this, context, route, pending, null, start);
            }
            else
            {
                // The account's lock, which the connection joined once (a request only takes it; it is free at once unless
                // another connection of the account is running a request).
                string account = session.Account!;
                var acquire = lane.Joined(account, _locks) is { } joined ? _locks.AcquireAsync(joined, _abort.Token)
                    : _locks.AcquireAsync(account, _abort.Token);
                return acquire.IsCompletedSuccessfully ? RunLocked(lane, context, route, acquire.Result, start)
                    : new ValueTask(FinishAsync(lane, context, route, acquire, start));
            }
        }
        catch (Exception ex)
        {
            response = Fault(ex, context);
        }
        Answer(context, known ? route : null, response, start);
        return default;
    }

    /// <summary>A request whose handler's <paramref name="pending"/> task completed: its response (or fault) answered, the account's
    /// lock (<paramref name="held"/>, if taken) released first.</summary>
    internal void Complete(RequestContext context, Route route, Task pending, AccountLocks.Releaser? held, long start)
    {
        IResponse response;
        try
        {
            try
            {
                response = route.Handler.ResultOf(pending);
            }
            finally
            {
                held?.Dispose();
            }
        }
        catch (Exception ex)
        {
            response = Fault(ex, context);
        }
        Answer(context, route, response, start);
    }

    /// <summary>
    /// The handler run holding the account's lock (<paramref name="held"/>), released once the request is answered: here when the
    /// handler finishes at once, else by the connection's <see cref="PendingAnswer"/>. Never throws.
    /// </summary>
    private ValueTask RunLocked(SessionLane lane, RequestContext context, Route route, AccountLocks.Releaser held, long start)
    {
        IResponse? response;
        try
        {
            response = RunHeld(context, route.Handler, locked: true, out var pending);
            if (pending is not null) return lane.Pending.Await(this, context, route, pending, held, start);
        }
        catch (Exception ex)
        {
            response = Fault(ex, context);
        }
        held.Dispose();
        Answer(context, route, response, start);
        return default;
    }

    /// <summary>The rest of <see cref="Run"/> when another connection of the account holds its lock: the wait for it
    /// (<paramref name="acquire"/>), then <see cref="RunLocked"/>.</summary>
    private async Task FinishAsync(SessionLane lane, RequestContext context, Route route, ValueTask<AccountLocks.Releaser> acquire,
        long start)
    {
        AccountLocks.Releaser held;
        try
        {
            held = await acquire.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Answer(context, route, Fault(ex, context), start);
            return;
        }
        await RunLocked(lane, context, route, held, start).ConfigureAwait(false);
    }

    /// <summary>An exception of a request turned into its result code, at this one boundary, and logged (never throws: a
    /// request whose failure cannot even be logged is still answered).</summary>
    private IResponse Fault(Exception ex, RequestContext context)
    {
        var envelope = context.Envelope;
        try
        {
            if (RedisFaults.IsRedisFault(ex))
            {
                _metrics.RedisError();
                Log.Warn("request {Request} from {Session}: redis failed: {Error}", envelope, context.Connection, ex.Message);
                return ResultOnly.Of(ResultCode.RedisError);
            }
            if (ex is OperationCanceledException && _abort.IsCancellationRequested) return ResultOnly.Of(ResultCode.ServerBusy);
            Log.Error(ex, "request {Request} from {Session} failed; data={Data}", envelope, context.Connection,
                RequestData.ToLogJson(envelope.Data));
        }
        catch (Exception logging)
        {
            Log.Error(ex, "request {Request} failed (and its log line could not be made: {Error})", envelope, logging.Message);
        }
        return ResultOnly.Of(ResultCode.ServerError);
    }

    /// <summary>Counts the request and writes its answer; the request is no longer in flight after this.</summary>
    private void Answer(RequestContext context, Route? route, IResponse? response, long start)
    {
        try
        {
            var session = context.Connection;
            var envelope = context.Envelope;
            if (response is null)
            {
                Log.Error("request {Request} from {Session}: the handler returned no response", envelope, session);
                response = ResultOnly.Of(ResultCode.ServerError);
            }
            var body = AnswerBuffer.Serialize(session, envelope, route?.Handler, ref response, context.BadField);
            // Counted before the answer leaves, so a client that got it finds it counted. An operation without a
            // handler is counted under one label: its numbers come from the client.
            _metrics.Request(route?.Series ?? _unknown, response.Result, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            // the answer's data is copied into its frame before Send returns
            session.Send(envelope.ModuleType, envelope.OpId, envelope.Seq, body.WrittenMemory);
            AnswerBuffer.Done(body);
            if (context.CloseAfterReply is { } reason) _ = session.KickAsync(reason);
        }
        finally
        {
            // After the answer is queued for writing, so a drain that sees zero loses no answer.
            _flow.Increment(AnsweredSlot);
        }
    }

    /// <summary>
    /// Runs the handler; after waiting for the account's lock (<paramref name="locked"/>), only while the connection is
    /// still open (the wait may have outlived it: kicked by a newer login), else nothing runs for it.
    /// </summary>
    private IResponse? RunHeld(RequestContext context, IHandler handler, bool locked, out Task? pending)
    {
        if (!locked || context.Session.IsOpen) return handler.Invoke(context, context.Envelope.Data, _abort.Token, out pending);
        pending = null;
        return ResultOnly.Of(ResultCode.ServerBusy);
    }


    /// <summary>A field of the envelope itself (e.g. a <c>seq</c> that is no integer) answers param_error naming it.</summary>
    private static IResponse BadFieldAnswer(RequestContext context, string field)
    {
        context.FailField(field);
        return ResultOnly.Of(ResultCode.ParamError);
    }

    /// <summary>Stops taking requests (new ones answer server_busy).</summary>
    public void BeginShutdown()
    {
        Volatile.Write(ref _stopping, true);
        // A full fence before any count is read: a request counted after the drain's read finds the flag set (its count is
        // an interlocked add, a full fence too, before it reads the flag).
        Interlocked.MemoryBarrier();
    }

    /// <summary>Waits until every accepted request is answered, or the timeout passes (then cancels them).</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (InFlight > 0 && Stopwatch.GetTimestamp() < deadline)
            await Task.Delay(10).ConfigureAwait(false);
        if (InFlight == 0) return true;
        await _abort.CancelAsync().ConfigureAwait(false);
        var grace = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        while (InFlight > 0 && Stopwatch.GetTimestamp() < grace)
            await Task.Delay(10).ConfigureAwait(false);
        return false;
    }
}

/// <summary>An operation's handler (and whether it needs a login, read once) and its metrics series, found in one lookup.</summary>
internal readonly record struct Route(IHandler Handler, bool RequiresLogin, RequestSeries Series);
