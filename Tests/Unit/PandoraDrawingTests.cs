using System.Text.Json.Nodes;
using SocialGame.Core.Options;
using SocialGame.Core.Time;
using SocialGame.Modules.Pandora;
using SocialGame.Modules.Player;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Unit;

/// <summary>The draw logic alone (weights, seeded reproducibility) and the validation of <c>pandora.json</c>.</summary>
public class PandoraDrawingTests
{
    private static string ShippedPath => Path.Combine(TestServer.ConfigDir, PandoraOptions.FileName);

    private static PandoraOptions Shipped() => ConfigLoader.Load<PandoraOptions>(ShippedPath);

    private static PandoraPoolConfig Pool(params long[] weights) => new()
    {
        Id = "p",
        Prizes = weights.Select((w, i) => new PandoraPrizeConfig { Id = i + 1, Name = "p" + i, Currency = "gold", Amount = 1, Weight = w })
            .ToList(),
    };

    [Test]
    public void A100000DrawDistributionFollowsTheWeightsWithinFiveStandardDeviations()
    {
        var pool = Pool(6000, 3000, 900, 100);
        var random = new SeededRandomSource(20261205);
        const int draws = 100_000;
        var counts = new Dictionary<int, int>();
        for (int i = 0; i < draws; i++)
        {
            int id = PandoraDrawing.Pick(pool, random).Id;
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }
        Assert.That(counts.Values.Sum(), Is.EqualTo(draws));
        foreach (var prize in pool.Prizes)
        {
            double p = (double)prize.Weight / pool.TotalWeight, expected = draws * p, sigma = Math.Sqrt(draws * p * (1 - p));
            Assert.That(counts.GetValueOrDefault(prize.Id), Is.InRange(expected - 5 * sigma, expected + 5 * sigma), $"prize {prize.Id}");
        }
    }

    [Test]
    public void EveryPrizeIsReachableAndNoneOutsideThePoolEvenWithWeightOne()
    {
        var pool = Pool(1, 1_000_000, 1);
        var edges = new[] { new FixedRandom(1), new FixedRandom(1_000_002), new FixedRandom(2), new FixedRandom(1_000_001) };
        Assert.That(edges.Select(r => PandoraDrawing.Pick(pool, r).Id), Is.EqualTo(new[] { 1, 3, 2, 2 }));
    }

    [Test]
    public void TheSameSeedGivesTheSameDrawsWhateverOrderTheMembersComeIn()
    {
        var pool = Shipped().Pool("silver")!;
        string[] members = ["m3", "m1", "zz", "a9", "m2", "m1"];
        var first = PandoraDrawing.DrawAll(pool, members, new SeededRandomSource(7));
        var second = PandoraDrawing.DrawAll(pool, members.Reverse(), new SeededRandomSource(7));
        Assert.That(first.Select(d => d.Account), Is.EqualTo(new[] { "a9", "m1", "m2", "m3", "zz" }), "each member once, in ordinal order");
        Assert.That(second.Select(d => (d.Account, d.Prize.Id)), Is.EqualTo(first.Select(d => (d.Account, d.Prize.Id))));
        var other = Enumerable.Range(0, 20).Select(s => PandoraDrawing.DrawAll(pool, members, new SeededRandomSource(s))
            .Select(d => d.Prize.Id).ToList()).ToList();
        Assert.That(other.Distinct(new ListEquality()).Count(), Is.GreaterThan(1), "another seed draws otherwise");
    }

    [Test]
    public void ThePublishedChancesAreTheWeightsShareAndAddUpToTheWhole()
    {
        var pool = Pool(6000, 3000, 900, 100);
        Assert.That(pool.Prizes.Select(p => PandoraDrawing.Chance(pool, p)), Is.EqualTo(new[] { 6000, 3000, 900, 100 }));
        foreach (var level in Shipped().Levels)
        {
            var shipped = Shipped().Pool(level.Pool)!;
            Assert.That(shipped.Prizes.Sum(p => PandoraDrawing.Chance(shipped, p)), Is.InRange(9998, 10002), level.Pool);
        }
    }

    [Test]
    public void TheShippedFileLoadsAndNamesOnlyKnownItemsAndCurrencies()
    {
        var options = Shipped();
        var items = ConfigLoader.Load<ItemCatalog>(Path.Combine(TestServer.ConfigDir, ItemCatalog.FileName));
        Assert.DoesNotThrow(() => options.CheckAgainst(["gold", "yuanbao"], items));
        Assert.That(options.RecordDays, Is.GreaterThanOrEqualTo(90));
        Assert.That(options.Levels.Select(l => l.Level), Is.EqualTo(Enumerable.Range(1, options.Levels.Count)));
    }

