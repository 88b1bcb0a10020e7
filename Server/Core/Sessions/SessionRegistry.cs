using System.Collections.Concurrent;

namespace SocialGame.Core.Sessions;

/// <summary>This node's connections, and which one holds each logged-in account.</summary>
public sealed class SessionRegistry
{
    private readonly ConcurrentDictionary<long, SessionBase> _all = new();
    private readonly ConcurrentDictionary<string, SessionBase> _byAccount = new(StringComparer.Ordinal);

    public int Count => _all.Count;
    public int LoggedInCount => _byAccount.Count;

    public void Add(SessionBase session) => _all[session.Id] = session;

    /// <summary>Forgets a closed connection; true when it held its account (so its presence is to be released).</summary>
    public bool Remove(SessionBase session)
    {
        _all.TryRemove(session.Id, out _);
        return session.Account is { } acc && _byAccount.TryRemove(new KeyValuePair<string, SessionBase>(acc, session));
    }

    /// <summary>Makes <paramref name="session"/> the holder of its account; returns the previous holder, if another.</summary>
    public SessionBase? SetAccountHolder(string account, SessionBase session)
    {
        SessionBase? previous = null;
        _byAccount.AddOrUpdate(account, session, (_, old) =>
        {
            previous = old;
            return session;
        });
        return ReferenceEquals(previous, session) ? null : previous;
    }

    public bool TryGetByAccount(string account, out SessionBase session) => _byAccount.TryGetValue(account, out session!);

    public IReadOnlyList<SessionBase> Snapshot() => _all.Values.ToList();

    public IReadOnlyList<SessionBase> LoggedIn() => _byAccount.Values.ToList();
}
