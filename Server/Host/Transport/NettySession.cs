using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using DotNetty.Buffers;
using System.Net;
using DotNetty.Transport.Channels;
using NLog;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Metrics;
using SocialGame.Core.Sessions;
using SocialGame.Protocol;
using SocialGame.Protocol.Wire;

namespace SocialGame.Server.Transport;

/// <summary>A session over a DotNetty channel. Writes may come from any thread; DotNetty queues them on the loop.</summary>
internal sealed class NettySession(IChannel channel, IPAddress clientIp, RateLimiter rateLimiter, ServerMetrics metrics)
    : SessionBase(clientIp, rateLimiter)
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);
    private int _closing;
    private int _slowConsumer;

    /// <summary>The client a trusted proxy named; called on the event loop before any request is decoded.</summary>
    public void SetClientIp(IPAddress address)
    {
        Log.Debug("{0} is proxied for {1}", this, address);
        ClientIp = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    public override bool IsOpen => channel.Active && Volatile.Read(ref _closing) == 0;

    public override async Task SendAsync(int module, int opid, RequestSeq? seq, ReadOnlyMemory<byte> data, string? closeReason = null)
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
        IByteBuffer? buffer = null;
        Task write;
        try
        {
            var body = new ArrayBufferWriter<byte>(36 + data.Length);
            body.Advance(4);
            EnvelopeCodec.WriteBody(body, module, opid, seq, data.Span);
            MemoryMarshal.TryGetArray(body.WrittenMemory, out ArraySegment<byte> bytes);
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(0, 4), body.WrittenCount - 4);
            buffer = Unpooled.WrappedBuffer(bytes.Array!, bytes.Offset, bytes.Count);
            write = channel.WriteAndFlushAsync(buffer);
            buffer = null;
        }
        catch (Exception ex)
        {
            buffer?.Release();
            Log.Error(ex, "could not write to {0}", this);
            await CloseAsync("write failed").ConfigureAwait(false);
            return;
        }
        if (closeReason is not null)
        {
            // Close once the frame is flushed, or after a grace period for a client that does not read.
            await Task.WhenAny(write, Task.Delay(CloseGrace)).ConfigureAwait(false);
            await CloseAsync(closeReason).ConfigureAwait(false);
        }
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.Debug("write to {0} failed: {1}", this, ex.Message);
            await CloseAsync("write failed").ConfigureAwait(false);
        }
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