    private static JsonObject Minimal() => (JsonObject)JsonNode.Parse("""
        { "levels": [ { "level": 1, "threshold": 500, "pool": "a", "ownerReward": { "name": "x", "currency": "gold", "amount": 1 } } ],
          "pools": [ { "id": "a", "prizes": [ { "id": 1, "name": "x", "currency": "gold", "amount": 1, "weight": 1 } ] } ] }
        """)!;

    private static IEnumerable<TestCaseData> BadValues()
    {
        yield return Case("levels[1].threshold", j => j["levels"]!.AsArray().Add(JsonNode.Parse(
            """{ "level": 2, "threshold": 500, "pool": "a", "ownerReward": { "name": "x", "currency": "gold", "amount": 1 } }""")));
        yield return Case("levels[0].pool", j => j["levels"]![0]!["pool"] = "b");
        yield return Case("levels[0].level", j => j["levels"]![0]!["level"] = 2);
        yield return Case("pools[0].prizes[0].currency", j => j["pools"]![0]!["prizes"]![0]!["itemId"] = 7001);
        yield return Case("pools[0].prizes[0].weight", j => j["pools"]![0]!["prizes"]![0]!["weight"] = 0);
        yield return Case("pools[0].prizes[0].amount", j => j["pools"]![0]!["prizes"]![0]!["amount"] = -5);
        yield return Case("levels[0].ownerReward.name", j => j["levels"]![0]!["ownerReward"]!["name"] = "");
        yield return Case("recordDays", j => j["recordDays"] = 30);
    }

    private static TestCaseData Case(string field, Action<JsonObject> change)
    {
        var json = Minimal();
        change(json);
        return new TestCaseData(field, json.ToJsonString()).SetName("BadValue " + field);
    }

    [Test]
    public void TheMinimalFileIsValid() => Assert.DoesNotThrow(() => ConfigLoader.Parse<PandoraOptions>(Minimal().ToJsonString(), "x"));

    [TestCaseSource(nameof(BadValues))]
    public void ABadValueStopsTheStartNamingTheFileAndTheField(string field, string json)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse<PandoraOptions>(json, PandoraOptions.FileName));
        Assert.That(ex!.Message, Does.StartWith("pandora.json: ").And.Contain(field + ":"));
    }

    [Test]
    public void AnUnknownItemOrCurrencyIsRefusedNamingTheField()
    {
        var items = ConfigLoader.Load<ItemCatalog>(Path.Combine(TestServer.ConfigDir, ItemCatalog.FileName));
        var json = JsonNode.Parse(File.ReadAllText(ShippedPath),
            documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        json["pools"]![1]!["prizes"]![2]!["itemId"] = 424242;
        var options = ConfigLoader.Parse<PandoraOptions>(json.ToJsonString(), PandoraOptions.FileName);
        var ex = Assert.Throws<ConfigException>(() => options.CheckAgainst(["gold", "yuanbao"], items));
        Assert.That(ex!.Message, Does.Contain("pandora.json: pools[1].prizes[2].itemId: 424242"));
        json["pools"]![1]!["prizes"]![2]!["itemId"] = 1001;
        json["levels"]![0]!["ownerReward"]!["currency"] = "diamonds";
        options = ConfigLoader.Parse<PandoraOptions>(json.ToJsonString(), PandoraOptions.FileName);
        ex = Assert.Throws<ConfigException>(() => options.CheckAgainst(["gold", "yuanbao"], items));
        Assert.That(ex!.Message, Does.Contain("levels[0].ownerReward.currency: 'diamonds'"));
    }

    /// <summary>Always the same roll.</summary>
    private sealed class FixedRandom(long roll) : IRandomSource
    {
        public long Next(long minInclusive, long maxInclusive) => Math.Clamp(roll, minInclusive, maxInclusive);
        public double NextDouble() => 0;
    }

    private sealed class ListEquality : IEqualityComparer<List<int>>
    {
        public bool Equals(List<int>? x, List<int>? y) => x!.SequenceEqual(y!);
        public int GetHashCode(List<int> obj) => obj.Aggregate(17, (h, v) => h * 31 + v);
    }
}
