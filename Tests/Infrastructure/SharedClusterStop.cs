using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests;

/// <summary>Stops the run's shared Redis Cluster, if a fixture started it, once every test has run.</summary>
[SetUpFixture]
public sealed class SharedClusterStop
{
    [OneTimeTearDown]
    public void Stop()
    {
        if (RedisCluster.SharedStarted) RedisCluster.Shared.Dispose();
    }
}
