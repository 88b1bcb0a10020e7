using MessagePack;
using NLog;
using SocialGame.Core.Storage;
using SocialGame.Core.Storage.Keys;
using SocialGame.Protocol.Wire;
using StackExchange.Redis;

namespace SocialGame.Core.Push;

/// <summary>Node-to-node messages over Redis pub/sub: each node listens on its own channel.</summary>
public sealed class NodeBus(RedisStore redis, string node)
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private ChannelMessageQueue? _queue;

    public static RedisChannel ChannelOf(string node) => CoreKeys.Node(node);

    /// <summary>Starts listening; messages are handled one at a time, in order.</summary>
    public async Task StartAsync(Func<NodeMessage, Task> handle)
    {
        _queue = await redis.SubscribeAsync(s => s.SubscribeAsync(ChannelOf(node))).ConfigureAwait(false);
        _queue.OnMessage(async m =>
        {
            NodeMessage message;
            try
            {
                message = MessagePackSerializer.Deserialize<NodeMessage>((byte[])m.Message!, ProtocolSerializer.Options);
            }
            catch (MessagePackSerializationException ex)
            {
                Log.Error("unreadable node message on {0}: {1}", m.Channel, ex.Message);
                return;
            }
            try
            {
                await handle(message).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.Error(ex, "node message {0} for {1} failed", message.Kind, message.Account);
            }
        });
    }

    /// <summary>Sends to one node; true when a node is subscribed to it.</summary>
    public async Task<bool> SendAsync(string toNode, NodeMessage message)
    {
        byte[] bytes = MessagePackSerializer.Serialize(message, ProtocolSerializer.Options);
        long receivers = await redis.Subscriber.PublishAsync(ChannelOf(toNode), bytes).ConfigureAwait(false);
        return receivers > 0;
    }

    public async Task StopAsync()
    {
        if (_queue is not null) await _queue.UnsubscribeAsync().ConfigureAwait(false);
    }
}
