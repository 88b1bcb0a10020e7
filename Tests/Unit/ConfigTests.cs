using SocialGame.Core.Options;
using SocialGame.Tests.Infrastructure;
using D = SocialGame.Protocol.Catalog.ConnectionDefaults;

namespace SocialGame.Tests.Unit;

public class ConfigTests
{
    [Test]
    public void TheShippedConfigurationLoadsWithTheDocumentedDefaults()
    {
        var options = ServerConfig.Load(TestServer.ConfigDir, _ => null, forServer: false);
        Assert.That((options.Host, options.Port, options.AdminPort, options.AreaId, options.MaxFrameLength),
            Is.EqualTo(("127.0.0.1", 9000, 9001, 1, 65536)));
        Assert.That(options.Gm.Accounts, Does.Contain("gm"));
        Assert.That(options.Auth.Secret, Is.EqualTo(ServerOptions.DevelopmentSecret));
        Assert.That((options.Kafka.Brokers, options.Kafka.GroupId, options.Kafka.Topics.Count, options.Kafka.PublishTimeoutMs),
            Is.EqualTo(("", "socialgame", 0, 5000)));
    }

    [Test]
    public void TheShippedConnectionLimitsAreTheDocumentedDefaults()
    {
        // PROTOCOL.md lists ConnectionDefaults as the shipped values: the file and the built-in defaults must both be those.
        foreach (var options in new[] { ServerConfig.Load(TestServer.ConfigDir, _ => null, forServer: false), new ServerOptions() })
        {
            Assert.That((options.MaxFrameLength, options.FrameTimeoutSeconds, options.IdleSeconds, options.LoginTimeoutSeconds,
                options.MaxQueuedPerSession, options.Outbound.MaxPendingBytes),
                Is.EqualTo((D.MaxFrameLength, D.FrameTimeoutSeconds, D.IdleSeconds, D.LoginTimeoutSeconds, D.MaxQueuedPerSession,
                    D.MaxPendingBytes)));
            var rate = options.RateLimit;
            Assert.That((rate.RatePerSecond, rate.Burst, rate.CloseAfterRejected, rate.LoginsPerIpPerMinute,
                rate.LoginsPerAccountPerMinute),
                Is.EqualTo(((double)D.RatePerSecond, D.Burst, D.CloseAfterRejected, D.LoginsPerIpPerMinute, D.LoginsPerAccountPerMinute)));
            Assert.That(rate.MinIntervalMs, Is.EqualTo(new Dictionary<string, int> { ["6/4"] = D.HelpMinIntervalMs,
                ["6/5"] = D.GetGoodsMinIntervalMs }),
                "the README's minimum intervals for bargain help and getgoods");
            var caps = options.Connections;
            Assert.That((caps.Max, caps.MaxPerIp, caps.MaxNotLoggedIn, caps.MaxNotLoggedInPerIp),
                Is.EqualTo((D.MaxConnections, D.MaxConnectionsPerIp, D.MaxNotLoggedIn, D.MaxNotLoggedInPerIp)));
        }
    }

    [Test]
    public void TheServerRefusesToStartWithoutARedisAddress()
    {
        var ex = Assert.Throws<ConfigException>(() => ServerConfig.Load(TestServer.ConfigDir, _ => null));
        Assert.That(ex!.Message, Does.Contain("server.json").And.Contain("redis.address"));
    }

    [Test]
    public void EnvironmentOverridesApply()
    {
        var env = new Dictionary<string, string>
        {
            ["SOCIALGAME_PORT"] = "9100", ["SOCIALGAME_ADMIN_PORT"] = "9101", ["SOCIALGAME_REDIS"] = "10.0.0.1:6380",
            ["SOCIALGAME_KAFKA"] = "k:9092", ["SOCIALGAME_NODE"] = "n7",
        };
        var options = ServerConfig.Load(TestServer.ConfigDir, k => env.GetValueOrDefault(k));
        Assert.That((options.Port, options.AdminPort, options.Redis.Address, options.Kafka.Brokers, options.Node),
            Is.EqualTo((9100, 9101, "10.0.0.1:6380", "k:9092", "n7")));
    }

    [Test]
    public void AMalformedEnvironmentNumberNamesTheVariable()
    {
        var ex = Assert.Throws<ConfigException>(() =>
            ServerConfig.Load(TestServer.ConfigDir, k => k == "SOCIALGAME_PORT" ? "ninety" : null));
        Assert.That(ex!.Message, Does.Contain("SOCIALGAME_PORT"));
    }

    [TestCase("{\"port\": 70000}", "port")]
    [TestCase("{\"rateLimit\": {\"burst\": 0}}", "rateLimit.burst")]
    [TestCase("{\"rateLimit\": {\"minIntervalMs\": {\"six\": 10}}}", "rateLimit.minIntervalMs.six")]
    [TestCase("{\"rateLimit\": {\"loginsPerIpPerMinute\": 0}}", "rateLimit.loginsPerIpPerMinute")]
    [TestCase("{\"rateLimit\": {\"loginsPerAccountPerMinute\": -1}}", "rateLimit.loginsPerAccountPerMinute")]
    [TestCase("{\"frameTimeoutSeconds\": 0}", "frameTimeoutSeconds")]
    [TestCase("{\"connections\": {\"maxPerIp\": 0}}", "connections.maxPerIp")]
    [TestCase("{\"connections\": {\"maxNotLoggedIn\": 0}}", "connections.maxNotLoggedIn")]
    [TestCase("{\"connections\": {\"perIp\": 5}}", "connections.perIp")]
    [TestCase("{\"auth\": {\"secret\": \"short\"}}", "auth.secret")]
    [TestCase("{\"host\": \"localhost\"}", "host")]
    [TestCase("{\"prot\": 9000}", "prot")]
    [TestCase("{\"port\": \"9000\"}", "port")]
    [TestCase("{\"redis\": {\"address\": \"nohost\"}}", "redis.address")]
    [TestCase("{\"kafka\": {\"topics\": {\"socialgame_user_online\": \"bad topic\"}}}", "kafka.topics.socialgame_user_online")]
    [TestCase("{\"kafka\": {\"topics\": {\"a\": \"same\", \"b\": \"same\"}}}", "kafka.topics.b")]
    [TestCase("{\"kafka\": {\"settings\": {\"group.id\": \"other\"}}}", "kafka.settings.group.id")]
    [TestCase("{\"kafka\": {\"consumerSettings\": {\"enable.auto.offset.store\": \"true\"}}}",
        "kafka.consumerSettings.enable.auto.offset.store")]
    [TestCase("{\"kafka\": {\"publishTimeoutMs\": 0}}", "kafka.publishTimeoutMs")]
    [TestCase("{\"kafka\": {\"topic\": {}}}", "kafka.topic")]
    [TestCase("{\"gm\": {\"accounts\": [\"gm\", \"x}:wallet\"]}}", "gm.accounts[1]")]
    [TestCase("{\"gm\": {\"accounts\": [\"\"]}}", "gm.accounts[0]")]
    public void ABadValueIsRefusedNamingTheFileAndTheField(string json, string field)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse<ServerOptions>(json, "server.json"));
        Assert.That(ex!.Message, Does.StartWith("server.json: ").And.Contain(field));
    }
}
