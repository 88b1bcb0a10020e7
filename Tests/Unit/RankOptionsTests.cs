using System.Text.Json.Nodes;
using SocialGame.Core.Options;
using SocialGame.Modules.Player;
using SocialGame.Modules.Rank;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Unit;

/// <summary>Config/rank.json: the shipped file loads; a bad value stops the start naming the file and the field.</summary>
public class RankOptionsTests
{
    private static JsonObject Shipped() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestServer.ConfigDir, RankOptions.FileName)),
            documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!
            .AsObject();

    private static RankOptions Load(JsonObject json) => ConfigLoader.Parse<RankOptions>(json.ToJsonString(), RankOptions.FileName);

    [Test]
    public void TheShippedFileLoadsAndItsRewardsAreInThePlayerCatalogues()
    {
        var options = Load(Shipped());
        Assert.That(options.Boards.Select(b => (b.Id, b.Metric, b.Period)), Is.EquivalentTo(new[]
        {
            ("charm_day", RankMetric.Charm, RankPeriodKind.Day), ("charm_week", RankMetric.Charm, RankPeriodKind.Week),
            ("wealth_day", RankMetric.Wealth, RankPeriodKind.Day), ("wealth_week", RankMetric.Wealth, RankPeriodKind.Week),
        }));
        var player = ConfigLoader.Load<PlayerOptions>(Path.Combine(TestServer.ConfigDir, PlayerOptions.FileName));
        var items = ConfigLoader.Load<ItemCatalog>(Path.Combine(TestServer.ConfigDir, ItemCatalog.FileName));
        Assert.DoesNotThrow(() => options.CheckAgainst(player, items));
        var week = options.Find("charm_week")!;
        Assert.That(RankOptions.Changes(week.RewardOf(1)!, items).Items.Select(i => (i.ItemId, i.Count)),
            Is.EqualTo(new[] { (1001, 2L), (4001, 1L) }), "14 days of a 7-day frame are two of it");
        Assert.That((week.RewardOf(3), week.RewardOf(4)), Is.EqualTo((week.Ranges[0], (RankRewardSet?)null)));
    }

    [TestCase("id", "\"Charm Day\"", "boards[0].id")]
    [TestCase("keepDays", "0", "boards[0].keepDays")]
    [TestCase("historySize", "101", "boards[0].historySize")]
    [TestCase("period", "\"month\"", "period")]
    public void ABadBoardFieldIsNamed(string field, string value, string named)
    {
        var json = Shipped();
        json["boards"]![0]![field] = JsonNode.Parse(value);
        var ex = Assert.Throws<ConfigException>(() => Load(json));
        Assert.That(ex!.Message, Does.StartWith(RankOptions.FileName).And.Contain(named));
    }

    [Test]
    public void RangesMayNotCoverFirstPlaceOverlapOrPassTheHistory()
    {
        var json = Shipped();
        var ranges = json["boards"]![0]!["ranges"]!.AsArray();
        ranges[0]!["from"] = 1;
        Assert.That(Assert.Throws<ConfigException>(() => Load(json))!.Message, Does.Contain("boards[0].ranges[0].from"));
        ranges[0]!["from"] = 2;
        ranges[1]!["from"] = 3;
        Assert.That(Assert.Throws<ConfigException>(() => Load(json))!.Message, Does.Contain("overlaps an earlier range"));
        ranges[1]!["from"] = 4;
        ranges[1]!["to"] = 11;
        Assert.That(Assert.Throws<ConfigException>(() => Load(json))!.Message, Does.Contain("boards[0].ranges[1].to"));
    }

    [Test]
    public void ATimedItemsDaysMustBeAMultipleOfItsDurationAndItemsAndCurrenciesMustExist()
    {
        var player = ConfigLoader.Load<PlayerOptions>(Path.Combine(TestServer.ConfigDir, PlayerOptions.FileName));
        var items = ConfigLoader.Load<ItemCatalog>(Path.Combine(TestServer.ConfigDir, ItemCatalog.FileName));
        var json = Shipped();
        json["boards"]![0]!["first"]!["items"]![0]!["days"] = 10;
        var ex = Assert.Throws<ConfigException>(() => Load(json).CheckAgainst(player, items));
        Assert.That(ex!.Message, Does.Contain("boards[0].first.items").And.Contain("multiple of its durationDays"));
        json["boards"]![0]!["first"]!["items"]![0]!["itemId"] = 424242;
        Assert.That(Assert.Throws<ConfigException>(() => Load(json).CheckAgainst(player, items))!.Message, Does.Contain("424242"));
        json = Shipped();
        json["boards"]![0]!["first"]!["currencies"]![0]!["currency"] = "diamonds";
        Assert.That(Assert.Throws<ConfigException>(() => Load(json).CheckAgainst(player, items))!.Message, Does.Contain("'diamonds'"));
        json = Shipped();
        json["boards"]![0]!["first"]!["items"]![0]!["count"] = 1;
        Assert.That(Assert.Throws<ConfigException>(() => Load(json))!.Message, Does.Contain("either count"));
    }
}
