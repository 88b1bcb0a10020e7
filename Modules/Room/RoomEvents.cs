namespace SocialGame.Modules.Room;

// What other modules hear of rooms, through IDomainEvents. Raised once, on the node that handled the live event,
// after the room's state changed (and, for a close, after its members were told and removed). The room's raiser
// makes a handler's failure its own, so the live event is redelivered and raised again: handlers are idempotent.

/// <summary>A room went live (live.start); <paramref name="Session"/> names the live session (its start time).</summary>
internal sealed record RoomOpened(string RoomId, string Owner, string Reason, string Session = "");

/// <summary>
/// A room is about to stop being live: raised before its members are told and removed, with the members present then
/// (empty when the close is raised again after they were removed).
/// </summary>
internal sealed record RoomClosing(string RoomId, IReadOnlyList<string> Members, string Reason);

/// <summary>A room stopped being live (live.stop or expired); its members were told and removed.</summary>
internal sealed record RoomClosed(string RoomId, string Owner, string Reason);

/// <summary>A live room has a new owner.</summary>
internal sealed record RoomOwnerChanged(string RoomId, string Owner, string Reason);
