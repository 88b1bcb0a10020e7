using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Connections;

/// <summary><c>eventLoopThreads</c>: the event loops serving the game port (README: 0 means one per core).</summary>
public class EventLoopTests : RedisFixture
{
    [TestCase(0)]
    [TestCase(3)]
    public async Task TheGamePortIsServedByTheConfiguredLoopsAndZeroMeansOnePerCore(int configured)
    {
        var host = await TestServer.StartAsync(Redis, configure: o => o.EventLoopThreads = configured);
        try
        {
            Assert.That(host.EventLoops, Is.EqualTo(configured > 0 ? configured : Environment.ProcessorCount));
            // and they serve: a login and a heartbeat
            await using var client = await TestServer.LoginAsync(host, TestServer.NewAccount());
            Assert.That((await client.RequestAsync(1, 2)).Result, Is.EqualTo(0));
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
