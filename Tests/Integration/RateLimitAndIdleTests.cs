using SocialGame.Protocol;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

public class RateLimitAndIdleTests : RedisFixture
{
    private ServerHost _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await TestServer.StartAsync(Redis, configure: o =>
    {
        o.RateLimit.RatePerSecond = 2;
        o.RateLimit.Burst = 5;
        o.RateLimit.CloseAfterRejected = 30;
        o.IdleSeconds = 1;
    });

    [OneTimeTearDown]
    public async Task Stop() => await _host.StopAsync();

    [Test]
    public async Task RequestsBeyondTheBurstAnswerClickTooFastWithoutReachingTheModule()
    {
        await using var client = await TestServer.ConnectAsync(_host);
        var replies = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.RequestAsync(1, 2)));
        int ok = replies.Count(r => r.Result == 0);
        int tooFast = replies.Count(r => r.Result == (int)ResultCode.ClickTooFast);
        Assert.That(ok + tooFast, Is.EqualTo(12));
        Assert.That(ok, Is.InRange(5, 6), "the burst, plus at most one refill");
        Assert.That(_host.Services.Metrics.RequestCount(1, 2, (int)ResultCode.ClickTooFast), Is.Zero, "rejected requests never reached the dispatcher's handlers");
        Assert.That(client.IsClosed, Is.False);
    }

    [Test]
    public async Task AConnectionFloodingFarBeyondTheLimitIsClosed()
    {
        await using var flooder = await TestServer.ConnectAsync(_host);
        await using var bystander = await TestServer.ConnectAsync(_host);
        try
        {
            for (int i = 0; i < 200 && !flooder.IsClosed; i++) await flooder.SendAsync(1, 2, null, i);
        }
        catch (IOException)
        {
            // the server closed it while we were still writing: that is the point
        }
        await flooder.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That((await bystander.RequestAsync(1, 2)).Result, Is.EqualTo(0));
    }

    [Test]
    public async Task ASilentConnectionIsClosedAfterTheIdleTime()
    {
        await using var silent = await TestServer.ConnectAsync(_host);
        await using var chatty = await TestServer.ConnectAsync(_host);
        var started = DateTime.UtcNow;
        while (!silent.IsClosed && DateTime.UtcNow - started < TimeSpan.FromSeconds(6))
        {
            Assert.That((await chatty.RequestAsync(1, 2)).Result, Is.EqualTo(0));
            await Task.Delay(600);
        }
        Assert.That(silent.IsClosed, Is.True, "the silent connection was closed");
        Assert.That(chatty.IsClosed, Is.False, "a connection that keeps talking stays");
    }
}
