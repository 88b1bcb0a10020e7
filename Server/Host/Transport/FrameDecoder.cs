using System.Diagnostics;
using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Transport.Channels;
using SocialGame.Protocol;
using SocialGame.Protocol.Wire;

namespace SocialGame.Server.Transport;

/// <summary>Sent down the pipeline when a frame begun was not complete within the time limit.</summary>
internal sealed class FrameTimedOut
{
    public static readonly FrameTimedOut Instance = new();
}

/// <summary>
/// Length-prefixed frames, each read in place into a <see cref="Envelope"/> (the envelope keeps its own copy of
/// <c>data</c> only; the frame's buffer is released at once): one pipeline stage from bytes to requests. A zero or
/// over-long length, or a body that is no envelope, is a <see cref="DecoderException"/> for the session stage (which
/// says why and closes); bytes after it are dropped unread. And the slowloris guard:
/// once the first bytes of a frame arrived, the whole frame must be there within <c>limit</c>, however slowly the
/// rest trickles in, or <see cref="FrameTimedOut"/> goes down the pipeline. A timer is scheduled only when a frame
/// is left unfinished by a read and none is pending, so frames that arrive whole cost nothing more.
/// </summary>
internal sealed class FrameDecoder(int maxFrameLength, TimeSpan limit)
    : LengthFieldBasedFrameDecoder(ByteOrder.BigEndian, maxFrameLength + 4, 0, 4, 0, 4, true)
{
    private static readonly Action<object, object> OnTimer = (context, self) => ((FrameDecoder)self).Check((IChannelHandlerContext)context);
    // when the unfinished frame's first bytes arrived (stopwatch ticks); 0 while nothing is buffered
    private long _partialSince;
    private bool _timerPending;
    private bool _timedOut;
    private bool _failed;

    protected override object? Decode(IChannelHandlerContext context, IByteBuffer input)
    {
        if (_failed)
        {
            input.SkipBytes(input.ReadableBytes);
            return null;
        }
        if (base.Decode(context, input) is not IByteBuffer frame) return null;
        string? error;
        try
        {
            if (frame.ReadableBytes == 0)
            {
                error = "zero-length frame";
            }
            else
            {
                var envelope = EnvelopeCodec.TryDecode(frame.GetIoBuffer(frame.ReaderIndex, frame.ReadableBytes), out error);
                if (envelope is not null) return envelope;
            }
        }
        finally
        {
            frame.Release();
        }
        _failed = true;
        throw new CorruptedFrameException(error);
    }

    protected override void Decode(IChannelHandlerContext context, IByteBuffer input, List<object> output)
    {
        int before = output.Count;
        base.Decode(context, input, output);
        if (output.Count > before || !input.IsReadable())
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
        context.Executor.Schedule(OnTimer, context, this, delay);
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
