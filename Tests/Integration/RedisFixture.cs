using SocialGame.Core.Options;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

/// <summary>Base of the end-to-end tests: one real redis-server for the fixture.</summary>
public abstract class RedisFixture
{
    protected RedisServer Redis { get; private set; } = null!;

    /// <summary>True: an append-only, fsync-always Redis whose data survives a stop and start (crash tests).</summary>
    protected virtual bool DurableRedis => false;

    [OneTimeSetUp]
    public void StartRedis() => Redis = new RedisServer(DurableRedis);

    [OneTimeTearDown]
    public void StopRedis() => Redis.Dispose();
}

/// <summary>One real redis-server and one server node for the whole fixture.</summary>
public abstract class ServerFixture : RedisFixture
{
    protected ServerHost Host { get; private set; } = null!;

    /// <summary>Test-specific settings on top of <see cref="TestServer.Options"/>.</summary>
    protected virtual void Configure(ServerOptions options)
    {
    }

    [OneTimeSetUp]
    public async Task StartHost() => Host = await TestServer.StartAsync(Redis, configure: Configure);

    [OneTimeTearDown]
    public async Task StopHost() => await Host.StopAsync();
}
