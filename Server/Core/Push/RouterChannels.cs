using SocialGame.Core.Storage.Keys;
using StackExchange.Redis;

namespace SocialGame.Core.Push;

/// <summary>
/// The Redis pub/sub channels of the message router, chosen here alone: one per node (pushes and kicks for the
/// accounts it holds), one per room (subscribed by the nodes holding members of it), one for everybody. Each
/// channel is delivered in publish order on each node. On a Redis Cluster the node and room channels are sharded
/// (SPUBLISH/SSUBSCRIBE): a publish goes to the one shard owning the channel's slot, where its subscribers are,
/// instead of being copied to every cluster node. The everybody channel stays a classic one (every node hears it).
/// </summary>
public sealed class RouterChannels(bool sharded)
{
    public bool Sharded => sharded;

    public RedisChannel Node(string node) => Of(CoreKeys.Node(node));
    public RedisChannel Room(string roomId) => Of(CoreKeys.RoomCast(roomId));
    public RedisChannel Everyone => CoreKeys.Everyone;

    private RedisChannel Of(RedisChannel literal) => sharded ? RedisChannel.Sharded((string)literal!) : literal;
}
