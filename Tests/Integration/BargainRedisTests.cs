using System.Text.Json.Nodes;
using SocialGame.Core.Options;
using SocialGame.Protocol;
using SocialGame.Tests.Infrastructure;
using StackExchange.Redis;
using static SocialGame.Tests.Integration.BargainTestConfig;

namespace SocialGame.Tests.Integration;

/// <summary>The raw Redis values are the seed's layout, field name for field name.</summary>
public class BargainLayoutTests : BargainFixture
{
    private static string[] Keys(JsonNode? node) => node!.AsObject().Select(kv => kv.Key).OrderBy(k => k, StringComparer.Ordinal).ToArray();

    private static string[] Sorted(params string[] names) => names.OrderBy(k => k, StringComparer.Ordinal).ToArray();

    [Test]
    public async Task TheThreeHashesHoldTheSeedsJson()
    {
        string master = TestServer.NewAccount("m"), helper = TestServer.NewAccount("h");
        var ip = FreshIp();
        await using var m = await LoginAsync(master);
        await using var h = await LoginAsync(helper, ip);
        await GmAsync($"//gm addmoney {master} yuanbao 1000");
        string done = await StartAsync(m, 4);
        Assert.That((await CallAsync(m, 5, new { id = Open, idx = 4, goodsid = 104, bargaincode = done })).Result, Is.EqualTo(0));
        string paused = await StartAsync(m, 1);
        string current = await StartAsync(m, 3);
        Assert.That((await HelpAsync(h, current, "device-xyz")).Result, Is.EqualTo(0));

        foreach (var suffix in new[] { "player", "code", "help" })
            Assert.That(await Db.KeyTypeAsync($"hash:bargain_1_1:{suffix}"), Is.EqualTo(RedisType.Hash), suffix);

        string masterRaw = (await Db.HashGetAsync("hash:bargain_1_1:player", master)).ToString();
        var p = JsonNode.Parse(masterRaw)!;
        Assert.That(Keys(p), Is.EqualTo(Sorted("gotgoods", "getinggoods", "selectgoods", "helplist")));
        Assert.That(Keys(p["gotgoods"]![0]), Is.EqualTo(Sorted("idx", "goodsid", "getcount")));
        Assert.That(Keys(p["getinggoods"]), Is.EqualTo(Sorted("idx", "goodsid", "code")));
        Assert.That(p["getinggoods"]!["code"]!.GetValue<string>(), Is.EqualTo(current));
        Assert.That(Keys(p["selectgoods"]![0]), Is.EqualTo(Sorted("idx", "goodsid", "code")));
        Assert.That(p["selectgoods"]![0]!["code"]!.GetValue<string>(), Is.EqualTo(paused));
        Assert.That(masterRaw, Does.Contain("\"helplist\":[]"), "an empty list is a JSON array");

        string helperRaw = (await Db.HashGetAsync("hash:bargain_1_1:player", helper)).ToString();
        var hp = JsonNode.Parse(helperRaw)!;
        Assert.That(Keys(hp), Is.EqualTo(Sorted("gotgoods", "getinggoods", "selectgoods", "helplist")));
        Assert.That(Keys(hp["helplist"]![0]), Is.EqualTo(Sorted("code", "acc", "delprice")));
        Assert.That(helperRaw, Does.Contain("\"gotgoods\":[]").And.Contain("\"selectgoods\":[]").And.Contain("\"getinggoods\":{}"));

        var c = JsonNode.Parse((await Db.HashGetAsync("hash:bargain_1_1:code", current)).ToString())!;
        Assert.That(Keys(c), Is.EqualTo(Sorted("isget", "master", "goodsid", "idx", "code", "helperlist", "totaldelprice", "sysdelprice", "createtime")));
        Assert.That(Keys(c["helperlist"]![0]), Is.EqualTo(Sorted("acc", "delprice")));
        Assert.That(c["isget"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(c["master"]!.GetValue<string>(), Is.EqualTo(master));
        Assert.That((c["idx"]!.GetValue<int>(), c["goodsid"]!.GetValue<int>()), Is.EqualTo((3, 103)));
        Assert.That(JsonNode.Parse((await Db.HashGetAsync("hash:bargain_1_1:code", done)).ToString())!["isget"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That((await Db.HashGetAsync("hash:bargain_1_1:code", paused)).ToString(), Does.Contain("\"helperlist\":[]"));

        Assert.That((await Db.HashGetAsync("hash:bargain_1_1:help", ip.ToString())).ToString(), Is.EqualTo($"[\"{helper}\"]"));
        Assert.That((await Db.HashGetAsync("hash:bargain_1_1:help", "device-xyz")).ToString(), Is.EqualTo($"[\"{helper}\"]"));
    }
}

/// <summary>With redis.cluster on, the three keys of a period share the hash tag {areaid_actid}.</summary>
public class BargainClusterKeyTests : BargainFixture
{
    protected override void Configure(ServerOptions options) => options.Redis.Cluster = true;

    [Test]
    public async Task ThePeriodsKeysShareOneHashTag()
    {
        await using var m = await LoginAsync(TestServer.NewAccount("m"));
        await using var h = await LoginAsync(TestServer.NewAccount("h"));
        string code = await StartAsync(m, 3);
        Assert.That((await HelpAsync(h, code)).Result, Is.EqualTo(0));
        await GmAsync($"//gm msact bargain 1 1000 {code} 10");
        Assert.That((await CallAsync(m, 2, new { id = Open }))["bargaindata"]!["totaldelprice"]!.GetValue<long>(), Is.EqualTo(20));
        foreach (var suffix in new[] { "player", "code", "help" })
        {
            Assert.That(await Db.KeyExistsAsync($"hash:bargain_{{1_1}}:{suffix}"), Is.True, suffix);
            Assert.That(await Db.KeyExistsAsync($"hash:bargain_1_1:{suffix}"), Is.False, suffix);
        }
    }
}

/// <summary>Every bargain request answers redis_error while Redis is down, and works again once it is back.</summary>
public class BargainRedisOutageTests : BargainFixture
{
    [Test]
    public async Task EveryOperationAnswersRedisErrorWhileRedisIsDown()
    {
        await using var client = await LoginAsync(TestServer.NewAccount());
        await using var gm = await LoginAsync("gm");
        string code = await StartAsync(client, 3);
        var requests = new (int Opid, object? Data)[]
        {
            (0, null), (1, new { id = Open }), (2, new { id = Open }), (3, new { id = Open, idx = 1, goodsid = 101 }),
            (4, new { id = Open, deviceid = "d1", devicetype = 1, bargaincode = code }),
            (5, new { id = Open, idx = 3, goodsid = 103, bargaincode = code }), (6, new { id = Open }), (8, new { id = Open, idx = 3, goodsid = 103 }),
        };
        Redis.Stop();
        try
        {
            foreach (var (opid, data) in requests)
                Assert.That((await CallAsync(client, opid, data)).Result, Is.EqualTo((int)ResultCode.RedisError), $"opid {opid}");
            var gmReply = await gm.RequestAsync(2, 1, new { text = $"//gm msact bargain 1 1000 {code} 10" });
            Assert.That(gmReply.Result, Is.EqualTo((int)ResultCode.RedisError));
        }
        finally
        {
            Redis.Start();
        }
        Assert.That(await Eventually.TrueAsync(async () => (await CallAsync(client, 0)).Result == 0, 20), Is.True, "served again once Redis is back");
    }
}

/// <summary>help and getgoods have their own minimum interval (rateLimit.minIntervalMs "6/4", "6/5"): click_too_fast.</summary>
public class BargainRateLimitTests : BargainFixture
{
    protected override void Configure(ServerOptions options)
    {
        options.RateLimit.MinIntervalMs["6/4"] = 60_000;
        options.RateLimit.MinIntervalMs["6/5"] = 60_000;
    }

    [Test]
    public async Task HelpAndGetGoodsTooFastAnswerClickTooFast()
    {
        string acc = TestServer.NewAccount();
        await using var m = await LoginAsync(acc);
        await using var h = await LoginAsync(TestServer.NewAccount());
        await GmAsync($"//gm addmoney {acc} yuanbao 1000");
        string code = await StartAsync(m, 3);
        string other = await StartAsync(m, 2);
        Assert.That((await HelpAsync(h, code)).Result, Is.EqualTo(0));
        Assert.That((await HelpAsync(h, other)).Result, Is.EqualTo((int)ResultCode.ClickTooFast));
        Assert.That((await CallAsync(m, 5, new { id = Open, idx = 3, goodsid = 103, bargaincode = code })).Result, Is.EqualTo(0));
        Assert.That((await CallAsync(m, 5, new { id = Open, idx = 2, goodsid = 102, bargaincode = other })).Result, Is.EqualTo((int)ResultCode.ClickTooFast));
        Assert.That(await YuanbaoAsync(acc), Is.EqualTo(1000 - 990));
    }
}
