using System.Collections.Concurrent;
using System.Text.Json;
using NLog;
using SocialGame.Core.Metrics;

namespace SocialGame.Core.Events;

/// <summary>
/// Delivers one raw JSON event to the topic's handlers: each is retried with backoff and, when it still
/// fails (or the message cannot be read), the raw message goes to the dead-letter log. Never a silent skip.
/// A handler failing because Redis is unreachable is retried until Redis is back (backoff up to
/// <see cref="MaxBackoffMs"/>): an outage is not the event's fault, and the events behind it wait in order.
/// At a stop, the event in hand is left for the next consumer, not dead-lettered. Shared by the Kafka
/// consumer and the in-process source.
/// </summary>
internal sealed class EventDispatcher(ServerMetrics metrics, int attempts = 4, int firstBackoffMs = 100)
{
    public const string DeadLetterLogger = "deadletter";
    public const int MaxBackoffMs = 5000;
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private static readonly Logger DeadLetters = LogManager.GetLogger(DeadLetterLogger);
    public static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private readonly ConcurrentDictionary<string, List<Subscription>> _subscriptions = new();

    public IReadOnlyCollection<string> Topics => _subscriptions.Keys.ToList();

    public void Subscribe<T>(string topic, string handlerName, Func<T, EventContext, CancellationToken, Task> handler)
    {
        var list = _subscriptions.GetOrAdd(topic, _ => []);
        lock (list)
        {
            if (list.Any(s => s.Name == handlerName))
                throw new InvalidOperationException($"handler {handlerName} subscribed twice to {topic}");
            list.Add(new Subscription(handlerName, typeof(T), (o, c, ct) => handler((T)o, c, ct)));
        }
    }

    /// <summary>Handles one message; returns when every handler succeeded or was dead-lettered.</summary>
    public async Task DispatchAsync(string topic, string id, string json, CancellationToken ct)
    {
        if (!_subscriptions.TryGetValue(topic, out var list)) return;
        Subscription[] handlers;
        lock (list) handlers = list.ToArray();
        var context = new EventContext(topic, id);
        foreach (var s in handlers)
        {
            object? message;
            try
            {
                message = JsonSerializer.Deserialize(json, s.Type, Json);
                if (message is null) throw new JsonException("null message");
            }
            catch (JsonException ex)
            {
                DeadLetter(topic, id, s.Name, json, "unreadable: " + ex.Message);
                continue;
            }
            await RunWithRetriesAsync(s, message, context, json, ct).ConfigureAwait(false);
        }
    }

    private async Task RunWithRetriesAsync(Subscription s, object message, EventContext context, string json, CancellationToken ct)
    {
        int backoff = firstBackoffMs;
        int failures = 0; // failures of the handler itself; Redis being away does not count
        while (true)
        {
            try
            {
                await s.Handle(message, context, ct).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                if (ct.IsCancellationRequested)
                    throw new OperationCanceledException("stopping: the event is left for the next consumer", ex, ct);
                bool unavailable = Storage.RedisFaults.IsUnavailable(ex);
                if (!unavailable && ++failures >= attempts)
                {
                    DeadLetter(context.Topic, context.Id, s.Name, json, $"failed {attempts} times: {ex.GetType().Name}: {ex.Message}");
                    return;
                }
                if (unavailable)
                    Log.Warn("event {Topic} {EventId} handler {Handler}: Redis unavailable ({Error}); retrying in {BackoffMs} ms until " +
                        "it is back", context.Topic, context.Id, s.Name, ex.Message, backoff);
                else
                    Log.Warn("event {Topic} {EventId} handler {Handler} failed (attempt {Attempt}/{Attempts}): {Error}; retrying in " +
                        "{BackoffMs} ms", context.Topic, context.Id, s.Name, failures, attempts, ex.Message, backoff);
                await Task.Delay(backoff, ct).ConfigureAwait(false);
                backoff = Math.Min(backoff * 4, MaxBackoffMs);
            }
        }
    }

    private void DeadLetter(string topic, string id, string handler, string json, string why)
    {
        metrics.DeadLetter();
        Log.Error("event {Topic} {EventId} dead-lettered for {Handler}: {Why}", topic, id, handler, why);
        var e = new LogEventInfo(LogLevel.Error, DeadLetterLogger, why);
        e.Properties["topic"] = topic;
        e.Properties["id"] = id;
        e.Properties["handler"] = handler;
        e.Properties["why"] = why;
        e.Properties["raw"] = json;
        DeadLetters.Log(e);
    }

    private sealed record Subscription(string Name, Type Type, Func<object, EventContext, CancellationToken, Task> Handle);
}
