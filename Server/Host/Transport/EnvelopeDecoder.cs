using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Transport.Channels;
using SocialGame.Protocol.Wire;

namespace SocialGame.Server.Transport;

/// <summary>
/// One length-stripped frame -> <see cref="Protocol.Envelope"/>, read in place from the frame's buffer (which the
/// base class releases after this); the envelope keeps its own copy of <c>data</c> only. Anything malformed raises a
/// <see cref="CorruptedFrameException"/> for the session stage (which says why and closes); frames after it are ignored.
/// </summary>
internal sealed class EnvelopeDecoder : MessageToMessageDecoder<IByteBuffer>
{
    private bool _failed;

    protected override void Decode(IChannelHandlerContext context, IByteBuffer message, List<object> output)
    {
        if (_failed) return;
        string? error;
        if (message.ReadableBytes == 0)
        {
            error = "zero-length frame";
        }
        else
        {
            var envelope = EnvelopeCodec.TryDecode(message.GetIoBuffer(message.ReaderIndex, message.ReadableBytes), out error);
            message.SkipBytes(message.ReadableBytes);
            if (envelope is not null)
            {
                output.Add(envelope);
                return;
            }
        }
        _failed = true;
        throw new CorruptedFrameException(error);
    }
}
