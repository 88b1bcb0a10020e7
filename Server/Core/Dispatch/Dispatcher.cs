using System.Diagnostics;
using NLog;
using SocialGame.Core.Metrics;
using SocialGame.Core.Sessions;
using SocialGame.Core.Storage;
using SocialGame.Protocol;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Wire;

namespace SocialGame.Core.Dispatch;

/// <summary>
/// From a decoded envelope to a written response. On the event loop: the rate limiter, then the
/// connection's serial queue. Off it, one request at a time per connection (and per account): the
/// login gate, the handler, and the one boundary where an exception becomes a result code.
/// </summary>
public sealed class Dispatcher
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly HandlerTable _table;
    private readonly AccountLocks _locks;
    private readonly ServerMetrics _metrics;
    private readonly int _queueCapacity;
    private readonly CancellationTokenSource _abort = new();
    private int _inFlight;
    private bool _stopping;

    public Dispatcher(HandlerTable table, AccountLocks locks, ServerMetrics metrics, int queueCapacity)
    {
        table.Freeze();
        _table = table;
        _locks = locks;
        _metrics = metrics;
        _queueCapacity = queueCapacity;
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Attach(SessionBase session) =>
        session.Queue = new SerialQueue<Envelope>(e => ProcessAsync(session, e), _queueCapacity);

    /// <summary>Called on the connection's event loop for every decoded request.</summary>
    public void Accept(SessionBase session, Envelope envelope)
    {
        // Frames still buffered when the connection was closed (a flood, an overflow) are dropped unanswered.
        if (!session.IsOpen) return;
        // Counted before the stop check, so a drain that saw zero cannot miss a request accepted after it.
        Interlocked.Increment(ref _inFlight);
        if (Volatile.Read(ref _stopping))
        {
            Answer(session, envelope, ResultOnly.Of(ResultCode.ServerBusy));
            Interlocked.Decrement(ref _inFlight);
            return;
        }
        switch (session.RateLimiter.Check(envelope.ModuleType, envelope.OpId, Stopwatch.GetTimestamp()))
        {
            case RateDecision.Reject:
                _metrics.RateLimited();
                Answer(session, envelope, ResultOnly.Of(ResultCode.ClickTooFast));
                Interlocked.Decrement(ref _inFlight);
                return;
            case RateDecision.Close:
                _metrics.RateLimited();
                Log.Warn("closing {0}: flooding far beyond the rate limit", session);
                _ = session.CloseAsync("flooding");
                Interlocked.Decrement(ref _inFlight);
                return;
        }
        if (!session.Queue!.TryEnqueue(envelope))
        {
            Interlocked.Decrement(ref _inFlight);
            Log.Warn("closing {0}: more than {1} requests waiting for answers", session, _queueCapacity);
            _ = session.CloseAsync("request queue overflow");
        }
    }

    private async Task ProcessAsync(SessionBase session, Envelope envelope)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            if (!session.IsOpen) return;
            var context = new RequestContext(session, envelope);
            IResponse response;
            try
            {
                response = await RunAsync(context).ConfigureAwait(false) ?? throw new InvalidOperationException("handler returned no response");
            }
            catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
            {
                _metrics.RedisError();
                Log.Warn("request {0} from {1}: redis failed: {2}", envelope, session, ex.Message);
                response = ResultOnly.Of(ResultCode.RedisError);
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                response = ResultOnly.Of(ResultCode.ServerBusy);
            }
            catch (Exception ex)
            {
                Log.Error(ex, "request {0} from {1} failed; data={2}", envelope, session, RequestData.ToLogJson(envelope.Data));
                response = ResultOnly.Of(ResultCode.ServerError);
            }
            int sent = Answer(session, envelope, response, context.CloseAfterReply, context.BadField);
            _metrics.Request(envelope.ModuleType, envelope.OpId, sent, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        finally
        {
            // After the answer is queued for writing, so a drain that sees zero loses no answer.
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async ValueTask<IResponse> RunAsync(RequestContext context)
    {
        var (session, envelope) = (context.Session, context.Envelope);
        if (envelope.BadField is { } badField)
        {
            context.BadField = badField;
            return ResultOnly.Of(ResultCode.ParamError);
        }
        if (!_table.TryGet(envelope.ModuleType, envelope.OpId, out var handler))
            return ResultOnly.Of(ResultCode.UnknownOp);
        if (!handler.RequiresLogin)
            return await handler.InvokeAsync(context, envelope.Data, _abort.Token).ConfigureAwait(false);
        if (session.Account is not { } account)
            return ResultOnly.Of(ResultCode.NotLoggedIn);
        using (await _locks.AcquireAsync(account, _abort.Token).ConfigureAwait(false))
        {
            // Waiting for the lock may have outlived the connection (kicked by a newer login): do nothing for it.
            if (!session.IsOpen) return ResultOnly.Of(ResultCode.ServerBusy);
            return await handler.InvokeAsync(context, envelope.Data, _abort.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Sends <paramref name="response"/> (server_error if it cannot be serialised); returns the result code sent.</summary>
    private static int Answer(SessionBase session, Envelope envelope, IResponse response, string? closeReason = null, string? badField = null)
    {
        byte[] body;
        try
        {
            body = ProtocolSerializer.SerializeAnswer(response, badField);
        }
        catch (Exception ex)
        {
            Log.Error(ex, "request {0} from {1}: its {2} could not be serialised", envelope, session, response.GetType().Name);
            response = ResultOnly.Of(ResultCode.ServerError);
            body = ProtocolSerializer.SerializeAnswer(response);
        }
        _ = session.SendAsync(envelope.ModuleType, envelope.OpId, envelope.Seq, body, closeReason);
        return response.Result;
    }

    /// <summary>Stops taking requests (new ones answer server_busy).</summary>
    public void BeginShutdown() => Volatile.Write(ref _stopping, true);

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
