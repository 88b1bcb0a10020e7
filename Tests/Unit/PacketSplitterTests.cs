using SocialGame.Core.Options;
using SocialGame.Core.Time;
using SocialGame.Modules.RedPacket;

namespace SocialGame.Tests.Unit;

public class PacketSplitterTests
{
    [TestCase(10, 10)]
    [TestCase(11, 10)]
    [TestCase(1000, 10)]
    [TestCase(6000, 30)]
    [TestCase(1_000_000, 10_000)]
    [TestCase(1, 1)]
    public void SharesAreAtLeastOneAndSumToTheTotal(long total, int shares)
    {
        for (int seed = 0; seed < 50; seed++)
        {
            var split = PacketSplitter.Split(total, shares, new SeededRandomSource(seed));
            Assert.That(split, Has.Length.EqualTo(shares));
            Assert.That(split.Sum(), Is.EqualTo(total));
            Assert.That(split.Min(), Is.GreaterThanOrEqualTo(1));
        }
    }

    [Test]
    public void SharesVaryAroundTheFairShare()
    {
        var split = PacketSplitter.Split(10_000, 100, new SeededRandomSource(3));
        Assert.That(split.Distinct().Count(), Is.GreaterThan(50));
        Assert.That(split.Max(), Is.LessThan(10_000 / 2));
    }

    [TestCase(5, 10, "total")]
    [TestCase(10, 0, "shares")]
    [TestCase(10, -3, "shares")]
    public void BadConfigurationsAreRefusedAtLoadNamingTheField(long total, int shares, string field)
    {
        string json = $$"""{"packets":[{"id":1,"name":"x","total":{{total}},"shares":{{shares}},"goldPrice":10,"countdownSeconds":60}]}""";
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse<RedPacketOptions>(json, "redpackets.json"));
        Assert.That(ex!.Message, Does.Contain("redpackets.json").And.Contain("packets[0]." + field));
    }

    [Test]
    public void TheSplitterRefusesWhatCannotBeSplit()
    {
        Assert.Throws<ArgumentException>(() => PacketSplitter.Split(5, 10, new SeededRandomSource(1)));
        Assert.That(RedPacketOptions.Problem(new PacketConfig { Total = 5, Shares = 10, GoldPrice = 1 }), Does.Contain("total"));
        Assert.That(RedPacketOptions.Problem(new PacketConfig { Total = 5, Shares = 0, GoldPrice = 1 }), Does.Contain("shares"));
    }
}
