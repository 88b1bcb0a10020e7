using System.Net;
using System.Net.Sockets;
using SocialGame.Client;

namespace SocialGame.Tests.Unit;

/// <summary>
/// The bots' and tests' client reads a stream of frames through one buffer: whatever way the bytes are cut
/// by the network, every frame comes out whole, in order, and matched to its request.
/// </summary>
public class GameClientReaderTests
{
    private static byte[] Frame(int opid, long? seq, string text) =>
        ClientCodec.EncodeFrame(1, opid, new Dictionary<string, object?> { ["text"] = text }, seq);

    /// <summary>A client connected to a plain socket that plays the server.</summary>
    private static async Task<(GameClient Client, Socket Peer)> PairAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var accept = listener.AcceptSocketAsync();
            var client = await GameClient.ConnectAsync("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port);
            return (client, await accept);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Test]
    public async Task FramesCutAtEveryByteSeveralPerReadAndLargerThanTheBufferComeOutWhole()
    {
        var (client, peer) = await PairAsync();
        await using var _ = client;
        using var __ = peer;
        string large = new('x', 200_000); // over three times the client's 64 KB buffer
        var frames = new[] { Frame(1, null, "a"), Frame(2, null, large), Frame(3, null, "b"), Frame(4, null, "c") };
        var bytes = frames.SelectMany(f => f).ToArray();
        // the first frames a byte at a time, the rest in one send
        int slow = frames[0].Length + 10;
        for (int i = 0; i < slow; i++)
        {
            await peer.SendAsync(bytes.AsMemory(i, 1));
            await Task.Delay(1);
        }
        await peer.SendAsync(bytes.AsMemory(slow));
        var got = new List<Frame>();
        for (int i = 0; i < frames.Length; i++) got.Add(await client.Unsolicited.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.That(got.Select(f => f.OpId), Is.EqualTo(new[] { 1, 2, 3, 4 }));
        Assert.That(got.Select(f => f.GetString("text")), Is.EqualTo(new[] { "a", large, "b", "c" }));
        Assert.That(client.IsClosed, Is.False);
    }

    [Test]
    public async Task AnswersInOneReadGoToTheirRequestsAndAnImpossibleLengthClosesTheConnection()
    {
        var (client, peer) = await PairAsync();
        await using var _ = client;
        using var __ = peer;
        var first = client.RequestAsync(1, 7); // seq 1 (a request is waited for from before it is sent)
        var second = client.RequestAsync(1, 8); // seq 2
        // both answers in one send, the second first
        await peer.SendAsync(Frame(8, 2, "second").Concat(Frame(7, 1, "first")).ToArray());
        Assert.That((await first).GetString("text"), Is.EqualTo("first"));
        Assert.That((await second).GetString("text"), Is.EqualTo("second"));
        await peer.SendAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3 });
        await client.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(client.IsClosed, Is.True, "a length prefix of 4 GB is a broken stream");
    }
}
