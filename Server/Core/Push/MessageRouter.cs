using MessagePack;
using NLog;
using SocialGame.Core.Metrics;
using SocialGame.Core.Sessions;
using SocialGame.Core.Storage;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Wire;
using StackExchange.Redis;

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

/// <summary>Pushes to one account wherever it is connected. Modules use only this for one account.</summary>
public interface IPushService
{
    Task<PushRoute> ToAccountAsync<T>(string account, PushDef<T> push, T data) where T : class;
}

/// <summary>
/// Every message between nodes goes through here: a push to one account (<see cref="ToAccountAsync"/>), a kick, a
/// push to a room's members with an optional member filter (<see cref="ToRoomAsync"/>) and a push to everybody
/// online (<see cref="ToEveryoneAsync"/>). One envelope (<see cref="RouterEnvelope"/>), one publish, the channels
/// chosen by <see cref="RouterChannels"/>. Every channel is read through its own ordered queue: a node handles a
/// channel's messages one at a time, in publish order (a gift and the room's close that follows it arrive in that
/// order), and different channels independently. Delivery is best effort: a node that is not subscribed misses
/// the message (persistent notifications belong to the inbox). Whether an account is offline is decided from
/// presence alone, never from a publish's receiver count (on a cluster that counts one shard's subscribers only).
/// </summary>
public sealed partial class MessageRouter(RedisStore redis, SessionRegistry sessions, Presence presence, ServerMetrics metrics,
    RouterChannels channels) : IPushService
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly List<ChannelMessageQueue> _queues = [];
    private Action<RouterEnvelope>? _kick;

    public string Node => presence.Node;

    /// <summary>Starts listening on this node's channel and the everybody channel; <paramref name="kick"/> handles a routed kick.</summary>
    public async Task StartAsync(Action<RouterEnvelope> kick)
    {
        _kick = kick;
        var node = await ListenAsync(channels.Node(Node), "node " + Node).ConfigureAwait(false);
        var everyone = await ListenAsync(channels.Everyone, "everyone").ConfigureAwait(false);
        lock (_queues) _queues.AddRange([node, everyone]);
    }

    public async Task StopAsync()
    {
        ChannelMessageQueue[] queues;
        lock (_queues) queues = _queues.ToArray();
        foreach (var queue in queues) await queue.UnsubscribeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Local session if the account is connected here; otherwise the node named by presence (handed over there);
    /// otherwise dropped.
    /// When Redis cannot be reached to route it, the push is logged and dropped, never thrown at the caller.
    /// </summary>
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
            if (at is { } holder && holder.Node != Node)
            {
                var message = new RouterEnvelope { Kind = RouterEnvelopeKind.Push, Account = account, Module = (int)push.Module,
                    OpId = push.OpId, Data = bytes };
                await ToNodeAsync(holder.Node, message).ConfigureAwait(false);
                metrics.PushRemote();
                return PushRoute.Remote;
            }
        }
        catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
        {
            // A push follows a change already made (a help, a stored mail): it is best effort and must not turn
            // that change's answer into redis_error.
            metrics.RedisError();
            Log.Warn("push {Module}/{Op} to {Account} not routed: {Error}", push.Module, push.OpId, account, ex.Message);
        }
        metrics.PushOffline();
        return PushRoute.Offline;
    }

    /// <summary>
    /// Sends to one node (a push or a kick for an account presence says it holds). Delivery is best effort: a node that
    /// stopped without releasing its entries misses it, until their TTL ends.
    /// </summary>
    public Task ToNodeAsync(string node, RouterEnvelope message) => PublishAsync(channels.Node(node), message);

    /// <summary>The one publish (SPUBLISH on a sharded channel): how many subscribers of the channel's shard heard it.</summary>
    private Task<long> PublishAsync(RedisChannel channel, RouterEnvelope message) =>
        redis.Subscriber.PublishAsync(channel, MessagePackSerializer.Serialize(message, ProtocolSerializer.Options));

    /// <summary>The one subscribe: the channel's messages are handled one at a time, in publish order.</summary>
    private async Task<ChannelMessageQueue> ListenAsync(RedisChannel channel, string what)
    {
        var queue = await redis.SubscribeAsync(s => s.SubscribeAsync(channel)).ConfigureAwait(false);
        queue.OnMessage(async m =>
        {
            RouterEnvelope message;
            try
            {
                message = MessagePackSerializer.Deserialize<RouterEnvelope>((byte[])m.Message!, ProtocolSerializer.Options);
            }
            catch (MessagePackSerializationException ex)
            {
                Log.Error("unreadable message on {Channel}: {Error}", what, ex.Message);
                return;
            }
            try
            {
                await DeliverAsync(message).ConfigureAwait(false);
            }
            catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
            {
                Log.Warn("{Channel} message {Kind}/{Op} not delivered on this node: {Error}", what, message.Kind, message.OpId, ex.Message);
            }
            catch (Exception ex)
            {
                Log.Error(ex, "{Channel} message {Kind}/{Op} failed", what, message.Kind, message.OpId);
            }
        });
        return queue;
    }

    /// <summary>What a message from another node (or from this one, for rooms and everybody) does here.</summary>
    private Task DeliverAsync(RouterEnvelope message)
    {
        switch (message.Kind)
        {
            case RouterEnvelopeKind.Push:
                DeliverToAccount(message);
                return Task.CompletedTask;
            case RouterEnvelopeKind.Kick:
                _kick?.Invoke(message);
                return Task.CompletedTask;
            case RouterEnvelopeKind.Room:
                return DeliverToRoomAsync(message);
            case RouterEnvelopeKind.Everyone:
                foreach (var session in sessions.LoggedIn()) session.Send(message.Module, message.OpId, null, message.Data);
                return Task.CompletedTask;
            default:
                Log.Warn("unknown router message kind {Kind}", message.Kind);
                return Task.CompletedTask;
        }
    }

    private void DeliverToAccount(RouterEnvelope message)
    {
        if (!sessions.TryGetByAccount(message.Account, out var session))
        {
            Log.Debug("push {Module}/{Op} for {Account}: not connected here any more", message.Module, message.OpId, message.Account);
            metrics.PushOffline();
            return;
        }
        session.Send(message.Module, message.OpId, null, message.Data);
        metrics.PushLocal();
    }
}
