using SocialGame.Core.Options;
using SocialGame.Modules.Bargain;
using SocialGame.Modules.Bargain.Handlers;
using SocialGame.Modules.Player;
using SocialGame.Protocol.Messages.Bargain;
using SocialGame.Protocol.Messages.Player;
using SocialGame.Tests.Infrastructure;
using SocialGame.Tests.Integration;

namespace SocialGame.Tests.Unit;

public class BargainOptionsTests
{
    private static string ShippedPath => Path.Combine(TestServer.ConfigDir, BargainOptions.FileName);

    private static string Problems(Action<System.Text.Json.Nodes.JsonObject> change)
    {
        var ex = Assert.Throws<ConfigException>(() =>
            ConfigLoader.Parse<BargainOptions>(BargainTestConfig.Create(change).ToJsonString(), "bargain.json"));
        return ex!.Message;
    }

    [Test]
    public void TheShippedFileIsValidWithPeriodOneOpenNowAndItsItemsExist()
    {
        var options = ConfigLoader.Load<BargainOptions>(ShippedPath);
        var player = ConfigLoader.Load<PlayerOptions>(Path.Combine(TestServer.ConfigDir, PlayerOptions.FileName));
        var items = ConfigLoader.Load<ItemCatalog>(Path.Combine(TestServer.ConfigDir, ItemCatalog.FileName));
        Assert.DoesNotThrow(() => options.CheckAgainst(player, items, BargainOptions.FileName));
        var period = options.Find(1)!;
        Assert.That(options.Enabled && period.Enabled, Is.True);
        Assert.That(period.IsOpenAt(DateTimeOffset.UtcNow.ToUnixTimeSeconds()), Is.True);
        Assert.That(period.EndTime - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Is.GreaterThan(365L * 86400), "open for years");
        Assert.That(period.Goods.Count, Is.GreaterThanOrEqualTo(3));
        Assert.That(options.TypeNames.All(period.Help.ContainsKey), Is.True);
    }

    [Test]
    public void TheTestFileIsValid() =>
        Assert.DoesNotThrow(() => ConfigLoader.Parse<BargainOptions>(BargainTestConfig.Create().ToJsonString(), "bargain.json"));

    [Test]
    public void BadValuesAreRefusedNamingTheField()
    {
        Assert.That(Problems(c => c["periods"]![0]!["goods"]![0]!["floorprice"] = 101), Does.Contain("periods[0].goods[0].floorprice"));
        Assert.That(Problems(c => c["periods"]![0]!["goods"]![1]!["idx"] = 1), Does.Contain("idx 1 appears twice"));
        Assert.That(Problems(c => c["periods"]![1]!["id"] = 1), Does.Contain("period id 1 appears twice"));
        Assert.That(Problems(c => c["periods"]![0]!["endtime"] = 0), Does.Contain("periods[0].endtime"));
        Assert.That(Problems(c => c["periods"]![0]!["goods"]![0]!["sysDel"]!["max"] = 500), Does.Contain("sysDel.max"));
        Assert.That(Problems(c => c["periods"]![0]!["goods"]![0]!["getcount"] = 0), Does.Contain("getcount"));
        Assert.That(Problems(c => c["periods"]![0]!["goods"] = new System.Text.Json.Nodes.JsonArray()),
            Does.Contain("needs at least one goods"));
        Assert.That(Problems(c => c["periods"]![0]!["help"]!["old"]!["first"]!["min"] = 0), Does.Contain("help.old.first.min"));
        Assert.That(Problems(c => c["periods"]![0]!["help"]!["ghost"] = c["periods"]![0]!["help"]!["old"]!.DeepClone()),
            Does.Contain("help.ghost: is not a player type"));
        Assert.That(Problems(c => c["code"]!["alphabet"] = "ABO"), Does.Contain("code.alphabet"));
        Assert.That(Problems(c => c["code"]!["minLength"] = 7), Does.Contain("code.minLength"));
        Assert.That(Problems(c => c["code"]!["maxLength"] = 11), Does.Contain("code.maxLength"));
        Assert.That(Problems(c => c["limits"]!["maxDoing"] = 0), Does.Contain("limits.maxDoing"));
        Assert.That(Problems(c => c["limits"]!["accountsPerIp"] = 0), Does.Contain("limits.accountsPerIp"));
        Assert.That(Problems(c => c["playerTypes"]![0]!.AsObject().Remove("minVipLevel")), Does.Contain("at least one condition"));
        Assert.That(Problems(c => c["periods"]![0]!["surprise"] = 1), Does.Contain("surprise"));
    }

    [Test]
    public void HelpersAreClassifiedByTheFirstMatchingRule()
    {
        var options = ConfigLoader.Parse<BargainOptions>(BargainTestConfig.Create().ToJsonString(), "bargain.json");
        long now = 1_800_000_000;
        ProfileInfo Profile(int vip, long ageDays) => new() { Acc = "a", VipLevel = vip, RegTime = now - ageDays * 86400, Level = 1 };
        Assert.That(options.Classify(Profile(1, 1), now), Is.EqualTo("vip"), "vip before new");
        Assert.That(options.Classify(Profile(0, 6), now), Is.EqualTo("new"));
        Assert.That(options.Classify(Profile(0, 7), now), Is.EqualTo("old"));
        Assert.That(options.Classify(null, now), Is.EqualTo("old"));
    }

