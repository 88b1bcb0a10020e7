using System.Collections.Concurrent;

namespace SocialGame.Core.Dispatch;

/// <summary>
/// One async lock per account, so requests of one account never run at the same time on this node, even across
/// two of its connections. An account's lock lives while someone uses it: a connection that joined it (the
/// dispatcher joins a logged-in connection once, at its first request, and leaves when it closes), or a holder or
/// waiter. A request of a joined connection only takes the lock: no dictionary entry and no semaphore is made for
/// it. Unused locks are dropped.
/// </summary>
public sealed class AccountLocks
{
    private readonly ConcurrentDictionary<string, Entry> _locks = new(StringComparer.Ordinal);

    public int Count => _locks.Count;

    /// <summary>Joins <paramref name="account"/>'s lock for a long-lived user (a connection) until <see cref="Leave"/>.</summary>
    public Entry Join(string account)
    {
        while (true)
        {
            var entry = _locks.GetOrAdd(account, static a => new Entry(a));
            lock (entry)
            {
                if (!entry.Dead)
                {
                    entry.Users++;
                    return entry;
                }
            }
        }
    }

    /// <summary>Ends a use begun by <see cref="Join"/>; the lock is dropped when nobody else uses it.</summary>
    public void Leave(Entry entry)
    {
        lock (entry)
        {
            if (--entry.Users > 0) return;
            entry.Dead = true;
        }
        _locks.TryRemove(new KeyValuePair<string, Entry>(entry.Account, entry));
    }

    /// <summary>
    /// Takes the lock of an account joined by the caller; completes at once when it is free. If its users left it
    /// meanwhile (the connection closed as the request began), the account's current lock is joined and taken.
    /// </summary>
    public ValueTask<Releaser> AcquireAsync(Entry joined, CancellationToken ct = default)
    {
        bool alive;
        lock (joined)
        {
            alive = !joined.Dead;
            if (alive) joined.Users++;
        }
        return alive ? WaitAsync(joined, ct) : AcquireAsync(joined.Account, ct);
    }

    /// <summary>Joins <paramref name="account"/>'s lock for this one use and takes it; the releaser leaves it.</summary>
    public ValueTask<Releaser> AcquireAsync(string account, CancellationToken ct = default) => WaitAsync(Join(account), ct);

    private ValueTask<Releaser> WaitAsync(Entry entry, CancellationToken ct)
    {
        Task wait;
        try
        {
            wait = entry.Semaphore.WaitAsync(ct);
        }
        catch
        {
            Leave(entry);
            throw;
        }
        return wait.IsCompletedSuccessfully ? new ValueTask<Releaser>(new Releaser(this, entry)) : WaitSlowAsync(wait, entry);
    }

    private async ValueTask<Releaser> WaitSlowAsync(Task wait, Entry entry)
    {
        try
        {
            await wait.ConfigureAwait(false);
        }
        catch
        {
            Leave(entry);
            throw;
        }
        return new Releaser(this, entry);
    }

    public readonly struct Releaser(AccountLocks owner, Entry entry) : IDisposable
    {
        public void Dispose()
        {
            entry.Semaphore.Release();
            owner.Leave(entry);
        }
    }

    /// <summary>An account's lock and the count of its users (joined connections, holders and waiters).</summary>
    public sealed class Entry(string account)
    {
        internal readonly SemaphoreSlim Semaphore = new(1, 1);
        internal readonly string Account = account;
        internal int Users;
        internal bool Dead;
    }
}
