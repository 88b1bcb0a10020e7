using System.Collections.Concurrent;

namespace SocialGame.Core.Dispatch;

/// <summary>
/// One async lock per account, created on demand and dropped when unused, so requests of one
/// account never run at the same time on this node even across two of its connections.
/// </summary>
public sealed class AccountLocks
{
    private readonly ConcurrentDictionary<string, Entry> _locks = new(StringComparer.Ordinal);

    public int Count => _locks.Count;

    public async ValueTask<Releaser> AcquireAsync(string account, CancellationToken ct = default)
    {
        Entry entry;
        while (true)
        {
            entry = _locks.GetOrAdd(account, static _ => new Entry());
            lock (entry)
            {
                if (!entry.Dead)
                {
                    entry.Users++;
                    break;
                }
            }
        }
        try
        {
            await entry.Semaphore.WaitAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            Leave(account, entry);
            throw;
        }
        return new Releaser(this, account, entry);
    }

    private void Leave(string account, Entry entry)
    {
        lock (entry)
        {
            if (--entry.Users > 0) return;
            entry.Dead = true;
        }
        _locks.TryRemove(new KeyValuePair<string, Entry>(account, entry));
    }

    public readonly struct Releaser(AccountLocks owner, string account, Entry entry) : IDisposable
    {
        public void Dispose()
        {
            entry.Semaphore.Release();
            owner.Leave(account, entry);
        }
    }

    public sealed class Entry
    {
        internal readonly SemaphoreSlim Semaphore = new(1, 1);
        internal int Users;
        internal bool Dead;
    }
}
