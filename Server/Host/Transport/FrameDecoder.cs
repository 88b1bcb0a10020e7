using System.Diagnostics;
using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Common.Concurrency;
using DotNetty.Transport.Channels;
using SocialGame.Protocol;
using SocialGame.Protocol.Wire;

namespace SocialGame.Server.Transport;

/// <summary>Sent down the pipeline when a frame begun was not complete within the time limit.</summary>
internal sealed class FrameTimedOut
{
    public static readonly FrameTimedOut Instance = new();
}

/// <summary>Sent down the pipeline when nothing was read from the connection for the idle time.</summary>
internal sealed class ConnectionIdle
{
    public static readonly ConnectionIdle Instance = new();
}

/// <summary>
/// Length-prefixed frames (a 4-byte big-endian length), each read in place from the connection's received bytes into an
/// <see cref="Envelope"/> (which keeps its own copy of <c>data</c> only): one pipeline stage from bytes to requests. A zero or
/// over-long length, or a body that is no envelope, is a <see cref="DecoderException"/> for the session stage (which
/// says why and closes); bytes after it are dropped unread. And the slowloris guard:
/// once the first bytes of a frame arrived, the whole frame must be there within <c>limit</c>, however slowly the
/// rest trickles in, or <see cref="FrameTimedOut"/> goes down the pipeline. A timer is scheduled only when a frame
/// is left unfinished by a read and none is pending, so frames that arrive whole cost nothing more. And the idle guard:
/// nothing read for <c>idle</c>, and <see cref="ConnectionIdle"/> goes down the pipeline (a read notes the coarse clock;
/// one timer per connection looks at it when the idle time since the last read it saw would be up).
/// </summary>
internal sealed class FrameDecoder(int maxFrameLength, TimeSpan limit, TimeSpan idle) : ByteToMessageDecoder
{
    private const int LengthBytes = 4;
    private static readonly Action<object, object> OnTimer = (context, self) => ((FrameDecoder)self).Check((IChannelHandlerContext)context);
    private static readonly Action<object, object> OnIdleTimer =
        (context, self) => ((FrameDecoder)self).CheckIdle((IChannelHandlerContext)context);
    private readonly long _idleMs = (long)idle.TotalMilliseconds;
    // Environment.TickCount64 at the last read (or when the connection became active)
    private long _lastReadMs;
    private bool _idleWatched;
    // when the unfinished frame's first bytes arrived (stopwatch ticks); 0 while nothing is buffered
    private long _partialSince;
    private bool _timerPending;
    // the timers pending, cancelled when the connection closes (a pending timer keeps the whole pipeline alive until it runs)
    private IScheduledTask? _frameTimer, _idleTimer;
    private bool _timedOut;
    private bool _failed;

    public override void HandlerAdded(IChannelHandlerContext context)
    {
        base.HandlerAdded(context);
        if (context.Channel.Active && context.Channel.Registered) WatchIdle(context);
    }

    public override void ChannelActive(IChannelHandlerContext context)
    {
        WatchIdle(context);
        base.ChannelActive(context);
    }

    public override void ChannelInactive(IChannelHandlerContext context)
    {
        CancelTimers();
        base.ChannelInactive(context);
    }

    protected override void HandlerRemovedInternal(IChannelHandlerContext context)
    {
        CancelTimers();
        base.HandlerRemovedInternal(context);
    }

    private void CancelTimers()
    {
        _idleTimer?.Cancel();
        _frameTimer?.Cancel();
        _idleTimer = _frameTimer = null;
    }

    public override void ChannelRead(IChannelHandlerContext context, object message)
    {
        _lastReadMs = Environment.TickCount64;
        base.ChannelRead(context, message);
    }

    private void WatchIdle(IChannelHandlerContext context)
    {
        if (_idleWatched) return;
        _idleWatched = true;
        _lastReadMs = Environment.TickCount64;
        _idleTimer = context.Executor.Schedule(OnIdleTimer, context, this, idle);
    }

    /// <summary>On the event loop: idle since the last read, or a look again when the idle time since it would be up.</summary>
    private void CheckIdle(IChannelHandlerContext context)
    {
        if (!context.Channel.Active) return;
        long quiet = Environment.TickCount64 - _lastReadMs;
        if (quiet >= _idleMs)
        {
            context.FireUserEventTriggered(ConnectionIdle.Instance);
            return;
        }
        _idleTimer = context.Executor.Schedule(OnIdleTimer, context, this, TimeSpan.FromMilliseconds(_idleMs - quiet));
    }

    /// <summary>
    /// One frame from the front of <paramref name="input"/>, its body read in place (no slice of it is made): null while
    /// the frame is not all there. Its length is judged as soon as its four bytes are, before the body arrives.
    /// </summary>
    private Envelope? DecodeFrame(IByteBuffer input)
    {
        if (_failed)
        {
            input.SkipBytes(input.ReadableBytes);
            return null;
        }
        if (input.ReadableBytes < LengthBytes) return null;
        long length = input.GetUnsignedInt(input.ReaderIndex);
        if (length == 0) Fail(new CorruptedFrameException("zero-length frame"));
        if (length > maxFrameLength) Fail(new TooLongFrameException($"frame length {length} exceeds {maxFrameLength}"));
        int body = (int)length;
        if (input.ReadableBytes - LengthBytes < body) return null;
        var envelope = EnvelopeCodec.TryDecode(input.GetIoBuffer(input.ReaderIndex + LengthBytes, body), out string? error);
        input.SkipBytes(LengthBytes + body);
        if (envelope is null) Fail(new CorruptedFrameException(error));
        return envelope;
    }

    /// <summary>Bytes after a bad frame are dropped unread: the session stage closes the connection.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(DecoderException error)
    {
        _failed = true;
        throw error;
    }

    protected override void Decode(IChannelHandlerContext context, IByteBuffer input, List<object> output)
    {
        var envelope = DecodeFrame(input);
        if (envelope is not null) output.Add(envelope);
        if (envelope is not null || !input.IsReadable())
        {
            _partialSince = 0;
            return;
        }
        if (_partialSince != 0) return;
        _partialSince = Stopwatch.GetTimestamp();
        if (!_timerPending) Schedule(context, limit);
    }

    private void Schedule(IChannelHandlerContext context, TimeSpan delay)
    {
        _timerPending = true;
        _frameTimer = context.Executor.Schedule(OnTimer, context, this, delay);
    }

    /// <summary>On the event loop, like <see cref="Decode"/>.</summary>
    private void Check(IChannelHandlerContext context)
    {
        _timerPending = false;
        if (_partialSince == 0 || _timedOut || !context.Channel.Active) return;
        var age = Stopwatch.GetElapsedTime(_partialSince);
        if (age < limit)
        {
            Schedule(context, limit - age);
            return;
        }
        _timedOut = true;
        context.FireUserEventTriggered(FrameTimedOut.Instance);
    }
}