    [Test]
    public void CodesAreMadeFromTheAlphabetAndReadBackCaseInsensitively()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => BargainCodes.New(new BargainCodeOptions())).ToList();
        Assert.That(codes.All(c => c.Length is >= 8 and <= 10 && c.All(BargainCodeOptions.Unambiguous.Contains)), Is.True);
        Assert.That(codes.Select(c => c.Length).Distinct().Count(), Is.EqualTo(3));
        Assert.That(codes.Distinct().Count(), Is.EqualTo(codes.Count));
        Assert.That(BargainCodes.New(new BargainCodeOptions { Alphabet = "K", MinLength = 8, MaxLength = 8 }), Is.EqualTo("KKKKKKKK"));
        Assert.That(BargainCodes.Normalize("abcdefgh"), Is.EqualTo("ABCDEFGH"));
        foreach (var bad in new[] { null, "", "ABCDEFG", "ABCDEFGHJKM", "ABCDEFG0", "ABCDEFGO", "ABCDEFGI", "ABCDEFG1", "ABCD EFG",
            "ABCDEFG!" })
            Assert.That(BargainCodes.Normalize(bad), Is.Null, bad);
    }

    [Test]
    public void KeysAreTheSeedsAndShareAHashTagInClusterMode()
    {
        var plain = new BargainKeys(1, cluster: false);
        Assert.That((string?)plain.Player(2), Is.EqualTo("hash:bargain_1_2:player"));
        Assert.That((string?)plain.Code(2), Is.EqualTo("hash:bargain_1_2:code"));
        Assert.That((string?)plain.Help(2), Is.EqualTo("hash:bargain_1_2:help"));
        var cluster = new BargainKeys(1, cluster: true);
        Assert.That((string?)cluster.Player(2), Is.EqualTo("hash:bargain_{1_2}:player"));
        Assert.That((string?)cluster.Code(2), Is.EqualTo("hash:bargain_{1_2}:code"));
        Assert.That((string?)cluster.Help(2), Is.EqualTo("hash:bargain_{1_2}:help"));
        Assert.That(plain.LedgerKey(2, "ABCDEFGH"), Is.EqualTo("bargain:1:2:ABCDEFGH"));
    }

    [Test]
    public void RecordsReadTheSeedsJson()
    {
        var record = PlayerRecord.Parse("""
            {"gotgoods":[{"idx":1,"goodsid":101,"getcount":2}],"getinggoods":{"idx":2,"goodsid":102,"code":"AAAAAAAA"},
             "selectgoods":[{"idx":3,"goodsid":103,"code":"BBBBBBBB"}],"helplist":[{"code":"CCCCCCCC","acc":"x","delprice":7}]}
            """);
        Assert.That(record.GotCount(1), Is.EqualTo(2));
        Assert.That(record.Getting, Is.EqualTo(new BargainSlot(2, 102, "AAAAAAAA")));
        Assert.That(record.Active.Select(s => s.Code), Is.EqualTo(new[] { "AAAAAAAA", "BBBBBBBB" }));
        Assert.That(record.Helps.Single(), Is.EqualTo(new HelpEntry("CCCCCCCC", "x", 7)));
        var empty = PlayerRecord.Parse("""{"gotgoods":{},"getinggoods":{},"selectgoods":{},"helplist":{}}""");
        Assert.That(empty.Getting, Is.Null);
        Assert.That(empty.Active, Is.Empty);
        var code = CodeRecord.Parse("""{"isget":0,"master":"m","goodsid":""" +
            """101,"idx":1,"code":"AAAAAAAA","helperlist":[{"acc":"h","delprice":""" +
            """5}],"totaldelprice":15,"sysdelprice":10,"createtime":1700000000}""")!;
        Assert.That(code.Helpers.Single(), Is.EqualTo(new CodeHelper("h", 5)));
        Assert.That((code.TotalDelPrice, code.SysDelPrice, code.CreateTime), Is.EqualTo((15L, 10L, 1700000000L)));
        var options = ConfigLoader.Parse<BargainOptions>(BargainTestConfig.Create().ToJsonString(), "bargain.json");
        var goods = options.Find(1)!.Goods;
        Assert.That(goods.Select(g => BargainService.GoodsState(record, g)),
            Is.EqualTo(new[] { BargainGoodsState.Got, BargainGoodsState.Getting, BargainGoodsState.Select, BargainGoodsState.Canget }));
    }

    [Test]
    public void DeviceIdsMustNotLookLikeAnIpAddress()
    {
        Assert.That(BargainInput.DeviceId("A1B2-C3"), Is.True);
        Assert.That(BargainInput.DeviceId("12345"), Is.True, "a number is not the text of an address");
        Assert.That(BargainInput.DeviceId("10.1.2.3"), Is.False);
        Assert.That(BargainInput.DeviceId("::1"), Is.False);
        Assert.That(BargainInput.DeviceId(null), Is.False);
        Assert.That(BargainInput.DeviceType(1) && BargainInput.DeviceType(0) && !BargainInput.DeviceType(2)
            && !BargainInput.DeviceType(null), Is.True);
    }
}
