using System.Net.Sockets;
using SocialGame.Core.Options;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

public class RateLimitAndIdleTests : ServerFixture
{
    protected override void Configure(ServerOptions options)
    {
        options.RateLimit.RatePerSecond = 2;
        options.RateLimit.Burst = 5;
        options.RateLimit.CloseAfterRejected = 30;
        options.IdleSeconds = 1;
    }

    [Test]
    public async Task RequestsBeyondTheBurstAnswerClickTooFastWithoutReachingTheModule()
    {
        await using var client = await TestServer.ConnectAsync(Host);
        var replies = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.RequestAsync(SystemProtocol.Heartbeat)));
        int ok = replies.Count(r => r.Result == 0);
        int tooFast = replies.Count(r => r.Result == (int)ResultCode.ClickTooFast);
        Assert.That(ok + tooFast, Is.EqualTo(12));
        Assert.That(ok, Is.InRange(5, 6), "the burst, plus at most one refill");
        Assert.That(Host.Services.Metrics.RequestCount(1, 2, (int)ResultCode.ClickTooFast), Is.Zero,
            "rejected requests never reached the dispatcher's handlers");
        Assert.That(client.IsClosed, Is.False);
    }

    [Test]
    public async Task AConnectionFloodingFarBeyondTheLimitIsClosed()
    {
        await using var flooder = await TestServer.ConnectAsync(Host);
        try
        {
            for (int i = 0; i < 200 && !flooder.IsClosed; i++) await flooder.SendAsync(SystemProtocol.Heartbeat, new EmptyRequest(), i);
        }
        catch (IOException)
        {
            // the server closed it while we were still writing: that is the point
        }
        await Kicks.ExpectAsync(flooder, KickReason.Flooding);
        // Connected now, not before the flood: with the 1 s idle time of these tests, a bystander waiting through
        // the flood and the kick's linger on a busy machine would be closed as idle.
        await using var bystander = await TestServer.ConnectAsync(Host);
        Assert.That((await bystander.RequestAsync(SystemProtocol.Heartbeat)).Result, Is.EqualTo(0));
    }

    [Test]
    public async Task AFlooderThatReadsOnlyAfterItsFloodStillFindsTheKickedPush()
    {
        // The smallest receive buffer: the answers fill the client's window, so the kicked push waits in the server's send
        // buffer until the client reads.
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 1 };
        await socket.ConnectAsync("127.0.0.1", Host.Port);
        var batch = Enumerable.Range(0, 10).SelectMany(i => Client.ClientCodec.EncodeFrame(1, 2, null, i)).ToArray();
        // Keeps writing for half a second without reading: the kick comes within the first batches, and the flood goes on
        // arriving after it. The server must not close before the client had time to read: a close with the flood unread
        // is a reset, and a reset drops what still waits in the server's send buffer, the kicked push with it.
        var until = DateTime.UtcNow.AddMilliseconds(500);
        try
        {
            while (DateTime.UtcNow < until)
            {
                await socket.SendAsync(batch);
                await Task.Delay(10);
            }
        }
        catch (SocketException)
        {
            // the server closed while we wrote: what matters is whether the kicked push is still there to read
        }
        await Kicks.ExpectAsync(socket, KickReason.Flooding);
    }

    [Test]
    public async Task AFloodArrivingInOneReadIsCountedOnlyUntilItsConnectionCloses()
    {
        long before = Host.Services.Metrics.RateLimitedCount;
        await using var flooder = await TestServer.ConnectAsync(Host);
        var frames = Enumerable.Range(0, 300).SelectMany(i => Client.ClientCodec.EncodeFrame(1, 2, null, i)).ToArray();
        await flooder.SendRawAsync(frames);
        await Kicks.ExpectAsync(flooder, KickReason.Flooding);
        // Closing our side ends the server's linger after the kick; the server forgets the connection only after
        // the read it was kicked in has been handled to its end.
        await flooder.DisposeAsync();
        await Eventually.ThatAsync(() => Host.Services.Sessions.Registry.Count == 0, "the flooder's connection to be gone from the server");
        // The burst is answered, the next 30 refused, the 31st closes; the rest of the read is dropped, not
        // counted (and logged) frame by frame.
        Assert.That(Host.Services.Metrics.RateLimitedCount - before, Is.InRange(30, 33));
    }

    [Test]
    public async Task ASilentConnectionIsClosedAfterTheIdleTime()
    {
        await using var silent = await TestServer.ConnectAsync(Host);
        await using var chatty = await TestServer.ConnectAsync(Host);
        var started = DateTime.UtcNow;
        while (!silent.IsClosed && DateTime.UtcNow - started < TimeSpan.FromSeconds(6))
        {
            Assert.That((await chatty.RequestAsync(SystemProtocol.Heartbeat)).Result, Is.EqualTo(0));
            await Task.Delay(600); // the behaviour under test: chatty talks more often than the 1 s idle time, silent never
        }
        Assert.That(silent.IsClosed, Is.True, "the silent connection was closed");
        await Kicks.ExpectAsync(silent, KickReason.Idle);
        Assert.That(chatty.IsClosed, Is.False, "a connection that keeps talking stays");
    }
}
