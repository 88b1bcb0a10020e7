using NLog;

namespace SocialGame.Modules.Room;

public enum RoomEventKind
{
    Opened,
    Closed,
    OwnerChanged,
}

/// <summary>A room opened (live.start), closed (live.stop/expired) or changed owner. Raised once, on the node that handled the event.</summary>
public sealed record RoomEvent(RoomEventKind Kind, string RoomId, string Owner, string Reason);

/// <summary>The one in-process interface through which other modules (red packets, pendants) follow rooms.</summary>
public sealed class RoomEvents
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly List<(string Name, Func<RoomEvent, Task> Handler)> _handlers = [];

    public void Subscribe(string name, Func<RoomEvent, Task> handler)
    {
        lock (_handlers) _handlers.Add((name, handler));
    }

    /// <summary>Runs every subscriber; a failing one is logged and rethrown after the others ran (the event is then retried).</summary>
    public async Task RaiseAsync(RoomEvent e)
    {
        (string, Func<RoomEvent, Task>)[] handlers;
        lock (_handlers) handlers = _handlers.ToArray();
        List<Exception>? failures = null;
        foreach (var (name, handler) in handlers)
        {
            try
            {
                await handler(e).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.Error(ex, "room event {0} {1}: subscriber {2} failed", e.Kind, e.RoomId, name);
                (failures ??= []).Add(ex);
            }
        }
        if (failures is not null) throw new AggregateException(failures);
    }
}
