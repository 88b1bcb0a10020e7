using NLog;
using SocialGame.Core.Logging;

namespace SocialGame.Core.Events;

/// <summary>
/// What one module tells the others inside a node (a login, a gift sent, a room closed): typed records, one
/// subscription per handler, registered while the modules register. Not for other systems (that is
/// <see cref="IEventBus"/>) and not across nodes (that is the message router).
/// <para>
/// The one policy: <see cref="PublishAsync{T}"/> runs the event's handlers one after another, in the order they
/// subscribed, and the raiser awaits them all (a handler sees the state the raiser left, and the raiser's answer
/// follows its handlers' work). A handler that throws is logged with the event and its name; the handlers after
/// it still run, and the raiser is not thrown at: it gets an outcome naming the handlers that failed. A raiser
/// whose own work is retried (a live event the event bus redelivers, a settlement pass) makes the failure its
/// own with <see cref="DomainEventOutcome.ThrowIfFailed"/>, so the event is raised again; handlers must therefore
/// be idempotent. Other raisers (a login, a gift already paid) carry on.
/// </para>
/// </summary>
public interface IDomainEvents
{
    /// <summary>Adds <paramref name="handler"/> for events of type <typeparamref name="T"/>; <paramref name="name"/> names it in the
    /// log.</summary>
    void Subscribe<T>(string name, Func<T, CancellationToken, Task> handler) where T : class;

    /// <summary>Runs every handler of <typeparamref name="T"/> in subscription order; never throws for a handler's failure.</summary>
    Task<DomainEventOutcome> PublishAsync<T>(T e, CancellationToken ct = default) where T : class;
}

/// <summary>How the handlers of one event went: the names of those that failed (empty when all succeeded).</summary>
public sealed class DomainEventOutcome(object e, IReadOnlyList<(string Handler, Exception Error)> failures)
{
    public static readonly DomainEventOutcome None = new(new object(), []);

    public IReadOnlyList<(string Handler, Exception Error)> Failures => failures;
    public bool Failed => failures.Count > 0;

    /// <summary>For a raiser whose work is retried: the failures become its own (one exception naming every failed handler).</summary>
    public void ThrowIfFailed()
    {
        if (!Failed) return;
        throw new AggregateException($"{e.GetType().Name}: handlers {string.Join(", ", failures.Select(f => f.Handler))} failed",
            failures.Select(f => f.Error));
    }
}

public sealed class DomainEvents : IDomainEvents
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly Dictionary<Type, List<(string Name, Func<object, CancellationToken, Task> Handle)>> _handlers = [];

    public void Subscribe<T>(string name, Func<T, CancellationToken, Task> handler) where T : class
    {
        lock (_handlers)
        {
            if (!_handlers.TryGetValue(typeof(T), out var list)) _handlers[typeof(T)] = list = [];
            if (list.Any(h => h.Name == name)) throw new InvalidOperationException($"handler {name} subscribed twice to {typeof(T).Name}");
            list.Add((name, (e, ct) => handler((T)e, ct)));
        }
    }

    public async Task<DomainEventOutcome> PublishAsync<T>(T e, CancellationToken ct = default) where T : class
    {
        (string Name, Func<object, CancellationToken, Task> Handle)[] handlers;
        lock (_handlers) handlers = _handlers.TryGetValue(typeof(T), out var list) ? list.ToArray() : [];
        if (handlers.Length == 0) return DomainEventOutcome.None;
        List<(string, Exception)>? failures = null;
        foreach (var (name, handle) in handlers)
        {
            try
            {
                await handle(e, ct).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.Error(ex, "{Event} handler {Handler} failed: {Message}", typeof(T).Name, name,
                    LogText.Excerpt(e.ToString() ?? "", 300));
                (failures ??= []).Add((name, ex));
            }
        }
        return failures is null ? DomainEventOutcome.None : new DomainEventOutcome(e, failures);
    }
}
