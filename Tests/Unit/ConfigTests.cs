using SocialGame.Core.Options;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Unit;

public class ConfigTests
{
    [Test]
    public void TheShippedConfigurationLoadsWithTheDocumentedDefaults()
    {
        var options = ServerConfig.Load(TestServer.ConfigDir, _ => null, forServer: false);
        Assert.That((options.Host, options.Port, options.AdminPort, options.AreaId, options.MaxFrameLength), Is.EqualTo(("127.0.0.1", 9000, 9001, 1, 65536)));
        Assert.That(options.Gm.Accounts, Does.Contain("gm"));
        Assert.That(options.Auth.Secret, Is.EqualTo(ServerOptions.DevelopmentSecret));
        Assert.That((options.Kafka.Brokers, options.Kafka.GroupId, options.Kafka.Topics.Count, options.Kafka.PublishTimeoutMs), Is.EqualTo(("", "socialgame", 0, 5000)));
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
        var ex = Assert.Throws<ConfigException>(() => ServerConfig.Load(TestServer.ConfigDir, k => k == "SOCIALGAME_PORT" ? "ninety" : null));
        Assert.That(ex!.Message, Does.Contain("SOCIALGAME_PORT"));
    }

    [TestCase("{\"port\": 70000}", "port")]
    [TestCase("{\"rateLimit\": {\"burst\": 0}}", "rateLimit.burst")]
    [TestCase("{\"rateLimit\": {\"minIntervalMs\": {\"six\": 10}}}", "rateLimit.minIntervalMs.six")]
    [TestCase("{\"auth\": {\"secret\": \"short\"}}", "auth.secret")]
    [TestCase("{\"host\": \"localhost\"}", "host")]
    [TestCase("{\"prot\": 9000}", "prot")]
    [TestCase("{\"port\": \"9000\"}", "port")]
    [TestCase("{\"redis\": {\"address\": \"nohost\"}}", "redis.address")]
    [TestCase("{\"kafka\": {\"topics\": {\"socialgame_user_online\": \"bad topic\"}}}", "kafka.topics.socialgame_user_online")]
    [TestCase("{\"kafka\": {\"topics\": {\"a\": \"same\", \"b\": \"same\"}}}", "kafka.topics.b")]
    [TestCase("{\"kafka\": {\"settings\": {\"group.id\": \"other\"}}}", "kafka.settings.group.id")]
    [TestCase("{\"kafka\": {\"consumerSettings\": {\"enable.auto.offset.store\": \"true\"}}}", "kafka.consumerSettings.enable.auto.offset.store")]
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
