using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using DotNetty.Buffers;
using DotNetty.Transport.Channels;
using MessagePack;
using NLog;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Metrics;
using SocialGame.Core.Sessions;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.System;
using SocialGame.Protocol.Wire;
using IRunnable = DotNetty.Common.Concurrency.IRunnable;

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
    // the connection's event loop and high-water mark, fixed for its life: read once, not through the channel per write
    private readonly IEventLoop _loop = channel.EventLoop;
    private readonly int _highWater = channel.Configuration.WriteBufferHighWaterMark;
    private int _state;
    private int _slowConsumer;
    // writes that went through the event loop's task queue, numbered in the order they entered it, and the highest
    // number known to have left it (written into the pipeline); equal: no write of this session is waiting there
    private long _queued;
    private long _left;
    // bytes of frames waiting in the event loop's task queue (not yet in DotNetty's outbound buffer, whose bytes DotNetty
    // counts against the high-water mark; these count against it here)
    private long _waitingBytes;

    /// <summary>The client a trusted proxy named; called on the event loop before any request is decoded.</summary>
    public void SetClientIp(IPAddress address)
    {
        Log.Debug("{Session} is proxied for {Ip}", this, address);
        ClientIp = address;
    }

    public ConnectionGate.Admission? Admission => admission;

    public override bool IsOpen => channel.Active && Volatile.Read(ref _state) == Open;

    protected override void OnLoggedIn() => admission?.LoggedIn();

    public override Task SendAsync(int module, int opid, RequestSeq? seq, ReadOnlyMemory<byte> data)
    {
        if (!IsOpen) return Task.CompletedTask;
        return BelowHighWater() ? SendFrameAsync(module, opid, seq, data, wait: true)! : KickAsync(KickReason.SlowReader);
    }

    public override void Send(int module, int opid, RequestSeq? seq, ReadOnlyMemory<byte> data)
    {
        if (!IsOpen) return;
        if (BelowHighWater()) SendFrameAsync(module, opid, seq, data, wait: false);
        else _ = KickAsync(KickReason.SlowReader);
    }

    /// <summary>True while the pending output is below the high-water mark; else counts the slow reader (once).</summary>
    private bool BelowHighWater()
    {
        if (channel.IsWritable && Volatile.Read(ref _waitingBytes) < _highWater) return true;
        // Counted once per connection: more sends may arrive before the kick takes effect.
        if (Interlocked.Exchange(ref _slowConsumer, 1) == 0)
        {
            metrics.SlowConsumer();
            Log.Warn("{Session} stopped reading and its pending output passed the limit", this);
        }
        return false;
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
            ? SendFrameAsync((int)kicked.Module, kicked.OpId, null, ProtocolSerializer.SerializeData(KickedPush.For(reason)), wait: true)!
            : Task.CompletedTask;
        if (!write.IsCompleted) await Task.WhenAny(write, Task.Delay(CloseGrace)).ConfigureAwait(false);
        // A client kicked for what it keeps sending is still writing: its unread requests would turn the close into a reset.
        if (write.IsCompletedSuccessfully && reason is KickReason.Flooding or KickReason.QueueOverflow)
            await LingerAsync().ConfigureAwait(false);
        await CloseAsync(reason).ConfigureAwait(false);
    }

    /// <summary>
    /// After the kicked frame is written: give the client time to read it and close its side, at most
    /// <see cref="LingerGrace"/>. Closing at once with the client's requests still unread makes the kernel answer with a
    /// reset, and a reset drops what still waits in the send buffer (the kicked frame, when the client's window is full: a
    /// flooding client is still writing when it is kicked, and may not be reading). The output is not shut down first: after
    /// that the runtime's socket reports itself not connected, DotNetty takes its next read (more of the flood) for the end of
    /// the connection and closes at once, which is that reset. Requests arriving meanwhile are dropped: the session is no
    /// longer open.
    /// </summary>
    private async Task LingerAsync()
    {
        if (!channel.Active) return;
        await Task.WhenAny(channel.CloseCompletion, Task.Delay(LingerGrace)).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes one frame behind every frame this session wrote before (a failure closes the connection; nothing is
    /// thrown). The frame is encoded before this returns, so <paramref name="data"/> may be reused at once. From the event
    /// loop, with no frame of this session waiting in the loop's task queue, the frame goes straight into the pipeline;
    /// otherwise it joins that queue as one task of its own (behind those queued before) that writes it from the loop.
    /// With <paramref name="wait"/>, the returned task completes once the frame is written (or the write failed); without,
    /// null (a fire-and-forget answer or push costs no task).
    /// </summary>
    private Task? SendFrameAsync(int module, int opid, RequestSeq? seq, ReadOnlyMemory<byte> data, bool wait)
    {
        if (_loop.InEventLoop && Volatile.Read(ref _left) == Volatile.Read(ref _queued))
        {
            IByteBuffer frame;
            try
            {
                frame = Encode(module, opid, seq, data.Span);
            }
            catch (Exception ex)
            {
                return EncodeFailed(ex, wait);
            }
            var pending = WriteNow(frame);
            return !wait ? null : pending is null ? Task.CompletedTask : pending.ContinueWith(static _ => { },
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        var bytes = ArrayPool<byte>.Shared.Rent(MostFrameBytes(data.Length));
        int length;
        try
        {
            length = EncodeInto(bytes, module, opid, seq, data.Span);
        }
        catch (Exception ex)
        {
            ArrayPool<byte>.Shared.Return(bytes);
            return EncodeFailed(ex, wait);
        }
        var done = wait ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null;
        long queued = Interlocked.Increment(ref _queued);
        var task = new QueuedFrame(this, bytes, length, queued, done);
        Interlocked.Add(ref _waitingBytes, length);
        try
        {
            _loop.Execute(task);
        }
        catch (Exception ex)
        {
            // the loop is shutting down
            Interlocked.Add(ref _waitingBytes, -length);
            Left(queued);
            ArrayPool<byte>.Shared.Return(bytes);
            done?.TrySetResult();
            Log.Debug("write to {Session} not queued: {Error}", this, ex.Message);
        }
        return done?.Task;
    }

    private Task? EncodeFailed(Exception ex, bool wait)
    {
        Log.Error(ex, "could not write to {Session}", this);
        _ = CloseAsync("write failed");
        return wait ? Task.CompletedTask : null;
    }

    /// <summary>
    /// On the event loop: the frame into the pipeline (DotNetty releases it once written). Null when the write is done,
    /// or failed (then the connection is closing); the write's task while it is still pending (a failure then closes).
    /// </summary>
    private Task? WriteNow(IByteBuffer frame)
    {
        Task write;
        try
        {
            write = channel.WriteAndFlushAsync(frame);
        }
        catch (Exception ex)
        {
            if (frame.ReferenceCount > 0) frame.Release();
            Log.Error(ex, "could not write to {Session}", this);
            _ = CloseAsync("write failed");
            return null;
        }
        if (write.IsCompletedSuccessfully) return null;
        if (write.IsCompleted)
        {
            WriteFailed(write, this);
            return null;
        }
        write.ContinueWith(WriteFailed, this, CancellationToken.None,
            TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return write;
    }

    private static readonly Action<Task, object?> WriteFailed = static (write, state) =>
    {
        var session = (NettySession)state!;
        Log.Debug("write to {Session} failed: {Error}", session, write.Exception?.GetBaseException().Message ?? "cancelled");
        _ = session.CloseAsync("write failed");
    };

    /// <summary>
    /// A frame waiting in the event loop's task queue, its bytes in an array of the shared pool; run there, in the order it
    /// was queued: copied into a buffer of the channel's allocator (taken and released on the loop, so the buffer is
    /// recycled, and every frame in the pipeline is of one buffer type) and written.
    /// </summary>
    private sealed class QueuedFrame(NettySession session, byte[] bytes, int length, long queued, TaskCompletionSource? done)
        : IRunnable
    {
        public void Run()
        {
            Interlocked.Add(ref session._waitingBytes, -length);
            // from now on it is in the pipeline: a later write from the loop may go straight in behind it
            session.Left(queued);
            IByteBuffer frame;
            try
            {
                frame = session.Copy(bytes, length);
            }
            catch (Exception ex)
            {
                session.EncodeFailed(ex, wait: false);
                done?.TrySetResult();
                return;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
            var pending = session.WriteNow(frame);
            if (done is null) return;
            if (pending is null) done.TrySetResult();
            else pending.ContinueWith(static (_, d) => ((TaskCompletionSource)d!).TrySetResult(), done, CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private void Left(long queued)
    {
        long seen;
        while ((seen = Volatile.Read(ref _left)) < queued && Interlocked.CompareExchange(ref _left, queued, seen) != seen)
        {
        }
    }

    /// <summary>On the event loop: a queued frame's bytes into a buffer of the channel's allocator.</summary>
    private IByteBuffer Copy(byte[] bytes, int length)
    {
        var frame = channel.Allocator.HeapBuffer(length);
        frame.WriteBytes(bytes, 0, length);
        return frame;
    }

    private static int MostFrameBytes(int dataLength) => 4 + EnvelopeCodec.MaxHeaderLength + Math.Max(1, dataLength);

    /// <summary>
    /// One frame into a buffer of the channel's allocator (on the event loop, which releases it once written: a pooled
    /// buffer released on another thread than the one that took it is not recycled; BENCHMARKS.md).
    /// </summary>
    private IByteBuffer Encode(int module, int opid, RequestSeq? seq, ReadOnlySpan<byte> data)
    {
        // the header and the data written in place: one reach into the buffer, no writer between
        int most = MostFrameBytes(data.Length);
        var frame = channel.Allocator.HeapBuffer(most);
        try
        {
            frame.EnsureWritable(most);
            int length = EncodeInto(frame.GetIoBuffer(frame.WriterIndex, most).AsSpan(), module, opid, seq, data);
            frame.SetWriterIndex(frame.WriterIndex + length);
            return frame;
        }
        catch
        {
            frame.Release();
            throw;
        }
    }

    /// <summary>One frame (4-byte big-endian length, then the body map) into <paramref name="span"/>; returns its length.</summary>
    private static int EncodeInto(Span<byte> span, int module, int opid, RequestSeq? seq, ReadOnlySpan<byte> data)
    {
        int length = EnvelopeCodec.WriteHeader(span[4..], module, opid, seq);
        if (data.IsEmpty) span[4 + length++] = MessagePackCode.Nil;
        else
        {
            data.CopyTo(span[(4 + length)..]);
            length += data.Length;
        }
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        return 4 + length;
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
