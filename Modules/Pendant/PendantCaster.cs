using MessagePack;
using NLog;
using SocialGame.Core;
using SocialGame.Core.Sessions;
using SocialGame.Core.Storage;
using SocialGame.Modules.Player;
using SocialGame.Modules.Room;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Wire;
using StackExchange.Redis;

namespace SocialGame.Modules.Pendant;

/// <summary>
/// Pendant pushes to a room: one PUBLISH every node hears; each node that holds members of the room
/// delivers to those of them who may see the pendant (business aside, a pendant has visibility rules: client
/// version, VIP level, owner only), so a rule-restricted pendant never reaches a member it is hidden from.
/// Messages are handled in order, so a show is delivered before the progress that follows it.
/// </summary>
public sealed class PendantCaster(ServerServices services, PendantStore store, RoomService rooms, Profiles profiles)
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private static readonly RedisChannel Channel = PendantKeys.Cast;
    private ChannelMessageQueue? _queue;

    public async Task StartAsync()
    {
        _queue = await services.Redis.SubscribeAsync(s => s.SubscribeAsync(Channel)).ConfigureAwait(false);
        _queue.OnMessage(async m =>
        {
            try
            {
                await DeliverAsync(MessagePackSerializer.Deserialize<PendantCast>((byte[])m.Message!, ProtocolSerializer.Options)).ConfigureAwait(false);
            }
            catch (MessagePackSerializationException ex)
            {
                Log.Error("unreadable pendant push: {0}", ex.Message);
            }
            catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
            {
                Log.Warn("pendant push not delivered on this node: {0}", ex.Message);
            }
            catch (Exception ex)
            {
                Log.Error(ex, "pendant push delivery failed");
            }
        });
    }

    public async Task StopAsync()
    {
        if (_queue is null) return;
        try
        {
            await _queue.UnsubscribeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
        {
            Log.Warn("pendant push channel: unsubscribe failed: {0}", ex.Message);
        }
    }

    /// <summary>Sends a push about a pendant to the room's members (on every node) who may see it.</summary>
    public Task PublishAsync(string roomId, PendantDef def, OpDef push, object data)
    {
        var cast = new PendantCast { RoomId = roomId, PendantId = def.Id, OpId = push.OpId, Data = ProtocolSerializer.SerializeData(data) };
        return services.Redis.Subscriber.PublishAsync(Channel, MessagePackSerializer.Serialize(cast, ProtocolSerializer.Options));
    }

    private async Task DeliverAsync(PendantCast cast)
    {
        if (rooms.Broadcaster.LocalMembers(cast.RoomId) == 0) return;
        var def = store.Find(cast.PendantId);
        if (def is null)
        {
            // Created on another node a moment ago, and this node has not heard of it yet.
            await store.ReloadAsync().ConfigureAwait(false);
            def = store.Find(cast.PendantId);
        }
        var local = new List<SessionBase>();
        foreach (string acc in await rooms.MembersAsync(cast.RoomId).ConfigureAwait(false))
            if (services.Sessions.Registry.TryGetByAccount(acc, out var session) && session.IsOpen) local.Add(session);
        if (local.Count == 0) return;
        if (def is not null)
        {
            var audience = await AudienceAsync(cast.RoomId, local.Select(s => s.Account!).ToList(), [def]).ConfigureAwait(false);
            local = local.Where(s => audience(def, s.Account!, s.Login?.Version)).ToList();
        }
        else if (cast.OpId != PendantProtocol.Hide.OpId)
        {
            return;
        }
        foreach (var session in local) session.Send((int)Protocol.ModuleType.Pendant, cast.OpId, null, cast.Data);
    }

    /// <summary>
    /// Who of <paramref name="accounts"/> may see which of <paramref name="defs"/>: VIP levels and the room's owner
    /// are read only when one of the pendants asks for them.
    /// </summary>
    public async Task<Func<PendantDef, string, string?, bool>> AudienceAsync(string roomId, IReadOnlyCollection<string> accounts, IReadOnlyCollection<PendantDef> defs)
    {
        var vip = defs.Any(d => d.MinVipLevel > 0)
            ? (await profiles.GetManyAsync(accounts).ConfigureAwait(false)).ToDictionary(p => p.Key, p => p.Value.VipLevel)
            : [];
        string? owner = defs.Any(d => d.OwnerOnly) ? (await rooms.InfoAsync(roomId).ConfigureAwait(false))?.Owner : null;
        return (def, acc, version) => def.VisibleTo(version, vip.GetValueOrDefault(acc), owner == acc);
    }

    [MessagePackObject]
    public sealed class PendantCast
    {
        [Key(0)] public string RoomId { get; set; } = "";
        [Key(1)] public string PendantId { get; set; } = "";
        [Key(2)] public int OpId { get; set; }
        [Key(3)] public byte[] Data { get; set; } = [];
    }
}
