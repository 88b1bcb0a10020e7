using NLog;
using SocialGame.Core.Metrics;
using SocialGame.Core.Sessions;
using SocialGame.Core.Storage;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Wire;

namespace SocialGame.Core.Push;

public enum PushRoute
{
    /// <summary>Written to a connection on this node.</summary>
    Local,
    /// <summary>Handed to the node holding the account.</summary>
    Remote,
    /// <summary>The account is not connected anywhere; the push is dropped.</summary>
    Offline,
}

/// <summary>Pushes to one account wherever it is connected. Modules use only this.</summary>
public interface IPushService
{
    Task<PushRoute> ToAccountAsync<T>(string account, PushDef<T> push, T data) where T : class;
}

/// <summary>
/// Local session if the account is connected here; otherwise the node named by presence, over the
/// node bus; otherwise dropped (persistent notifications belong to the inbox, not to this path). Best effort:
/// when Redis cannot be reached to route it, the push is logged and dropped, never thrown at the caller.
/// </summary>
public sealed class PushService(SessionRegistry sessions, Presence presence, NodeBus bus, ServerMetrics metrics) : IPushService
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    public async Task<PushRoute> ToAccountAsync<T>(string account, PushDef<T> push, T data) where T : class
    {
        byte[] bytes = ProtocolSerializer.SerializeData(data);
        if (sessions.TryGetByAccount(account, out var local))
        {
            local.Send((int)push.Module, push.OpId, null, bytes);
            metrics.PushLocal();
            return PushRoute.Local;
        }
        try
        {
            var at = await presence.LocateAsync(account).ConfigureAwait(false);
            if (at is { } holder && holder.Node != presence.Node)
            {
                var message = new NodeMessage { Kind = NodeMessageKind.Push, Account = account, Module = (int)push.Module, OpId = push.OpId, Data = bytes };
                if (await bus.SendAsync(holder.Node, message).ConfigureAwait(false))
                {
                    metrics.PushRemote();
                    return PushRoute.Remote;
                }
            }
        }
        catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
        {
            // A push follows a change already made (a help, a stored mail): it is best effort and must not turn
            // that change's answer into redis_error.
            metrics.RedisError();
            Log.Warn("push {0}/{1} to {2} not routed: {3}", push.Module, push.OpId, account, ex.Message);
        }
        metrics.PushOffline();
        return PushRoute.Offline;
    }

    /// <summary>A push that another node routed here.</summary>
    public void DeliverRouted(NodeMessage message)
    {
        if (!sessions.TryGetByAccount(message.Account, out var session))
        {
            Log.Debug("push {0}/{1} for {2}: not connected here any more", message.Module, message.OpId, message.Account);
            metrics.PushOffline();
            return;
        }
        session.Send(message.Module, message.OpId, null, message.Data);
        metrics.PushLocal();
    }
}
