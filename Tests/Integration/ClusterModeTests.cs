using SocialGame.Core.Options;
using SocialGame.Core.Sessions;
using SocialGame.Core.Storage;
using SocialGame.Core.Storage.Keys;
using SocialGame.Tests.Infrastructure;
using StackExchange.Redis;

namespace SocialGame.Tests.Integration;

/// <summary>What the server checks and decides about the kind of Redis it runs on.</summary>
public class ClusterModeTests() : RedisFixture(RedisKind.Cluster)
{
    [Test]
    public void ANodeSetToStandaloneRefusesToStartOnACluster()
    {
        var ex = Assert.ThrowsAsync<ConfigException>(() => TestServer.StartAsync(Redis, configure: o => o.Redis.Cluster = false));
        Assert.That(ex!.Message, Does.Contain("server.json").And.Contain("redis.cluster").And.Contain("is a Redis Cluster"));
    }

    [Test]
    public void ANodeSetToClusterRefusesToStartOnAStandaloneRedis()
    {
        using var standalone = new RedisServer();
        var ex = Assert.ThrowsAsync<ConfigException>(() => TestServer.StartAsync(standalone, configure: o => o.Redis.Cluster = true));
        Assert.That(ex!.Message, Does.Contain("server.json").And.Contain("redis.cluster").And.Contain("not a Redis Cluster"));
    }

    [Test]
    public async Task AMultiSlotCommandIsARedisFault()
    {
        await using var host = await TestServer.StartAsync(Redis);
        var db = host.Services.Redis.Db;
        RedisKey a = "sg:test:a", b = "sg:test:b";
        Assume.That(host.Services.Redis.Connection.HashSlot(a), Is.Not.EqualTo(host.Services.Redis.Connection.HashSlot(b)));
        var ex = Assert.CatchAsync(() => db.StringGetAsync([a, b]));
        Assert.That(RedisFaults.IsRedisFault(ex!), Is.True, ex!.ToString());
    }

    [Test]
    public async Task PresenceLivesInTheAccountsSlot()
    {
        await using var host = await TestServer.StartAsync(Redis);
        var mux = host.Services.Redis.Connection;
        foreach (var acc in new[] { "alice", "bob", TestServer.NewAccount() })
            Assert.That(mux.HashSlot(Presence.Key(acc)), Is.EqualTo(mux.HashSlot(AccountKeys.Of(acc, "profile"))), acc);
    }
}
