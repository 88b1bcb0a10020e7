using NLog;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Logging;
using SocialGame.Core.Metrics;
using SocialGame.Core.Push;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.System;

namespace SocialGame.Core.Sessions;

/// <summary>
/// Binds accounts to connections across nodes: login (claim presence, kick the previous holder on
/// whatever node), release on close, kick by account, and the periodic presence refresh.
/// </summary>
public sealed class SessionService(SessionRegistry registry, Presence presence, NodeBus bus, AccountLocks locks, ServerMetrics metrics)
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    public SessionRegistry Registry => registry;

    /// <summary>
    /// Logs <paramref name="session"/> in as <paramref name="login"/>.Account. Logins of one account on
    /// this node are serialised, so the Redis claim order and the local holder agree.
    /// Redis faults propagate (the caller answers redis_error) and leave the session unbound.
    /// </summary>
    public async Task<ResultCode> LoginAsync(SessionBase session, LoginInfo login, CancellationToken ct)
    {
        if (session.Account is { } bound) return bound == login.Account ? ResultCode.Success : ResultCode.AlreadyLoggedIn;
        using (await locks.AcquireAsync(login.Account, ct).ConfigureAwait(false))
        {
            var previous = await presence.ClaimAsync(login.Account, session.Id).ConfigureAwait(false);
            if (!session.IsOpen)
            {
                await presence.ReleaseAsync(login.Account, session.Id).ConfigureAwait(false);
                return ResultCode.Success;
            }
            session.Bind(login);
            var replaced = registry.SetAccountHolder(login.Account, session);
            if (replaced is not null) await KickLocalAsync(replaced, "relogin").ConfigureAwait(false);
            if (previous is { } p && p.Node != presence.Node)
                await bus.SendAsync(p.Node, new NodeMessage { Kind = NodeMessageKind.Kick, Account = login.Account, SessionId = p.SessionId, Reason = "relogin" }).ConfigureAwait(false);
            Log.Info("login {0} area={1} device={2} version={3}{4}", session, login.AreaId, login.DeviceId, login.Version,
                previous is { } q ? $" (replaces {q.Node}|{q.SessionId})" : "");
            DataLog.Write("login", ("acc", login.Account), ("ip", session.ClientIp.ToString()), ("deviceid", login.DeviceId), ("version", login.Version));
            return ResultCode.Success;
        }
    }

    /// <summary>A connection closed: forget it and, if it held its account, release the presence entry.</summary>
    public async Task OnClosedAsync(SessionBase session)
    {
        if (!registry.Remove(session) || session.Account is not { } account) return;
        try
        {
            await presence.ReleaseAsync(account, session.Id).ConfigureAwait(false);
        }
        catch (Exception ex) when (Storage.RedisFaults.IsRedisFault(ex))
        {
            Log.Warn("presence of {0} not released ({1}); it expires in {2}s", session, ex.Message, presence.Ttl.TotalSeconds);
        }
    }

    /// <summary>Kicks an account wherever it is connected. Returns the node it was on, or null when offline.</summary>
    public async Task<string?> KickAsync(string account, string reason)
    {
        if (registry.TryGetByAccount(account, out var local))
        {
            await KickLocalAsync(local, reason).ConfigureAwait(false);
            return presence.Node;
        }
        if (await presence.LocateAsync(account).ConfigureAwait(false) is { } at && at.Node != presence.Node &&
            await bus.SendAsync(at.Node, new NodeMessage { Kind = NodeMessageKind.Kick, Account = account, Reason = reason }).ConfigureAwait(false))
            return at.Node;
        return null;
    }

    public Task KickLocalAsync(SessionBase session, string reason)
    {
        metrics.Kick();
        Log.Info("kicking {0}: {1}", session, reason);
        return session.SendAndCloseAsync(SystemProtocol.Kicked, new KickedPush { Reason = reason }, reason);
    }

    /// <summary>Another node asked to kick a session of an account held here (only that session, if named).</summary>
    public async Task OnKickRoutedAsync(NodeMessage message)
    {
        if (registry.TryGetByAccount(message.Account, out var session) && (message.SessionId == 0 || message.SessionId == session.Id))
            await KickLocalAsync(session, message.Reason).ConfigureAwait(false);
    }

    /// <summary>Where an account is connected: a node id, or null when offline.</summary>
    public async Task<string?> LocateAsync(string account) =>
        registry.TryGetByAccount(account, out _) ? presence.Node : (await presence.LocateAsync(account).ConfigureAwait(false))?.Node;

    public Task RefreshPresenceAsync() =>
        presence.RefreshAsync(registry.LoggedIn().Where(s => s.Account is not null).Select(s => (s.Account!, s.Id)).ToList());
}
