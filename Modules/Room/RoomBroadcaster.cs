using System.Collections.Concurrent;
using MessagePack;
using NLog;
using SocialGame.Core.Storage;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Wire;
using StackExchange.Redis;

namespace SocialGame.Modules.Room;

/// <summary>
/// Room broadcasts across nodes: every node subscribes to the Redis channel of each room that has a member
/// connected to it (and unsubscribes when the last one leaves), so one PUBLISH reaches every member.
/// </summary>
public sealed class RoomBroadcaster(RedisStore redis)
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Core.Sessions.ISession>> _local = new();
    private readonly SemaphoreSlim _subscriptions = new(1, 1);

    private static RedisChannel Channel(string roomId) => RoomKeys.Cast(roomId);

    public async Task AddLocalAsync(string roomId, Core.Sessions.ISession session)
    {
        await _subscriptions.WaitAsync().ConfigureAwait(false);
        try
        {
            var members = _local.GetOrAdd(roomId, _ => new ConcurrentDictionary<string, Core.Sessions.ISession>());
            bool first = members.IsEmpty;
            members[session.Account!] = session;
            if (first) await redis.Subscriber.SubscribeAsync(Channel(roomId), (_, value) => Deliver(roomId, (byte[])value!)).ConfigureAwait(false);
        }
        finally
        {
            _subscriptions.Release();
        }
    }

    public async Task RemoveLocalAsync(string roomId, string account)
    {
        await _subscriptions.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_local.TryGetValue(roomId, out var members) || !members.TryRemove(account, out _) || !members.IsEmpty) return;
            _local.TryRemove(roomId, out _);
            await redis.Subscriber.UnsubscribeAsync(Channel(roomId)).ConfigureAwait(false);
        }
        finally
        {
            _subscriptions.Release();
        }
    }

    public int LocalMembers(string roomId) => _local.TryGetValue(roomId, out var m) ? m.Count : 0;

    /// <summary>Sends a push to every member of the room on every node; returns how many nodes heard it.</summary>
    public async Task<long> BroadcastAsync(string roomId, OpDef push, object data, bool closesRoom = false)
    {
        var message = new RoomCast { Module = (int)push.Module, OpId = push.OpId, Data = ProtocolSerializer.SerializeData(data), Close = closesRoom };
        return await redis.Subscriber.PublishAsync(Channel(roomId), MessagePackSerializer.Serialize(message, ProtocolSerializer.Options)).ConfigureAwait(false);
    }

    private static readonly RedisChannel SiteChannel = RoomKeys.SiteCast;

    /// <summary>Listens for site-wide broadcasts: each node delivers them to everybody logged in on it.</summary>
    public Task StartSiteWideAsync(Core.Sessions.SessionRegistry registry) =>
        redis.SubscribeAsync(SiteChannel, (_, value) =>
        {
            RoomCast message;
            try
            {
                message = MessagePackSerializer.Deserialize<RoomCast>((byte[])value!, ProtocolSerializer.Options);
            }
            catch (MessagePackSerializationException ex)
            {
                Log.Error("unreadable site-wide broadcast: {0}", ex.Message);
                return;
            }
            foreach (var session in registry.LoggedIn()) session.Send(message.Module, message.OpId, null, message.Data);
        });

    /// <summary>Sends a push to everybody online on every node.</summary>
    public async Task<long> BroadcastAllAsync(OpDef push, object data)
    {
        var message = new RoomCast { Module = (int)push.Module, OpId = push.OpId, Data = ProtocolSerializer.SerializeData(data) };
        return await redis.Subscriber.PublishAsync(SiteChannel, MessagePackSerializer.Serialize(message, ProtocolSerializer.Options)).ConfigureAwait(false);
    }

    private void Deliver(string roomId, byte[] payload)
    {
        RoomCast message;
        try
        {
            message = MessagePackSerializer.Deserialize<RoomCast>(payload, ProtocolSerializer.Options);
        }
        catch (MessagePackSerializationException ex)
        {
            Log.Error("unreadable room broadcast for {0}: {1}", roomId, ex.Message);
            return;
        }
        if (!_local.TryGetValue(roomId, out var members)) return;
        foreach (var session in members.Values)
            if (session is Core.Sessions.SessionBase s && s.IsOpen) s.Send(message.Module, message.OpId, null, message.Data);
        if (message.Close)
            foreach (var account in members.Keys.ToList())
                RemoveLocalAsync(roomId, account).ContinueWith(t => Log.Warn("room {0}: unsubscribe failed: {1}", roomId, t.Exception?.GetBaseException().Message),
                    CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    [MessagePackObject]
    public sealed class RoomCast
    {
        [Key(0)] public int Module { get; set; }
        [Key(1)] public int OpId { get; set; }
        [Key(2)] public byte[] Data { get; set; } = [];
        [Key(3)] public bool Close { get; set; }
    }
}
