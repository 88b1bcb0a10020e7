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
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.System;
using SocialGame.Protocol.Wire;

namespace SocialGame.Server.Transport;

/// <summary>
/// A session over a DotNetty channel. Writes may come from any thread; DotNetty queues them on the loop.
/// Open, then (at most once) kicked: only the kicked push is written after that, then closed.
/// </summary>
internal sealed class NettySession(IChannel channel, IPAddress clientIp, RateLimiter rateLimiter, ServerMetrics metrics, ConnectionGate.Admission? admission)
    : SessionBase(clientIp, rateLimiter)
{
    private const int Open = 0, Kicked = 1, Closing = 2;
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);
    private int _state;
    private int _slowConsumer;

    /// <summary>The client a trusted proxy named; called on the event loop before any request is decoded.</summary>
    public void SetClientIp(IPAddress address)
    {
        Log.Debug("{0} is proxied for {1}", this, address);
        ClientIp = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    public ConnectionGate.Admission? Admission => admission;

    public override bool IsOpen => channel.Active && Volatile.Read(ref _state) == Open;

    protected override void OnLoggedIn() => admission?.LoggedIn();

    public override async Task SendAsync(int module, int opid, long? seq, ReadOnlyMemory<byte> data)
    {
        if (!IsOpen) return;
        if (!channel.IsWritable)
        {
            // Counted once per connection: more sends may arrive before the kick takes effect.
            if (Interlocked.Exchange(ref _slowConsumer, 1) == 0)
            {
                metrics.SlowConsumer();
                Log.Warn("{0} stopped reading and its pending output passed the limit", this);
            }
            await KickAsync(KickReason.SlowReader).ConfigureAwait(false);
            return;
        }
        if (Write(module, opid, seq, data) is not { } write) return;
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

    public override async Task KickAsync(string reason)
    {
        if (Interlocked.CompareExchange(ref _state, Kicked, Open) != Open) return;
        metrics.Closed(reason);
        // Refusals at connect come in floods: the gate logs them in summary.
        Log.Log(reason is KickReason.ServerFull or KickReason.TooManyFromIp ? LogLevel.Debug : LogLevel.Info, "kicking {0}: {1}", this, reason);
        var kicked = SystemProtocol.Kicked;
        // Past the writability check: the pending output is flushed first, then this frame, as far as the client reads.
        var write = channel.Active ? Write((int)kicked.Module, kicked.OpId, null, ProtocolSerializer.SerializeData(KickedPush.For(reason))) : null;
        if (write is { IsCompleted: false }) await Task.WhenAny(write, Task.Delay(CloseGrace)).ConfigureAwait(false);
        await CloseAsync(reason).ConfigureAwait(false);
        if (write is null) return;
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.Debug("the kicked push to {0} was not written: {1}", this, ex.Message);
        }
    }

    /// <summary>Encodes and queues one frame; null (and the connection closing) when that fails.</summary>
    private Task? Write(int module, int opid, long? seq, ReadOnlyMemory<byte> data)
    {
        IByteBuffer? buffer = null;
        try
        {
            var body = new ArrayBufferWriter<byte>(36 + data.Length);
            body.Advance(4);
            EnvelopeCodec.WriteBody(body, module, opid, seq, data.Span);
            MemoryMarshal.TryGetArray(body.WrittenMemory, out ArraySegment<byte> bytes);
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(0, 4), body.WrittenCount - 4);
            buffer = Unpooled.WrappedBuffer(bytes.Array!, bytes.Offset, bytes.Count);
            var write = channel.WriteAndFlushAsync(buffer);
            buffer = null;
            return write;
        }
        catch (Exception ex)
        {
            buffer?.Release();
            Log.Error(ex, "could not write to {0}", this);
            _ = CloseAsync("write failed");
            return null;
        }
    }

    public override async Task CloseAsync(string reason)
    {
        if (Interlocked.Exchange(ref _state, Closing) == Open)
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
