using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

/// <summary>Base of the end-to-end tests: one real redis-server for the fixture.</summary>
public abstract class RedisFixture
{
    protected RedisServer Redis { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartRedis() => Redis = new RedisServer();

    [OneTimeTearDown]
    public void StopRedis() => Redis.Dispose();
}
