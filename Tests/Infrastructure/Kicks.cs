using System.Buffers.Binary;
using System.Net.Sockets;
using SocialGame.Client;
using SocialGame.Protocol.Catalog;

namespace SocialGame.Tests.Infrastructure;

/// <summary>Checks that the server said why before it closed a connection.</summary>
public static class Kicks
{
    public static bool IsKicked(Frame frame) => frame.Is(SystemProtocol.Kicked) && frame.Seq is null;

    /// <summary>
    /// Reads what the connection still receives until the server closes it: a <c>1/3 kicked</c> push with
    /// <paramref name="reason"/> and a text to show must come, and nothing after it.
    /// </summary>
    public static async Task<Frame> ExpectAsync(GameClient client, string reason, double seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var frames = new List<Frame>();
        await foreach (var frame in client.Unsolicited.ReadAllAsync(timeout.Token)) frames.Add(frame);
        return Check(frames, reason);
    }

    /// <summary>The same for a raw socket (a client that stopped reading for a while): reads every frame to the end of the
    /// stream.</summary>
    public static async Task<Frame> ExpectAsync(Socket socket, string reason, double seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var stream = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0) stream.Write(buffer, 0, n);
        var bytes = stream.ToArray();
        var frames = new List<Frame>();
        for (int at = 0; at + 4 <= bytes.Length;)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));
            Assert.That(at + 4 + length, Is.LessThanOrEqualTo(bytes.Length), "the stream ends with a whole frame");
            frames.Add(ClientCodec.DecodeBody(bytes.AsSpan(at + 4, length).ToArray()));
            at += 4 + length;
        }
        return Check(frames, reason);
    }

    private static Frame Check(List<Frame> frames, string reason)
    {
        int at = frames.FindIndex(IsKicked);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), $"a kicked push before the close; got {frames.Count} frames: " +
            string.Join(" | ", frames.TakeLast(3)));
        var kicked = frames[at];
        Assert.That(kicked.GetString("reason"), Is.EqualTo(reason), kicked.ToString());
        Assert.That(kicked.GetString("text"), Is.EqualTo(KickReason.Text(reason)).And.Contains(" / "), "a text to show, Chinese / English");
        Assert.That(frames.Count - at - 1, Is.Zero, "nothing after the kicked push: " + string.Join(" | ", frames.Skip(at + 1).Take(3)));
        return kicked;
    }
}
