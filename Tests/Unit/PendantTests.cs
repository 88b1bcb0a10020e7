using SocialGame.Core.Options;
using SocialGame.Modules.Common;
using SocialGame.Modules.Pendant;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Unit;

public class PendantVersionTests
{
    [TestCase("1.10.0", "1.9.9", 1)]
    [TestCase("1.9.9", "1.10.0", -1)]
    [TestCase("3.4", "3.4.0", 0)]
    [TestCase("3.4.0.0", "3.4", 0)]
    [TestCase("10.0", "9.99.99", 1)]
    [TestCase("3.3.90", "3.3.9", 1)]
    [TestCase("3.3.09", "3.3.9", 0)]
    [TestCase("2", "1.99", 1)]
    [TestCase("0.0.1", "0.0.0.9", 1)]
    public void VersionsCompareAsNumbersPartByPart(string a, string b, int expected)
    {
        Assert.That(ClientVersion.Compare(a, b), Is.EqualTo(expected));
        Assert.That(ClientVersion.Compare(b, a), Is.EqualTo(-expected));
    }

    [TestCase("")]
    [TestCase("1..2")]
    [TestCase(".1")]
    [TestCase("1.")]
    [TestCase("a.b")]
    [TestCase("1.2.3.4.5")]
    [TestCase("1.2-beta")]
    [TestCase(" 1.2")]
    [TestCase("-1.2")]
    [TestCase("1234567.0")]
    public void AConfiguredVersionIsOnlyNumbers(string text) =>
        Assert.That(ClientVersion.TryParse(text, out _), Is.False);

    [TestCase("3.4.0-beta", "3.4.0")]
    [TestCase("3.4.0 (build 77)", "3.4.0")]
    [TestCase("1.10", "1.10")]
    [TestCase("7", "7")]
    [TestCase("2.1.", "2.1")]
    public void AClientVersionIsReadUpToItsSuffix(string reported, string reads)
    {
        Assert.That(ClientVersion.TryParseClient(reported, out var parts), Is.True);
        Assert.That(ClientVersion.TryParse(reads, out var expected), Is.True);
        Assert.That(ClientVersion.Compare(parts, expected), Is.EqualTo(0));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("beta")]
    [TestCase("v3.4")]
    public void AnUnreadableClientVersionSeesOnlyPendantsWithoutARange(string? reported)
    {
        Assert.That(ClientVersion.InRange(reported, "", ""), Is.True);
        Assert.That(ClientVersion.InRange(reported, "1.0", ""), Is.False);
        Assert.That(ClientVersion.InRange(reported, "", "9.0"), Is.False);
    }

    [TestCase("1.9.4", false)]
    [TestCase("1.9.5", true)]
    [TestCase("1.9.10", true)]
    [TestCase("1.10.0", true)]
    [TestCase("1.10.2", true)]
    [TestCase("1.10.2.0", true)]
    [TestCase("1.10.2.1", false)]
    [TestCase("1.10.3", false)]
    [TestCase("2.0", false)]
    public void BothEndsOfTheRangeAreIncluded(string reported, bool inside) =>
        Assert.That(ClientVersion.InRange(reported, "1.9.5", "1.10.2"), Is.EqualTo(inside));

    [Test]
    public void AnOpenEndedRangeHasOneBound()
    {
        Assert.That(ClientVersion.InRange("3.3.89", "3.3.90", ""), Is.False);
        Assert.That(ClientVersion.InRange("3.3.90", "3.3.90", ""), Is.True);
        Assert.That(ClientVersion.InRange("99.0", "3.3.90", ""), Is.True);
        Assert.That(ClientVersion.InRange("0.1", "", "3.3.90"), Is.True);
        Assert.That(ClientVersion.InRange("3.4", "", "3.3.90"), Is.False);
    }
}

internal class PendantDefTests
{
    private static readonly DateTimeOffset T = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static PendantDef Valid() => new()
    {
        Id = "p1", Business = "chat", Image = "https://cdn.example.com/p1.png", Text = "hello", Begin = T, End = T.AddHours(1),
        Trigger = new PendantTrigger { Kind = PendantTriggerKind.Operator },
    };

    private static IReadOnlyList<string> Errors(PendantDef def)
    {
        var v = new OptionsValidator();
        def.Validate(v);
        return v.Errors;
    }

    [Test]
    public void TheShippedFileLoads()
    {
        var file = ConfigLoader.Load<PendantFile>(Path.Combine(TestServer.ConfigDir, PendantFile.FileName));
        Assert.That(file.Pendants.Select(p => p.Business).Distinct(), Is.EquivalentTo(new[] { "chat", "game" }), "more than one business");
        Assert.That(file.Pendants.Select(p => p.Trigger.Kind).Distinct(), Is.EquivalentTo(Enum.GetValues<PendantTriggerKind>()));
    }

    [Test]
    public void AValidPendantHasNoErrors() => Assert.That(Errors(Valid()), Is.Empty);

