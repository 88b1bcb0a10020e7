using System.Buffers;
using System.Net;
using DotNetty.Transport.Channels;
using NLog;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Metrics;
using SocialGame.Core.Sessions;
using SocialGame.Protocol.Wire;

namespace SocialGame.Server.Transport;

/// <summary>A session over a DotNetty channel. Writes may come from any thread; DotNetty queues them on the loop.</summary>
internal sealed class NettySession(IChannel channel, IPAddress clientIp, RateLimiter rateLimiter, ServerMetrics metrics)
    : SessionBase(clientIp, rateLimiter)
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private int _closing;
    private int _slowConsumer;

    /// <summary>The client a trusted proxy named; called on the event loop before any request is decoded.</summary>
    public void SetClientIp(IPAddress address)
    {
        Log.Debug("{0} is proxied for {1}", this, address);
        ClientIp = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    public override bool IsOpen => channel.Active && Volatile.Read(ref _closing) == 0;

    public override async Task SendAsync(int module, int opid, long? seq, ReadOnlyMemory<byte> data, string? closeReason = null)
    {
        if (!channel.Active) return;
        if (!channel.IsWritable)
        {
            // Counted once per connection: more sends may arrive before the close completes.
            if (Interlocked.Exchange(ref _slowConsumer, 1) == 0)
            {
                metrics.SlowConsumer();
                Log.Warn("closing {0}: it stopped reading and its pending output passed the limit", this);
            }
            await CloseAsync("slow consumer").ConfigureAwait(false);
            return;
        }
        var body = new ArrayBufferWriter<byte>(32 + data.Length);
        EnvelopeCodec.WriteBody(body, module, opid, seq, data.Span);
        var buffer = channel.Allocator.Buffer(4 + body.WrittenCount);
        buffer.WriteInt(body.WrittenCount);
        buffer.WriteBytes(body.WrittenSpan.ToArray());
        try
        {
            await channel.WriteAndFlushAsync(buffer).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.Debug("write to {0} failed: {1}", this, ex.Message);
            await CloseAsync("write failed").ConfigureAwait(false);
            return;
        }
        if (closeReason is not null) await CloseAsync(closeReason).ConfigureAwait(false);
    }

    public override async Task CloseAsync(string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 0)
            Log.Info("closing {0}: {1}", this, reason);
        try
        {
            await channel.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.Debug("close of {0}: {1}", this, ex.Message);
        }
    }
}
