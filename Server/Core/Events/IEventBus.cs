namespace SocialGame.Core.Events;

/// <summary>Where an event came from: its topic and an id unique per event (the event's own id, or topic/partition/offset).</summary>
public sealed record EventContext(string Topic, string Id);

/// <summary>
/// Events between systems (Kafka topics). Modules subscribe typed handlers to topics at registration;
/// handlers must be idempotent (a delivery may repeat). With brokers configured the events come from
/// Kafka; without, <see cref="PublishAsync"/> feeds the same handlers in-process.
/// </summary>
public interface IEventBus
{
    /// <summary>Adds a handler for a topic; the JSON message is read into <typeparamref name="T"/>.</summary>
    void Subscribe<T>(EventTopic<T> topic, string handlerName, Func<T, EventContext, CancellationToken, Task> handler) where T : class;

    /// <summary>Publishes an event (to Kafka, or to the in-process subscribers).</summary>
    Task PublishAsync<T>(EventTopic<T> topic, string key, T message, CancellationToken ct = default) where T : class;

    /// <summary>The topics that have subscribers.</summary>
    IReadOnlyCollection<string> Topics { get; }
}
