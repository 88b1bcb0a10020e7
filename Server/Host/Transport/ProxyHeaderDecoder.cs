using System.Net;
using System.Text;
using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Transport.Channels;

namespace SocialGame.Server.Transport;

/// <summary>The client address a trusted proxy named in its PROXY protocol v1 line.</summary>
internal sealed record ProxiedClient(IPAddress Address);

/// <summary>
/// First stage for connections from a trusted proxy: reads the PROXY protocol v1 line
/// (<c>PROXY TCP4 src dst sport dport\r\n</c>), tells the session its real client address,
/// and removes itself. A trusted peer that does not send a valid line gets a <see cref="CorruptedFrameException"/>
/// (the session stage says why and closes).
/// </summary>
internal sealed class ProxyHeaderDecoder : ByteToMessageDecoder
{
    private const int MaxLine = 107;

    private bool _failed;

    protected override void Decode(IChannelHandlerContext context, IByteBuffer input, List<object> output)
    {
        if (_failed)
        {
            input.SkipBytes(input.ReadableBytes);
            return;
        }
        int end = input.IndexOf(input.ReaderIndex, input.ReaderIndex + Math.Min(input.ReadableBytes, MaxLine + 1), (byte)'\n');
        if (end < 0)
        {
            if (input.ReadableBytes > MaxLine) Fail(context, input, "no PROXY line");
            return;
        }
        string line = input.ToString(input.ReaderIndex, end - input.ReaderIndex + 1, Encoding.ASCII).TrimEnd('\r', '\n');
        var parts = line.Split(' ');
        IPAddress? client = null;
        bool valid = parts.Length >= 2 && parts[0] == "PROXY" &&
            (parts[1] == "UNKNOWN" || (parts.Length == 6 && parts[1] is "TCP4" or "TCP6" && IPAddress.TryParse(parts[2], out client)));
        if (!valid)
        {
            Fail(context, input, "bad PROXY line");
            return;
        }
        input.SetReaderIndex(end + 1);
        if (client is not null) context.FireUserEventTriggered(new ProxiedClient(client));
        context.Channel.Pipeline.Remove(this);
    }

    private void Fail(IChannelHandlerContext context, IByteBuffer input, string why)
    {
        _failed = true;
        input.SkipBytes(input.ReadableBytes);
        throw new CorruptedFrameException($"trusted proxy {context.Channel.RemoteAddress}: {why}");
    }
}
