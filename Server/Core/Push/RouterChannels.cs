using SocialGame.Core.Storage.Keys;
using StackExchange.Redis;

namespace SocialGame.Core.Push;

/// <summary>
/// The Redis pub/sub channels of the message router, chosen here alone: one per node (pushes and kicks for the
/// accounts it holds), one per room (subscribed by the nodes holding members of it), one for everybody. Each
/// channel is delivered in publish order on each node. A switch to sharded pub/sub (SPUBLISH, Redis Cluster)
/// changes these names (a hash tag per room) and <see cref="MessageRouter"/>'s one publish and one subscribe.
/// </summary>
internal static class RouterChannels
{
    public static RedisChannel Node(string node) => CoreKeys.Node(node);
    public static RedisChannel Room(string roomId) => CoreKeys.RoomCast(roomId);
    public static readonly RedisChannel Everyone = CoreKeys.Everyone;
}
