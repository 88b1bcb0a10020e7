namespace SocialGame.Tests.Infrastructure;

/// <summary>The kind of Redis an integration fixture runs on (its fixture parameter).</summary>
public enum RedisKind
{
    /// <summary>One private redis-server for the fixture.</summary>
    Standalone,
    /// <summary>The run's shared local Redis Cluster (3 masters, 3 replicas), flushed for the fixture.</summary>
    Cluster,
}

/// <summary>The fixture sources of the suites that run on both kinds of Redis.</summary>
public static class RedisKinds
{
    public static readonly object[] Both = [RedisKind.Standalone, RedisKind.Cluster];
}

/// <summary>A real Redis a test runs against: a standalone <see cref="RedisServer"/> or a <see cref="RedisCluster"/>.</summary>
public interface ITestRedis
{
    /// <summary>What <c>redis.address</c> is set to (a cluster: its masters, comma separated).</summary>
    string Address { get; }

    bool IsCluster { get; }
}