    private static readonly (string Field, Action<PendantDef> Break)[] Breaks =
    [
        ("id", d => d.Id = "has space"),
        ("id", d => d.Id = new string('x', 33)),
        ("business", d => d.Business = "radio"),
        ("image", d => d.Image = ""),
        ("image", d => d.Image = "not a url"),
        ("text", d => d.Text = ""),
        ("text", d => d.Text = "line\nbreak"),
        ("jumpUrl", d => d.JumpUrl = "relative/path"),
        ("priority", d => d.Priority = -1),
        ("minVersion", d => d.MinVersion = "1.x"),
        ("maxVersion", d => d.MaxVersion = "2..0"),
        ("maxVersion", d => (d.MinVersion, d.MaxVersion) = ("1.10.0", "1.9.9")),
        ("minVipLevel", d => d.MinVipLevel = 101),
        ("begin", d => d.Begin = default),
        ("end", d => d.End = d.Begin),
        ("end", d => d.End = default),
        ("rooms[1]", d => d.Rooms = ["r1", "bad room"]),
        ("trigger.giftId", d => d.Trigger = new PendantTrigger { Kind = PendantTriggerKind.Gift, DurationSeconds = 60 }),
        ("trigger.giftId", d => d.Trigger = new PendantTrigger { Kind = PendantTriggerKind.RedPacket, GiftId = 3, DurationSeconds = 60 }),
        ("trigger.durationSeconds", d => d.Trigger = new PendantTrigger { Kind = PendantTriggerKind.Gift, GiftId = 3 }),
        ("trigger.durationSeconds", d => d.Trigger = new PendantTrigger { Kind = PendantTriggerKind.RedPacket,
            DurationSeconds = 8 * 86400 }),
        ("trigger.durationSeconds", d => d.Trigger.DurationSeconds = 60),
        ("trigger.minCount", d => d.Trigger = new PendantTrigger { Kind = PendantTriggerKind.Gift, GiftId = 3, MinCount = 0,
            DurationSeconds = 60 }),
        ("trigger.kind", d => d.Trigger.Kind = (PendantTriggerKind)7),
        ("trigger", d => d.Trigger = null!),
    ];

    [TestCaseSource(nameof(Breaks))]
    public void EachBadFieldIsNamed((string Field, Action<PendantDef> Break) c)
    {
        var def = Valid();
        c.Break(def);
        var errors = Errors(def);
        Assert.That(errors, Has.Count.EqualTo(1), string.Join("; ", errors));
        Assert.That(errors[0], Does.StartWith(c.Field + ": "));
    }

    private static string Entry(string id, string business, string trigger) =>
        $$"""{ "id": "{{id}}", "business": "{{business}}", "image": "https://x.example/a.png",""" +
        $$""" "text": "t", "begin": "2030-01-01T00:00:00Z", "end": "2031-01-01T00:00:00Z", "trigger": {{trigger}} }""";

    [Test]
    public void ABadFileNamesTheFileAndThePendantsField()
    {
        string json = $$"""{ "pendants": [ {{Entry("a", "chat", """{ "kind": "gift", "giftId": 1 }""")}} ] }""";
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse<PendantFile>(json, "pendants.json"));
        Assert.That(ex!.Message, Does.StartWith("pendants.json: pendants[0].trigger.durationSeconds: "));
        var unknown = Assert.Throws<ConfigException>(() =>
            ConfigLoader.Parse<PendantFile>("""{ "pendants": [ { "colour": "red" } ] }""", "pendants.json"));
        Assert.That(unknown!.Message, Does.StartWith("pendants.json: pendants[0].colour: "));
        string op = """{ "kind": "operator" }""";
        string twice = $$"""{ "pendants": [ {{Entry("a", "chat", op)}}, {{Entry("a", "game", op)}} ] }""";
        var duplicate = Assert.Throws<ConfigException>(() => ConfigLoader.Parse<PendantFile>(twice, "pendants.json"));
        Assert.That(duplicate!.Message, Does.Contain("pendants: pendant id 'a' appears twice"));
    }

    [Test]
    public void TheWindowIncludesItsBeginAndExcludesItsEnd()
    {
        var def = Valid();
        Assert.That(def.InWindow(T.AddTicks(-1)), Is.False);
        Assert.That(def.InWindow(T), Is.True);
        Assert.That(def.InWindow(T.AddHours(1).AddTicks(-1)), Is.True);
        Assert.That(def.InWindow(T.AddHours(1)), Is.False);
    }

    [Test]
    public void VisibilityCombinesVersionVipLevelAndOwner()
    {
        var def = Valid();
        (def.MinVersion, def.MinVipLevel, def.OwnerOnly) = ("3.3.90", 2, true);
        Assert.That(def.VisibleTo("3.4.0", 2, isOwner: true), Is.True);
        Assert.That(def.VisibleTo("3.3.9", 2, isOwner: true), Is.False, "version");
        Assert.That(def.VisibleTo("3.4.0", 1, isOwner: true), Is.False, "vip level");
        Assert.That(def.VisibleTo("3.4.0", 5, isOwner: false), Is.False, "owner only");
        Assert.That(Valid().VisibleTo(null, 0, isOwner: false), Is.True, "no rules: everyone");
    }

    [Test]
    public void AGiftTriggerMatchesItsGiftFromItsMinimumCount()
    {
        var t = new PendantTrigger { Kind = PendantTriggerKind.Gift, GiftId = 3, MinCount = 5, DurationSeconds = 60 };
        Assert.That(t.Matches(PendantTriggerKind.Gift, "3", 5), Is.True);
        Assert.That(t.Matches(PendantTriggerKind.Gift, "3", 4), Is.False);
        Assert.That(t.Matches(PendantTriggerKind.Gift, "30", 9), Is.False);
        Assert.That(t.Matches(PendantTriggerKind.RedPacket, "3", 9), Is.False);
        var packet = new PendantTrigger { Kind = PendantTriggerKind.RedPacket, DurationSeconds = 60 };
        Assert.That(packet.Matches(PendantTriggerKind.RedPacket, "rp-1", 1), Is.True);
        Assert.That(new PendantTrigger().Matches(PendantTriggerKind.Operator, "", 1), Is.False, "operator pendants are never triggered");
    }
}
