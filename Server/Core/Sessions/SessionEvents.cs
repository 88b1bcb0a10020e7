namespace SocialGame.Core.Sessions;

/// <summary>
/// A login succeeded (raised by the login handler before it answers, through <see cref="Events.IDomainEvents"/>):
/// modules create what a player needs (the profile), tell about unread mail, publish the online event. A failing
/// handler is logged and does not undo the login.
/// </summary>
public sealed record AccountLoggedIn(ISession Session);

/// <summary>
/// A logged-in connection closed and its account is connected nowhere else (a connection closed because the
/// player logged in again, here or on another node, raises nothing). Raised under the account's lock, so its
/// handlers (leaving rooms...) do not interleave with that account's requests on this node.
/// </summary>
public sealed record AccountWentOffline(ISession Session);
