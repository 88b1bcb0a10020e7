using System.Collections.Concurrent;
using SocialGame.Core.Sessions;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Wire;
using StackExchange.Redis;

namespace SocialGame.Core.Push;

/// <summary>
/// Which of a room's members on this node get a room push (e.g. a pendant's visibility rules). Runs on every node
/// holding members, in the room channel's order; <paramref name="key"/> is what the sender gave with the filter's name.
/// </summary>
public delegate Task<IEnumerable<ISession>> RoomMemberFilter(string roomId, string key, int opId, IReadOnlyList<ISession> members);

/// <summary>A member filter for one room push: the name it is registered under (on every node) and what it filters by.</summary>
public sealed record RoomFilter(string Name, string Key);

/// <summary>Where room member filters are registered (at start-up, on every node alike): the message router.</summary>
internal interface IRoomFilters
{
    void AddRoomFilter(string name, RoomMemberFilter filter);
}

/// <summary>
/// Rooms: each node subscribes to the channel of each room that has a member connected to it (and unsubscribes when
/// the last one leaves), so one publish reaches every member on every node, in publish order.
/// </summary>
public sealed partial class MessageRouter : IRoomFilters
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, ISession>> _rooms = new();
    private readonly Dictionary<string, ChannelMessageQueue> _roomQueues = [];
    private readonly SemaphoreSlim _roomSubscriptions = new(1, 1);
    private readonly ConcurrentDictionary<string, RoomMemberFilter> _filters = new();

    /// <summary>Registers a member filter (at start-up, on every node alike).</summary>
    public void AddRoomFilter(string name, RoomMemberFilter filter)
    {
        if (!_filters.TryAdd(name, filter)) throw new InvalidOperationException($"room filter {name} registered twice");
    }

    /// <summary>The session hears the room's pushes from now on (the node subscribes with its first member there).</summary>
    public async Task JoinRoomAsync(string roomId, ISession session)
    {
        await _roomSubscriptions.WaitAsync().ConfigureAwait(false);
        try
        {
            var members = _rooms.GetOrAdd(roomId, _ => new ConcurrentDictionary<string, ISession>());
            bool first = members.IsEmpty;
            members[session.Account!] = session;
            if (first) _roomQueues[roomId] = await ListenAsync(channels.Room(roomId), "room " + roomId).ConfigureAwait(false);
        }
        finally
        {
            _roomSubscriptions.Release();
        }
    }

    /// <summary>The account no longer hears the room here (the node unsubscribes with its last member there).</summary>
    public async Task LeaveRoomAsync(string roomId, string account)
    {
        await _roomSubscriptions.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_rooms.TryGetValue(roomId, out var members) || !members.TryRemove(account, out _) || !members.IsEmpty) return;
            _rooms.TryRemove(roomId, out _);
            if (_roomQueues.Remove(roomId, out var queue)) await queue.UnsubscribeAsync().ConfigureAwait(false);
        }
        finally
        {
            _roomSubscriptions.Release();
        }
    }

    /// <summary>The rooms with members connected to this node.</summary>
    public IReadOnlyList<string> LocalRooms => _rooms.Where(r => !r.Value.IsEmpty).Select(r => r.Key).ToList();

    /// <summary>The members of the room connected to this node (for a change each node delivers to its own members, e.g. a pendant
    /// that became visible).</summary>
    public IReadOnlyList<ISession> LocalRoomMembers(string roomId) =>
        _rooms.TryGetValue(roomId, out var m) ? m.Values.Where(s => s.IsOpen).ToList() : [];

    /// <summary>How many members of the room hear it through this node.</summary>
    public int LocalMembers(string roomId) => _rooms.TryGetValue(roomId, out var m) ? m.Count : 0;

    /// <summary>
    /// Sends a push to the members of the room on every node (those the filter keeps, when given); with
    /// <paramref name="closesRoom"/>, every node drops the room's members after delivering it. Returns how many nodes heard it.
    /// </summary>
    public Task<long> ToRoomAsync<T>(string roomId, PushDef<T> push, T data, RoomFilter? filter = null, bool closesRoom = false) where T
        : class =>
        PublishAsync(channels.Room(roomId), new RouterEnvelope
        {
            Kind = RouterEnvelopeKind.Room, Room = roomId, Module = (int)push.Module, OpId = push.OpId, Data =
                ProtocolSerializer.SerializeData(data),
            ClosesRoom = closesRoom, Filter = filter?.Name ?? "", FilterKey = filter?.Key ?? "",
        });

    /// <summary>Sends a push to everybody logged in, on every node. Returns how many nodes heard it.</summary>
    public Task<long> ToEveryoneAsync<T>(PushDef<T> push, T data) where T : class =>
        PublishAsync(channels.Everyone, new RouterEnvelope
        {
            Kind = RouterEnvelopeKind.Everyone, Module = (int)push.Module, OpId = push.OpId, Data = ProtocolSerializer.SerializeData(data),
        });

    private async Task DeliverToRoomAsync(RouterEnvelope message)
    {
        if (!_rooms.TryGetValue(message.Room, out var members) || members.IsEmpty) return;
        // The members' snapshot is the audience; the send loop below skips those closed meanwhile.
        IEnumerable<ISession> audience = members.Values;
        if (message.Filter.Length > 0)
        {
            if (!_filters.TryGetValue(message.Filter, out var filter))
            {
                Log.Error("room {Room}: push {Module}/{Op} names the unknown filter {Filter}; not delivered", message.Room, message.Module,
                    message.OpId, message.Filter);
                return;
            }
            audience = await filter(message.Room, message.FilterKey, message.OpId, members.Values.Where(s => s.IsOpen).ToList())
                .ConfigureAwait(false);
        }
        foreach (var session in audience)
            if (session is SessionBase s && s.IsOpen) s.Send(message.Module, message.OpId, null, message.Data);
        // Not awaited: the unsubscribe ends this channel's own queue, whose handler this is.
        if (message.ClosesRoom)
            foreach (var account in members.Keys.ToList())
                _ = LeaveRoomAsync(message.Room, account)
                    .ContinueWith(t => Log.Warn("room {Room}: unsubscribe failed: {Error}", message.Room,
                    t.Exception?.GetBaseException().Message),
                    CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
