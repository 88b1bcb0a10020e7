using NLog;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Events;
using SocialGame.Core.Logging;
using SocialGame.Core.Metrics;
using SocialGame.Core.Push;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;

namespace SocialGame.Core.Sessions;

/// <summary>
/// Binds accounts to connections across nodes: login (claim presence, kick the previous holder on
/// whatever node), release on close, kick by account, and the periodic presence refresh.
/// </summary>
public sealed class SessionService(SessionRegistry registry, Presence presence, MessageRouter router, AccountLocks locks,
    ServerMetrics metrics, IDomainEvents events, RateLimits limits)
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    public SessionRegistry Registry => registry;

    /// <summary>
    /// Logs the connection of <paramref name="context"/> in as <paramref name="login"/>.Account. Logins of one account on
    /// this node are serialised, so the Redis claim order and the local holder agree.
    /// Redis faults propagate (the caller answers redis_error) and leave the session unbound.
    /// </summary>
    public Task<ResultCode> LoginAsync(RequestContext context, LoginInfo login, CancellationToken ct) =>
        LoginAsync(context.Connection, login, ct);

    /// <inheritdoc cref="LoginAsync(RequestContext, LoginInfo, CancellationToken)"/>
    internal async Task<ResultCode> LoginAsync(SessionBase session, LoginInfo login, CancellationToken ct)
    {
        if (session.Account is { } bound) return bound == login.Account ? ResultCode.Success : ResultCode.AlreadyLoggedIn;
        using (await locks.AcquireAsync(login.Account, ct).ConfigureAwait(false))
        {
            var previous = await presence.ClaimAsync(login.Account, session.Id).ConfigureAwait(false);
            try
            {
                // Kick a holder on another node before binding: if Redis fails here, nothing is bound.
                if (previous is { } p && p.Node != presence.Node)
                    await router.ToNodeAsync(p.Node, new RouterEnvelope { Kind = RouterEnvelopeKind.Kick, Account = login.Account,
                        SessionId = p.SessionId, Reason = KickReason.Relogin }).ConfigureAwait(false);
            }
            catch
            {
                // The holder we replaced was not told: it is still connected, so its entry goes back.
                try
                {
                    await presence.UndoClaimAsync(login.Account, session.Id, previous).ConfigureAwait(false);
                }
                catch (Exception ex) when (Storage.RedisFaults.IsRedisFault(ex))
                {
                    Log.Warn("login of {Account} failed and its claim was not undone ({Error}); it expires in {TtlSeconds}s",
                        login.Account, ex.Message, presence.Ttl.TotalSeconds);
                }
                throw;
            }
            session.Bind(login, limits.ForAccount(login.Account));
            var replaced = registry.SetAccountHolder(login.Account, session);
            if (replaced is not null) KickLocal(replaced, KickReason.Relogin);
            // The connection may have closed while this ran: its close handler then saw no account.
            if (!session.IsOpen && registry.Remove(session))
            {
                await ReleaseQuietlyAsync(login.Account, session.Id).ConfigureAwait(false);
                return ResultCode.Success;
            }
            // A login on another node may have claimed the account after our claim but sent its kick before we were
            // bound here (so the kick found nothing to close): if presence no longer names this session, it goes.
            if (await presence.LocateAsync(login.Account).ConfigureAwait(false) is { } holder
                && (holder.Node != presence.Node || holder.SessionId != session.Id))
            {
                KickLocal(session, KickReason.Relogin);
                return ResultCode.Success;
            }
            Log.Info("login {Session} area={Area} device={Device} version={Version}{Replaces}", session, login.AreaId, login.DeviceId,
                login.Version, previous is { } q ? $" (replaces {q.Node}|{q.SessionId})" : "");
            DataLog.Write("login", ("acc", login.Account), ("ip", session.ClientIp.ToString()), ("deviceid", login.DeviceId),
                ("version", login.Version));
            return ResultCode.Success;
        }
    }

    /// <summary>Releases the presence entry if it names this session; returns the other session it names, if any.</summary>
    private async Task<(string Node, long SessionId)?> ReleaseQuietlyAsync(string account, long sessionId)
    {
        try
        {
            return await presence.ReleaseAsync(account, sessionId).ConfigureAwait(false);
        }
        catch (Exception ex) when (Storage.RedisFaults.IsRedisFault(ex))
        {
            Log.Warn("presence of {Account}|{SessionId} not released ({Error}); it expires in {TtlSeconds}s", account, sessionId,
                ex.Message, presence.Ttl.TotalSeconds);
            return null; // the offline handlers need Redis too; they log their own failures
        }
    }

    /// <summary>
    /// A connection closed: forget it and, if it held its account, release the presence entry. <see cref="AccountWentOffline"/>
    /// (leaving rooms and the like) is raised only when the account has gone offline: a connection closed because the
    /// player logged in again, here or on another node, must not undo what the new connection has already done.
    /// Its handlers run under the account's lock, so they do not interleave with that account's requests on this node.
    /// </summary>
    public async Task OnClosedAsync(SessionBase session)
    {
        if (!registry.Remove(session) || session.Account is not { } account) return;
        using (await locks.AcquireAsync(account, CancellationToken.None).ConfigureAwait(false))
        {
            var elsewhere = await ReleaseQuietlyAsync(account, session.Id).ConfigureAwait(false);
            string? holder = registry.TryGetByAccount(account, out var local) && local != session ? local.ToString()
                : elsewhere is { } at ? $"{at.Node}|{at.SessionId}" : null;
            if (holder is not null)
            {
                Log.Info("{Session} closed; {Holder} holds the account now, so it did not go offline", session, holder);
                return;
            }
            await events.PublishAsync(new AccountWentOffline(session)).ConfigureAwait(false);
        }
    }

    /// <summary>Kicks an account wherever it is connected. Returns the node presence names, or null when offline.</summary>
    public async Task<string?> KickAsync(string account, string reason)
    {
        if (registry.TryGetByAccount(account, out var local))
        {
            KickLocal(local, reason);
            return presence.Node;
        }
        if (await presence.LocateAsync(account).ConfigureAwait(false) is not { } at || at.Node == presence.Node) return null;
        await router.ToNodeAsync(at.Node, new RouterEnvelope { Kind = RouterEnvelopeKind.Kick, Account = account, Reason = reason })
            .ConfigureAwait(false);
        return at.Node;
    }

    /// <summary>
    /// Sends the kicked push and closes once it is flushed (or after a short grace when the client
    /// does not read). Not awaited: a client that stopped reading must not hold up the caller.
    /// </summary>
    public void KickLocal(SessionBase session, string reason)
    {
        metrics.Kick();
        _ = session.KickAsync(reason); // logs the kick
    }

    /// <summary>Another node asked to kick a session of an account held here (only that session, if named).</summary>
    public void OnKickRouted(RouterEnvelope message)
    {
        if (registry.TryGetByAccount(message.Account, out var session) && (message.SessionId == 0 || message.SessionId == session.Id))
            KickLocal(session, message.Reason);
    }

    /// <summary>Where an account is connected: a node id, or null when offline.</summary>
    public async Task<string?> LocateAsync(string account) =>
        registry.TryGetByAccount(account, out _) ? presence.Node : (await presence.LocateAsync(account).ConfigureAwait(false))?.Node;

    /// <summary>Keeps this node's presence entries alive (only those still naming their session).</summary>
    public Task RefreshPresenceAsync() => presence.RefreshAsync(Held(), restore: false);

    /// <summary>After Redis came back (possibly empty): writes this node's entries again where missing.</summary>
    public Task RestorePresenceAsync() => presence.RefreshAsync(Held(), restore: true);

    private List<(string, long)> Held() =>
        registry.LoggedIn().Where(s => s.Account is not null && s.IsOpen).Select(s => (s.Account!, s.Id)).ToList();
}
