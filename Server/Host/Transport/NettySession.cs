using DotNetty.Buffers;
using System.Net;
using DotNetty.Transport.Channels;
using DotNetty.Transport.Channels.Sockets;
using NLog;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Metrics;
using SocialGame.Core.Sessions;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.System;
using SocialGame.Protocol.Wire;

namespace SocialGame.Server.Transport;

/// <summary>
/// A session over a DotNetty channel. Writes may come from any thread; DotNetty queues them on the loop.
/// Open, then (at most once) kicked: only the kicked push is written after that, then closed.
/// </summary>
internal sealed class NettySession(IChannel channel, IPAddress clientIp, RateLimiter rateLimiter, ServerMetrics metrics,
        ConnectionGate.Admission? admission)
    : SessionBase(clientIp, rateLimiter)
{
    private const int Open = 0, Kicked = 1, Closing = 2;
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LingerGrace = TimeSpan.FromSeconds(1);
    private int _state;
    private int _slowConsumer;
    // writes that went through the event loop's task queue, numbered in the order they entered it, and the highest
    // number known to have left it (written into the pipeline); equal: no write of this session is waiting there
    private long _queued;
    private long _left;
    // bytes of frames waiting in the event loop's queue behind such writes (DotNetty counts its own queued writes
    // against the high-water mark; these count against it here)
    private long _waitingBytes;

    /// <summary>The client a trusted proxy named; called on the event loop before any request is decoded.</summary>
    public void SetClientIp(IPAddress address)
    {
        Log.Debug("{Session} is proxied for {Ip}", this, address);
        ClientIp = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    public ConnectionGate.Admission? Admission => admission;

    public override bool IsOpen => channel.Active && Volatile.Read(ref _state) == Open;

    protected override void OnLoggedIn() => admission?.LoggedIn();

    public override Task SendAsync(int module, int opid, RequestSeq? seq, ReadOnlyMemory<byte> data)
    {
        if (!IsOpen) return Task.CompletedTask;
        if (channel.IsWritable && Volatile.Read(ref _waitingBytes) < channel.Configuration.WriteBufferHighWaterMark)
            return SendFrameAsync(module, opid, seq, data);
        // Counted once per connection: more sends may arrive before the kick takes effect.
        if (Interlocked.Exchange(ref _slowConsumer, 1) == 0)
        {
            metrics.SlowConsumer();
            Log.Warn("{Session} stopped reading and its pending output passed the limit", this);
        }
        return KickAsync(KickReason.SlowReader);
    }

    public override async Task KickAsync(string reason)
    {
        if (Interlocked.CompareExchange(ref _state, Kicked, Open) != Open) return;
        metrics.Closed(reason);
        // Refusals at connect come in floods: the gate logs them in summary.
        Log.Log(reason is KickReason.ServerFull or KickReason.TooManyFromIp ? LogLevel.Debug : LogLevel.Info,
            "kicking {Session}: {Reason}", this, reason);
        var kicked = SystemProtocol.Kicked;
        // Past the writability check: the pending output is flushed first, then this frame, as far as the client reads.
        var write = channel.Active
            ? SendFrameAsync((int)kicked.Module, kicked.OpId, null, ProtocolSerializer.SerializeData(KickedPush.For(reason)))
            : Task.CompletedTask;
        if (!write.IsCompleted) await Task.WhenAny(write, Task.Delay(CloseGrace)).ConfigureAwait(false);
        // A client kicked for what it keeps sending is still writing: its unread requests would turn the close into a reset.
        if (write.IsCompletedSuccessfully && reason is KickReason.Flooding or KickReason.QueueOverflow)
            await LingerAsync().ConfigureAwait(false);
        await CloseAsync(reason).ConfigureAwait(false);
    }

    /// <summary>
    /// After the kicked frame is written: end the output (FIN after the frame) and let the client close its side,
    /// for at most <see cref="LingerGrace"/>. Closing at once with the client's requests still unread would make
    /// the kernel answer with a reset, and a reset may discard the kicked frame before the client reads it (a
    /// flooding client is still writing when it is kicked). Requests arriving meanwhile are dropped: the session
    /// is no longer open.
    /// </summary>
    private async Task LingerAsync()
    {
        if (channel is not TcpSocketChannel tcp || !channel.Active) return;
        try
        {
            await tcp.ShutdownOutputAsync().ConfigureAwait(false);
            await Task.WhenAny(channel.CloseCompletion, Task.Delay(LingerGrace)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.Debug("half-close of {Session}: {Error}", this, ex.Message);
        }
    }

    /// <summary>
    /// Writes one frame behind every frame this session wrote before, and completes when it is written (a failure
    /// closes the connection; nothing is thrown). The frame is encoded into a pooled buffer before this returns, so
    /// <paramref name="data"/> may be reused at once. A write from another thread waits in the event loop's task queue
    /// (DotNetty queues it); one made on the event loop goes straight into the pipeline, so it would overtake such a
    /// waiting write: it does that only when none may still be waiting, and otherwise joins the queue behind them.
    /// </summary>
    private Task SendFrameAsync(int module, int opid, RequestSeq? seq, ReadOnlyMemory<byte> data)
    {
        IByteBuffer frame;
        try
        {
            frame = Encode(module, opid, seq, data.Span);
        }
        catch (Exception ex)
        {
            Log.Error(ex, "could not write to {Session}", this);
            _ = CloseAsync("write failed");
            return Task.CompletedTask;
        }
        return SendEncodedAsync(frame);
    }

    private async Task SendEncodedAsync(IByteBuffer frame)
    {
        long queued = 0;
        try
        {
            Task? write;
            if (!channel.EventLoop.InEventLoop)
            {
                queued = Interlocked.Increment(ref _queued);
                write = Write(frame);
            }
            else if (Volatile.Read(ref _left) == Volatile.Read(ref _queued))
            {
                write = Write(frame);
            }
            else
            {
                queued = Interlocked.Increment(ref _queued);
                write = await WriteFromLoopQueueAsync(queued, frame).ConfigureAwait(false);
            }
            if (write is not null) await write.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.Debug("write to {Session} failed: {Error}", this, ex.Message);
            await CloseAsync("write failed").ConfigureAwait(false);
        }
        finally
        {
            // a written (or failed) write has left the queue, and every one queued before it
            if (queued > 0) Left(queued);
        }
    }

    /// <summary>Writes the frame from a task in the event loop's queue, behind those queued before; returns that write.</summary>
    private Task<Task?> WriteFromLoopQueueAsync(long queued, IByteBuffer frame)
    {
        var written = new TaskCompletionSource<Task?>(TaskCreationOptions.RunContinuationsAsynchronously);
        int length = frame.ReadableBytes;
        Interlocked.Add(ref _waitingBytes, length);
        try
        {
            channel.EventLoop.Execute(() =>
            {
                Interlocked.Add(ref _waitingBytes, -length);
                Left(queued);
                written.SetResult(Write(frame));
            });
        }
        catch
        {
            Interlocked.Add(ref _waitingBytes, -length); // the loop is shutting down
            frame.Release();
            throw;
        }
        return written.Task;
    }

    private void Left(long queued)
    {
        long seen;
        while ((seen = Volatile.Read(ref _left)) < queued && Interlocked.CompareExchange(ref _left, queued, seen) != seen)
        {
        }
    }

    /// <summary>
    /// One frame (4-byte big-endian length, then the body map). On the event loop it goes into a pooled buffer of the
    /// channel's allocator; elsewhere into an unpooled one: the loop releases the frame once written, and a pooled buffer
    /// released on another thread than the one that took it is not recycled (DotNetty then allocates more for it than an
    /// unpooled buffer costs; BENCHMARKS.md).
    /// </summary>
    private IByteBuffer Encode(int module, int opid, RequestSeq? seq, ReadOnlySpan<byte> data)
    {
        var frame = channel.EventLoop.InEventLoop ? channel.Allocator.HeapBuffer(40 + data.Length)
            : Unpooled.Buffer(40 + data.Length);
        var writer = ByteBufferWriter.On(frame);
        try
        {
            frame.WriteInt(0);
            EnvelopeCodec.WriteBody(writer, module, opid, seq, data);
            frame.SetInt(frame.ReaderIndex, frame.ReadableBytes - 4);
            return frame;
        }
        catch
        {
            frame.Release();
            throw;
        }
        finally
        {
            writer.Done();
        }
    }

    /// <summary>Queues one encoded frame (DotNetty releases it once written); null (and the connection closing) when that fails.</summary>
    private Task? Write(IByteBuffer frame)
    {
        try
        {
            return channel.WriteAndFlushAsync(frame);
        }
        catch (Exception ex)
        {
            if (frame.ReferenceCount > 0) frame.Release();
            Log.Error(ex, "could not write to {Session}", this);
            _ = CloseAsync("write failed");
            return null;
        }
    }

    public override async Task CloseAsync(string reason)
    {
        if (Interlocked.Exchange(ref _state, Closing) == Open)
            Log.Info("closing {Session}: {Reason}", this, reason);
        try
        {
            await channel.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.Debug("close of {Session}: {Error}", this, ex.Message);
        }
    }
}
