using SocialGame.Core.Options;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

/// <summary>
/// Base of the end-to-end tests: one real redis-server for the fixture, or (fixture parameter <see cref="RedisKind.Cluster"/>,
/// for the suites marked <c>[TestFixtureSource(typeof(RedisKinds), nameof(RedisKinds.Both))]</c>) the run's shared local
/// Redis Cluster, emptied for the fixture.
/// </summary>
public abstract class RedisFixture(RedisKind kind = RedisKind.Standalone)
{
    protected RedisKind Kind { get; } = kind;

    protected ITestRedis Redis { get; private set; } = null!;

    /// <summary>The fixture's own redis-server, for the tests that stop and start it (standalone fixtures only).</summary>
    protected RedisServer Standalone => Redis as RedisServer ?? throw new InvalidOperationException("this fixture runs on a cluster");

    /// <summary>True: an append-only, fsync-always Redis whose data survives a stop and start (crash tests).</summary>
    protected virtual bool DurableRedis => false;

    /// <summary>
    /// Above 0 (cluster fixtures): a private cluster of 3 masters with this many replicas each, for tests that kill its nodes.
    /// </summary>
    protected virtual int PrivateClusterReplicas => 0;

    [OneTimeSetUp]
    public void StartRedis()
    {
        if (Kind == RedisKind.Cluster && PrivateClusterReplicas > 0)
        {
            Redis = new RedisCluster(masters: 3, PrivateClusterReplicas);
        }
        else if (Kind == RedisKind.Cluster)
        {
            RedisCluster.Shared.FlushAll();
            Redis = RedisCluster.Shared;
        }
        else
        {
            Redis = new RedisServer(DurableRedis);
        }
    }

    [OneTimeTearDown]
    public void StopRedis()
    {
        if (Redis is RedisServer own) own.Dispose();
        else if (Redis is RedisCluster cluster && cluster != RedisCluster.Shared) cluster.Dispose();
    }
}

/// <summary>One real redis-server and one server node for the whole fixture.</summary>
public abstract class ServerFixture(RedisKind kind = RedisKind.Standalone) : RedisFixture(kind)
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

/// <summary>Two server nodes ("nodeA", "nodeB") sharing one real redis-server, for the whole fixture.</summary>
public abstract class TwoNodeFixture(RedisKind kind = RedisKind.Standalone) : RedisFixture(kind)
{
    protected ServerHost NodeA { get; private set; } = null!;
    protected ServerHost NodeB { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartNodes()
    {
        NodeA = await TestServer.StartAsync(Redis, "nodeA");
        NodeB = await TestServer.StartAsync(Redis, "nodeB");
    }

    [OneTimeTearDown]
    public async Task StopNodes()
    {
        await NodeA.StopAsync();
        await NodeB.StopAsync();
    }
}

/// <summary>Two server nodes sharing one real redis-server and one <see cref="FakeClock"/>, fresh for every test.</summary>
public abstract class ClockedTwoNodeFixture(RedisKind kind = RedisKind.Standalone) : RedisFixture(kind)
{
    protected FakeClock Clock { get; private set; } = null!;
    protected ServerHost NodeA { get; private set; } = null!;
    protected ServerHost NodeB { get; private set; } = null!;

    /// <summary>The configuration folder the nodes start with (null: the shipped Config/).</summary>
    protected virtual string? NodeConfigDir => null;

    [SetUp]
    public async Task StartNodes()
    {
        Clock = new FakeClock(DateTimeOffset.UtcNow);
        NodeA = await TestServer.StartAsync(Redis, "nodeA", clock: Clock, configDir: NodeConfigDir);
        NodeB = await TestServer.StartAsync(Redis, "nodeB", clock: Clock, configDir: NodeConfigDir);
    }

    [TearDown]
    public async Task StopNodes()
    {
        await NodeA.StopAsync();
        await NodeB.StopAsync();
    }
}
