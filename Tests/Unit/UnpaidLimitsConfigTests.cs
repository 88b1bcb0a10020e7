using SocialGame.Core.Options;
using SocialGame.Modules.Player;
using SocialGame.Modules.RedPacket;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Unit;

/// <summary>The limits on unpaid orders and red packets: shipped values, and bad ones stop the start naming the field.</summary>
public class UnpaidLimitsConfigTests
{
    [Test]
    public void TheShippedFilesSetTheDocumentedLimits()
    {
        var player = ConfigLoader.Load<PlayerOptions>(Path.Combine(TestServer.ConfigDir, PlayerOptions.FileName));
        Assert.That((player.OrderExpireSeconds, player.MaxUnpaidOrders), Is.EqualTo((900, 5)));
        var packets = ConfigLoader.Load<RedPacketOptions>(Path.Combine(TestServer.ConfigDir, RedPacketOptions.FileName));
        Assert.That((packets.UnpaidExpireSeconds, packets.MaxUnpaidPerPlayer), Is.EqualTo((900, 3)));
    }

    [TestCase("{\"orderExpireSeconds\": 59}", "orderExpireSeconds")]
    [TestCase("{\"orderExpireSeconds\": 86401}", "orderExpireSeconds")]
    [TestCase("{\"maxUnpaidOrders\": 0}", "maxUnpaidOrders")]
    [TestCase("{\"maxUnpaidOrders\": 101}", "maxUnpaidOrders")]
    public void ABadOrderLimitIsRefusedNamingTheField(string json, string field)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse<PlayerOptions>(json, "player.json"));
        Assert.That(ex!.Message, Does.StartWith("player.json: ").And.Contain(field));
    }

    [TestCase("{\"unpaidExpireSeconds\": 0}", "unpaidExpireSeconds")]
    [TestCase("{\"unpaidExpireSeconds\": 100000}", "unpaidExpireSeconds")]
    [TestCase("{\"maxUnpaidPerPlayer\": 0}", "maxUnpaidPerPlayer")]
    [TestCase("{\"maxUnpaidPerPlayer\": -1}", "maxUnpaidPerPlayer")]
    public void ABadRedPacketLimitIsRefusedNamingTheField(string json, string field)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse<RedPacketOptions>(json, "redpackets.json"));
        Assert.That(ex!.Message, Does.StartWith("redpackets.json: ").And.Contain(field));
    }
}
