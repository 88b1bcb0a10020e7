using System.Diagnostics;
using NLog;
using SocialGame.Core.Metrics;
using SocialGame.Core.Sessions;
using SocialGame.Protocol;

namespace SocialGame.Core.Dispatch;

/// <summary>
/// The operations answered at once on the event loop (<see cref="IAnswersAtOnce"/>: the heartbeat) while their connection is
/// idle: written where the idle queue would have run them too, without the queue, a request context or their data read into
/// an object. A handler of them that needs a login stops the start-up.
/// </summary>
internal sealed class AtOnceAnswers
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly Entry[] _entries;
    private readonly ServerMetrics _metrics;

    public AtOnceAnswers(IEnumerable<Route> routes, ServerMetrics metrics)
    {
        _entries = [.. routes.Where(r => r.Handler is IAnswersAtOnce).Select(r => r.RequiresLogin
            ? throw new InvalidOperationException($"{r.Handler.Op} needs a login and cannot be answered at once on the event loop")
            : new Entry((int)r.Handler.Op.Module, r.Handler.Op.OpId, (IAnswersAtOnce)r.Handler, r.Series))];
        _metrics = metrics;
    }

    /// <summary>
    /// True when the request was answered here (counted in the metrics, its time from <paramref name="arrived"/>, a
    /// stopwatch timestamp; its answer sent); false when it takes the full way: the connection has a request waiting or
    /// running, it is another operation, it has data to read or a bad envelope field, or its handler failed (logged; the
    /// full way then answers it). Called on the connection's event loop, the only thread that adds to its queue, so an idle
    /// queue stays idle while this runs.
    /// </summary>
    public bool TryAnswer(SessionBase session, Envelope envelope, long arrived)
    {
        if (_entries.Length == 0 || envelope.BadField is not null || session.Queue!.Count != 0) return false;
        foreach (var entry in _entries)
        {
            if (entry.Module != envelope.ModuleType || entry.OpId != envelope.OpId) continue;
            var body = AnswerBuffer.Take();
            int result;
            try
            {
                if (!entry.Handler.TryAnswer(envelope.Data.Span, body, out result)) return false;
            }
            catch (Exception ex)
            {
                Log.Error(ex, "request {Request} from {Session} could not be answered at once; it takes the full way", envelope, session);
                return false;
            }
            _metrics.Request(entry.Series, result, Stopwatch.GetElapsedTime(arrived).TotalMilliseconds);
            // the data is copied into its frame before Send returns
            session.Send(envelope.ModuleType, envelope.OpId, envelope.Seq, body.WrittenMemory);
            AnswerBuffer.Done(body);
            return true;
        }
        return false;
    }

    private readonly record struct Entry(int Module, int OpId, IAnswersAtOnce Handler, RequestSeries Series);
}
