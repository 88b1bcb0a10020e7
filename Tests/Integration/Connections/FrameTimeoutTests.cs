using SocialGame.Client;
using SocialGame.Core.Options;
using SocialGame.Protocol.Catalog;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Connections;

/// <summary>A frame begun must be complete within frameTimeoutSeconds, however its bytes trickle in (slowloris).</summary>
public class FrameTimeoutTests : ServerFixture
{
    protected override void Configure(ServerOptions options) => options.FrameTimeoutSeconds = 1;

    [Test]
    public async Task AFrameLeftUnfinishedClosesItsConnectionWithAReason()
    {
        await using var client = await TestServer.ConnectAsync(Host);
        await using var bystander = await TestServer.LoginAsync(Host, TestServer.NewAccount());
        Assert.That((await client.RequestAsync(1, 2)).Result, Is.Zero);
        var frame = ClientCodec.EncodeFrame(1, 2, null, 7);
        var started = DateTime.UtcNow;
        await client.SendRawAsync(frame[..(frame.Length / 2)]);
        await Kicks.ExpectAsync(client, KickReason.FrameTimeout);
        Assert.That(DateTime.UtcNow - started, Is.GreaterThan(TimeSpan.FromSeconds(0.8)), "not before its time");
        Assert.That((await bystander.RequestAsync(1, 2)).Result, Is.Zero);
    }

    [Test]
    public async Task BytesTricklingInDoNotKeepAFrameAlive()
    {
        await using var client = await TestServer.ConnectAsync(Host);
        // 40 bytes, one every 100 ms: the whole frame would take 4 s, and every read resets the idle timer.
        var frame = ClientCodec.EncodeFrame(1, 2, new { pad = new string('x', 20) }, 8);
        var trickle = Task.Run(async () =>
        {
            try
            {
                foreach (byte b in frame)
                {
                    await client.SendRawAsync([b]);
                    await Task.Delay(100);
                }
            }
            catch (IOException)
            {
                // closed while still sending
            }
        });
        await Kicks.ExpectAsync(client, KickReason.FrameTimeout);
        Assert.That(trickle.IsCompleted, Is.False, "closed before the frame could have been completed");
        await trickle;
    }

    [Test]
    public async Task FramesEachCompletedInTimeKeepTheConnectionHoweverLongItLasts()
    {
        await using var client = await TestServer.ConnectAsync(Host);
        // Five frames, each sent in two halves 500 ms apart: 2.5 s in all with a frame unfinished most of the time.
        for (int seq = 1; seq <= 5; seq++)
        {
            var frame = ClientCodec.EncodeFrame(1, 2, null, seq);
            await client.SendRawAsync(frame[..3]);
            await Task.Delay(500);
            var answer = client.WaitForAsync(f => f.Seq == seq);
            await client.SendRawAsync(frame[3..]);
            Assert.That((await answer).Result, Is.Zero);
        }
        Assert.That(client.IsClosed, Is.False);
    }
}
