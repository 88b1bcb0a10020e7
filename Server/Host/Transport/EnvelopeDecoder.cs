using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Transport.Channels;
using SocialGame.Protocol.Wire;

namespace SocialGame.Server.Transport;

/// <summary>
/// One length-stripped frame -> <see cref="Protocol.Envelope"/>. The frame buffer is released by the base
/// class; the envelope keeps its own copy of <c>data</c>. Anything malformed raises a
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
            var body = new byte[message.ReadableBytes];
            message.ReadBytes(body);
            var envelope = EnvelopeCodec.TryDecode(body, out error);
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
