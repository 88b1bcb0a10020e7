using SocialGame.Core.Sessions;

namespace SocialGame.Core.Dispatch;

/// <summary>
/// What the dispatcher keeps for one connection: the connection, and its account's lock, joined at the first
/// request after login and left when the connection closes (so a request takes the lock without making it).
/// </summary>
internal sealed class SessionLane(SessionBase session)
{
    private AccountLocks.Entry? _joined;
    private PendingAnswer? _pending;
    private bool _closed;

    public SessionBase Session { get; } = session;

    /// <summary>The connection's reusable end of a request whose handler waits (made at its first such request; used by one request
    /// at a time, as the connection's queue runs them).</summary>
    public PendingAnswer Pending => _pending ??= new PendingAnswer();

    /// <summary>The account's lock as this connection joined it; null once the connection has closed.</summary>
    public AccountLocks.Entry? Joined(string account, AccountLocks locks)
    {
        if (Volatile.Read(ref _joined) is { } joined) return joined;
        var entry = locks.Join(account);
        lock (this)
        {
            if (!_closed)
            {
                _joined = entry;
                return entry;
            }
        }
        locks.Leave(entry);
        return null;
    }

    /// <summary>The connection closed: leaves the account's lock (a request still holding it keeps it until done).</summary>
    public void Close(AccountLocks locks)
    {
        AccountLocks.Entry? joined;
        lock (this)
        {
            _closed = true;
            joined = _joined;
            _joined = null;
        }
        if (joined is not null) locks.Leave(joined);
    }
}
