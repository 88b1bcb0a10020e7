using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Transport.Channels;
using NLog;
using SocialGame.Core.Metrics;
using SocialGame.Protocol.Wire;

namespace SocialGame.Server.Transport;

/// <summary>
/// One length-stripped frame -> <see cref="Protocol.Envelope"/>. The frame buffer is released by the base
/// class; the envelope keeps its own copy of <c>data</c>. Anything malformed: one log line, close this connection.
/// </summary>
internal sealed class EnvelopeDecoder(ServerMetrics metrics) : MessageToMessageDecoder<IByteBuffer>
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
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
        metrics.ProtocolViolation();
        Log.Warn("protocol violation from {0}: {1}; closing", context.Channel.RemoteAddress, error);
        context.CloseAsync();
    }
}
