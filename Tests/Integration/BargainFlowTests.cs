using System.Text.Json.Nodes;
using SocialGame.Modules.Bargain;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Bargain;
using SocialGame.Tests.Infrastructure;
using StackExchange.Redis;
using static SocialGame.Tests.Integration.BargainTestConfig;

namespace SocialGame.Tests.Integration;

/// <summary>getacklist, getconfig, getcurdata, start, giveup and gethelp end to end, and the raw Redis layout.</summary>
[TestFixtureSource(typeof(RedisKinds), nameof(RedisKinds.Both))]
public class BargainFlowTests(RedisKind kind) : BargainFixture(kind)
{
    private static int[] States(BargainReply reply) =>
        reply["goods_state_list"]!.AsArray().OrderBy(g => g!["idx"]!.GetValue<int>()).Select(g => g!["state"]!.GetValue<int>()).ToArray();

    [Test]
    public async Task GetAckListListsTheOpenPeriodsAndTheEntryFlags()
    {
        await using var client = await LoginAsync(TestServer.NewAccount());
        var reply = await CallAsync(client, BargainProtocol.GetAckList);
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToString());
        var list = reply["actlist"]!.AsObject();
        Assert.That(list.Select(kv => kv.Key), Is.EquivalentTo(new[] { "1", "5", "6" }), "open and switched on only");
        Assert.That(list["1"]!["id"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(list["1"]!["actkey"]!.GetValue<string>(), Is.EqualTo("act1"));
        Assert.That(list["1"]!["actnamekey"]!.GetValue<string>(), Is.EqualTo("actname1"));
        Assert.That(list["1"]!["name"]!.GetValue<string>(), Is.EqualTo("Period 1"));
        Assert.That(reply["helpstate"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(reply["helphad"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(reply["bargainget"]!.GetValue<int>(), Is.EqualTo(0));
    }

    [Test]
    public async Task GetAckListFlagsHelpsGivenAndABargainAtItsFloor()
    {
        string master = TestServer.NewAccount(), helper = TestServer.NewAccount();
        await using var m = await LoginAsync(master);
        await using var h = await LoginAsync(helper);
        string code = await StartAsync(m, 4);
        Assert.That((await HelpAsync(h, code)).Result, Is.EqualTo(0));
        Assert.That((await CallAsync(h, BargainProtocol.GetAckList))["helphad"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That((await CallAsync(m, BargainProtocol.GetAckList))["bargainget"]!.GetValue<int>(), Is.EqualTo(0));
        await GmAsync($"//gm msact bargain 1 1000 {code} 100");
        Assert.That((await CallAsync(m, BargainProtocol.GetAckList))["bargainget"]!.GetValue<int>(), Is.EqualTo(1),
            "at the floor: ready to collect");
    }

    [Test]
    public async Task GetConfigAnswersThePeriodAndTheGoodsStates()
    {
        await using var client = await LoginAsync(TestServer.NewAccount());
        var reply = await CallAsync(client, BargainProtocol.GetConfig, new BargainPeriodRequest { Id = Open });
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToString());
        var config = reply["config"]!;
        Assert.That(config["id"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(config["actkey"]!.GetValue<string>(), Is.EqualTo("act1"));
        Assert.That(config["name"]!.GetValue<string>(), Is.EqualTo("Period 1"));
        Assert.That(config["show"]!.GetValue<int>(), Is.EqualTo(1));
        long end = config["endtime"]!.GetValue<long>();
        Assert.That(config["begintime"]!.GetValue<long>(), Is.LessThan(end));
        Assert.That(config["countDown"]!.GetValue<long>(), Is.EqualTo(end - DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Within(5));
        Assert.That(config.AsObject().ContainsKey("limitlevel"), Is.False, "limitlevel is no longer sent");
        Assert.That(States(reply), Is.EqualTo(new[] { 0, 0, 0, 0 }));
        Assert.That(reply["state"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(reply["helpstate"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(reply["helphad"]!.GetValue<int>(), Is.EqualTo(0));
        var high = await CallAsync(client, BargainProtocol.GetConfig, new BargainPeriodRequest { Id = HighLevel });
        Assert.That(high["state"]!.GetValue<int>(), Is.EqualTo(3), "below limitlevel");
    }

    [Test]
    public async Task PeriodScopedRequestsCheckTheIdAndThePeriod()
    {
        await using var client = await LoginAsync(TestServer.NewAccount());
        // Raw data: the same id, of the right type or not, in every operation's own shape.
        var ops = new (OpDef Op, Func<object, object> Data)[]
        {
            (BargainProtocol.GetConfig, id => new { id }), (BargainProtocol.GetCurData, id => new { id }),
                (BargainProtocol.GetHelp, id => new { id }),
            (BargainProtocol.Start, id => new { id, idx = 1, goodsid = 101 }),
                (BargainProtocol.GiveUp, id => new { id, idx = 1, goodsid = 101 }),
            (BargainProtocol.Help, id => new { id, deviceid = "d1", devicetype = 0, bargaincode = "ABCDEFGH" }),
            (BargainProtocol.GetGoods, id => new { id, idx = 1, goodsid = 101, bargaincode = "ABCDEFGH" }),
        };
        foreach (var (op, data) in ops)
        {
            Assert.That((await CallRawAsync(client, op, data(99))).Result, Is.EqualTo((int)ResultCode.DataError), $"{op}: unknown period");
            Assert.That((await CallRawAsync(client, op, data(Future))).Result, Is.EqualTo((int)ResultCode.ActivityNoOpen),
                $"{op}: not begun");
            Assert.That((await CallRawAsync(client, op, data(Ended))).Result, Is.EqualTo((int)ResultCode.ActivityNoOpen), $"{op}: ended");
            Assert.That((await CallRawAsync(client, op, data(Off))).Result, Is.EqualTo((int)ResultCode.ModuleClose), $"{op}: switched off");
            Assert.That((await CallRawAsync(client, op, data(0))).Result, Is.EqualTo((int)ResultCode.ParamError), $"{op}: id 0");
            Assert.That((await CallRawAsync(client, op, data("1"))).Result, Is.EqualTo((int)ResultCode.ParamError),
                $"{op}: id of the wrong type");
            Assert.That((await CallRawAsync(client, op, new { })).Result, Is.EqualTo((int)ResultCode.ParamError), $"{op}: no fields");
            Assert.That((await CallRawAsync(client, op, new[] { 1, 2 })).Result, Is.EqualTo((int)ResultCode.ParamError),
                $"{op}: data not a map");
        }
        Assert.That((await CallRawAsync(client, BargainProtocol.Start, new { id = 1, idx = "1", goodsid = 101 })).Result,
            Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await CallAsync(client, BargainProtocol.Start, new BargainGoodsRequest { Id = 1, Idx = 1, GoodsId = -101 })).Result,
            Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await CallRawAsync(client, BargainProtocol.Start, new { id = 1, idx = 1, goodsid = 5_000_000_000L })).Result,
            Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await CallAsync(client, BargainProtocol.Start, new BargainGoodsRequest { Id = 1, Idx = 9, GoodsId = 109 })).Result,
            Is.EqualTo((int)ResultCode.DataError), "unknown idx");
        Assert.That((await CallAsync(client, BargainProtocol.Start, new BargainGoodsRequest { Id = 1, Idx = 1, GoodsId = 102 })).Result,
            Is.EqualTo((int)ResultCode.DataError), "goodsid of another idx");
        Assert.That((await CallAsync(client, BargainProtocol.GiveUp, new BargainGoodsRequest { Id = 1, Idx = 9, GoodsId = 109 })).Result,
            Is.EqualTo((int)ResultCode.DataError));
        Assert.That((await client.RequestAsync(SystemProtocol.Heartbeat)).Result, Is.EqualTo(0), "the connection stays usable");
    }

    [Test]
    public async Task StartMakesACodeWithTheSystemCut()
    {
        string acc = TestServer.NewAccount();
        await using var client = await LoginAsync(acc);
        var reply = await CallAsync(client, BargainProtocol.Start, new BargainGoodsRequest { Id = Open, Idx = 1, GoodsId = 101 });
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToString());
        var data = reply["bargaindata"]!;
        string code = data["code"]!.GetValue<string>();
        Assert.That(code.Length, Is.InRange(8, 10));
        Assert.That(code.All(c => BargainCodeOptions.Unambiguous.Contains(c)), Is.True, code);
        Assert.That(data["state"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(data["isget"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(data["master"]!.GetValue<string>(), Is.EqualTo(acc));
        Assert.That(data["idx"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(data["goodsid"]!.GetValue<int>(), Is.EqualTo(101));
        Assert.That(data["sysdelprice"]!.GetValue<long>(), Is.EqualTo(10));
        Assert.That(data["totaldelprice"]!.GetValue<long>(), Is.EqualTo(10));
        Assert.That(data["createtime"]!.GetValue<long>(), Is.EqualTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Within(5));
        Assert.That(data["helperlist"]!.AsArray(), Is.Empty);
        var config = await CallAsync(client, BargainProtocol.GetConfig, new BargainPeriodRequest { Id = Open });
        Assert.That(config["state"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(States(config), Is.EqualTo(new[] { 1, 0, 0, 0 }));
        Assert.That(TestLogging.DataLogLines().Any(l => l.Contains("\"op\":\"bargain start\"") && l.Contains(code)), Is.True);
    }

    [Test]
    public async Task StartingAnotherGoodsPausesTheCurrentOneAndStartingItAgainSwapsBack()
    {
        string acc = TestServer.NewAccount(), helper = TestServer.NewAccount();
        await using var client = await LoginAsync(acc);
        await using var h = await LoginAsync(helper);
        string first = await StartAsync(client, 1);
        Assert.That((await HelpAsync(h, first)).Result, Is.EqualTo(0));
        string second = await StartAsync(client, 2);
        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That(States(await CallAsync(client, BargainProtocol.GetConfig, new BargainPeriodRequest { Id = Open })),
            Is.EqualTo(new[] { 3, 1, 0, 0 }));
        var record = await PlayerJsonAsync(acc);
        Assert.That(record!["getinggoods"]!["code"]!.GetValue<string>(), Is.EqualTo(second));
        Assert.That(record["selectgoods"]!.AsArray().Select(s => s!["code"]!.GetValue<string>()), Is.EqualTo(new[] { first }));

        var swap = await CallAsync(client, BargainProtocol.Start, new BargainGoodsRequest { Id = Open, Idx = 1, GoodsId = 101 });
        Assert.That(swap.Result, Is.EqualTo(0), swap.ToString());
        var data = swap["bargaindata"]!;
        Assert.That(data["code"]!.GetValue<string>(), Is.EqualTo(first), "the same code");
        Assert.That(data["totaldelprice"]!.GetValue<long>(), Is.EqualTo(20), "system cut 10 and the help of 10 are kept");
        Assert.That(data["helperlist"]!.AsArray().Single()!["acc"]!.GetValue<string>(), Is.EqualTo(helper));
        Assert.That(States(await CallAsync(client, BargainProtocol.GetConfig, new BargainPeriodRequest { Id = Open })),
            Is.EqualTo(new[] { 1, 3, 0, 0 }));
        var line = TestLogging.DataLogLines().Last(l => l.Contains("\"op\":\"bargain swap\"") && l.Contains(first));
        var json = JsonNode.Parse(line)!;
        Assert.That(json["code"]!.GetValue<string>(), Is.EqualTo(first));
        Assert.That(json["actid"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(json["goodsid"]!.GetValue<int>(), Is.EqualTo(101));
        Assert.That((await CallAsync(client, BargainProtocol.GetCurData,
            new BargainPeriodRequest { Id = Open }))["bargaindata"]!["code"]!.GetValue<string>(), Is.EqualTo(first));
    }

    [Test]
    public async Task StartRefusesTheCurrentGoodsAndTooManyAtOnce()
    {
        await using var client = await LoginAsync(TestServer.NewAccount());
        await StartAsync(client, 1);
        Assert.That((await CallAsync(client, BargainProtocol.Start, new BargainGoodsRequest { Id = Open, Idx = 1, GoodsId = 101 })).Result,
            Is.EqualTo((int)ResultCode.BargainSelectCur));
        await StartAsync(client, 2);
        await StartAsync(client, 3);
        Assert.That((await CallAsync(client, BargainProtocol.Start, new BargainGoodsRequest { Id = Open, Idx = 4, GoodsId = 104 })).Result,
            Is.EqualTo((int)ResultCode.BargainDoingLimit), "maxDoing 3");
        var swap = await CallAsync(client, BargainProtocol.Start, new BargainGoodsRequest { Id = Open, Idx = 1, GoodsId = 101 });
        Assert.That(swap.Result, Is.EqualTo(0), "switching between the three is still allowed");
    }

    [Test]
    public async Task StartRefusesAGoodsCompletedAsOftenAsAllowed()
    {
        string acc = TestServer.NewAccount();
        await using var client = await LoginAsync(acc);
        await GmAsync($"//gm addmoney {acc} yuanbao 1000");
        for (int round = 0; round < 2; round++)
        {
            string code = await StartAsync(client, 1);
            Assert.That((await CallAsync(client, BargainProtocol.GetGoods,
                new BargainGetGoodsRequest { Id = Open, Idx = 1, GoodsId = 101, BargainCode = code })).Result, Is.EqualTo(0));
        }
        Assert.That((await CallAsync(client, BargainProtocol.Start, new BargainGoodsRequest { Id = Open, Idx = 1, GoodsId = 101 })).Result,
            Is.EqualTo((int)ResultCode.BargainHad), "getcount 2");
        Assert.That(States(await CallAsync(client, BargainProtocol.GetConfig, new BargainPeriodRequest { Id = Open }))[0], Is.EqualTo(2));
        Assert.That((await PlayerJsonAsync(acc))!["gotgoods"]!.AsArray().Single()!["getcount"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public async Task StartRefusesABargainThatIsBeingCollected()
    {
        await using var client = await LoginAsync(TestServer.NewAccount());
        string first = await StartAsync(client, 1);
        await StartAsync(client, 2);
        var code = (await CodeJsonAsync(first))!;
        code["isget"] = 2;
        await Db.HashSetAsync(PeriodKeys.Code(1), first, code.ToJsonString());
        Assert.That((await CallAsync(client, BargainProtocol.Start, new BargainGoodsRequest { Id = Open, Idx = 1, GoodsId = 101 })).Result,
            Is.EqualTo((int)ResultCode.BargainDoing));
    }

    [Test]
    public async Task StartNeedsThePeriodsLevel()
    {
        string acc = TestServer.NewAccount();
        await using var client = await LoginAsync(acc);
        Assert.That((await CallAsync(client, BargainProtocol.Start, new BargainGoodsRequest { Id = HighLevel, Idx = 1, GoodsId = 101 }))
            .Result, Is.EqualTo((int)ResultCode.ActivityNoOpen));
        await GmAsync($"//gm setprofile {acc} level 5");
        Assert.That((await CallAsync(client, BargainProtocol.Start, new BargainGoodsRequest { Id = HighLevel, Idx = 1, GoodsId = 101 }))
            .Result, Is.EqualTo(0));
    }

    [Test]
    public async Task GetCurDataShowsTheCurrentBargainWithTheHelpersProfiles()
    {
        string acc = TestServer.NewAccount(), helper = TestServer.NewAccount();
        await using var client = await LoginAsync(acc);
        Assert.That((await CallAsync(client, BargainProtocol.GetCurData, new BargainPeriodRequest { Id = Open })).Result,
            Is.EqualTo((int)ResultCode.BargainNone));
        await using var h = await LoginAsync(helper);
        await GmAsync($"//gm setprofile {helper} nickname Brewer");
        await GmAsync($"//gm setprofile {helper} head http://img/1.png");
        await GmAsync($"//gm setprofile {helper} sex 2");
        string code = await StartAsync(client, 3);
        Assert.That((await HelpAsync(h, code)).Result, Is.EqualTo(0));
        var reply = await CallAsync(client, BargainProtocol.GetCurData, new BargainPeriodRequest { Id = Open });
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToString());
        var data = reply["bargaindata"]!;
        Assert.That(data["code"]!.GetValue<string>(), Is.EqualTo(code));
        Assert.That(data["state"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(data["isget"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(data["master"]!.GetValue<string>(), Is.EqualTo(acc));
        Assert.That(data["goodsid"]!.GetValue<int>(), Is.EqualTo(103));
        Assert.That(data["sysdelprice"]!.GetValue<long>(), Is.EqualTo(0));
        Assert.That(data["totaldelprice"]!.GetValue<long>(), Is.EqualTo(10));
        var helperInfo = data["helperlist"]!.AsArray().Single()!;
        Assert.That(helperInfo["acc"]!.GetValue<string>(), Is.EqualTo(helper));
        Assert.That(helperInfo["nickname"]!.GetValue<string>(), Is.EqualTo("Brewer"));
        Assert.That(helperInfo["head"]!.GetValue<string>(), Is.EqualTo("http://img/1.png"));
        Assert.That(helperInfo["sex"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(helperInfo["delprice"]!.GetValue<long>(), Is.EqualTo(10));

        await Db.HashDeleteAsync(PeriodKeys.Code(1), code);
        Assert.That((await CallAsync(client, BargainProtocol.GetCurData, new BargainPeriodRequest { Id = Open })).Result,
            Is.EqualTo((int)ResultCode.DataError), "the code's record is gone");
    }

    [Test]
    public async Task GiveUpPausesTheCurrentBargainKeepingItsCode()
    {
        string acc = TestServer.NewAccount();
        await using var client = await LoginAsync(acc);
        Assert.That((await CallAsync(client, BargainProtocol.GiveUp, new BargainGoodsRequest { Id = Open, Idx = 1, GoodsId = 101 }))
            .Result, Is.EqualTo((int)ResultCode.BargainNone));
        string code = await StartAsync(client, 1);
        Assert.That((await CallAsync(client, BargainProtocol.GiveUp, new BargainGoodsRequest { Id = Open, Idx = 2, GoodsId = 102 }))
            .Result, Is.EqualTo((int)ResultCode.BargainNone), "not the current one");
        var reply = await CallAsync(client, BargainProtocol.GiveUp, new BargainGoodsRequest { Id = Open, Idx = 1, GoodsId = 101 });
        Assert.That(reply.Result, Is.EqualTo(0));
        Assert.That(reply.Data.Select(kv => kv.Key), Is.EqualTo(new[] { "result" }));
        Assert.That((await CallAsync(client, BargainProtocol.GetCurData, new BargainPeriodRequest { Id = Open })).Result,
            Is.EqualTo((int)ResultCode.BargainNone));
        var config = await CallAsync(client, BargainProtocol.GetConfig, new BargainPeriodRequest { Id = Open });
        Assert.That(config["state"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(States(config), Is.EqualTo(new[] { 3, 0, 0, 0 }));
        Assert.That((await CodeJsonAsync(code))!["code"]!.GetValue<string>(), Is.EqualTo(code), "the code stays");
        Assert.That(TestLogging.DataLogLines().Any(l => l.Contains("\"op\":\"bargain giveup\"") && l.Contains(code)), Is.True);
        Assert.That(await StartAsync(client, 1), Is.EqualTo(code), "starting it again resumes the same code");
    }

    [Test]
    public async Task GetHelpListsTheHelpsGivenAndWhatIsLeft()
    {
        string master = TestServer.NewAccount(), helper = TestServer.NewAccount();
        await using var h = await LoginAsync(helper);
        var none = await CallAsync(h, BargainProtocol.GetHelp, new BargainPeriodRequest { Id = Open });
        Assert.That(none.Result, Is.EqualTo((int)ResultCode.HelpNone));
        Assert.That(none["helpstate"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(none["helpleft"]!.GetValue<int>(), Is.EqualTo(3));
        await using var m = await LoginAsync(master);
        await GmAsync($"//gm setprofile {master} nickname Host");
        string code = await StartAsync(m, 2);
        Assert.That((await HelpAsync(h, code)).Result, Is.EqualTo(0));
        var reply = await CallAsync(h, BargainProtocol.GetHelp, new BargainPeriodRequest { Id = Open });
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToString());
        Assert.That(reply["helphad"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(reply["helpcount"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(reply["helpleft"]!.GetValue<int>(), Is.EqualTo(2));
        var entry = reply["helplist"]!.AsArray().Single()!;
        Assert.That(entry["code"]!.GetValue<string>(), Is.EqualTo(code));
        Assert.That(entry["acc"]!.GetValue<string>(), Is.EqualTo(master));
        Assert.That(entry["nickname"]!.GetValue<string>(), Is.EqualTo("Host"));
        Assert.That(entry["delprice"]!.GetValue<long>(), Is.EqualTo(10));
        var config = await CallAsync(h, BargainProtocol.GetConfig, new BargainPeriodRequest { Id = Open });
        Assert.That(config["helphad"]!.GetValue<int>(), Is.EqualTo(1));
    }

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
        Assert.That((await CallAsync(m, BargainProtocol.GetGoods,
            new BargainGetGoodsRequest { Id = Open, Idx = 4, GoodsId = 104, BargainCode = done })).Result, Is.EqualTo(0));
        string paused = await StartAsync(m, 1);
        string current = await StartAsync(m, 3);
        Assert.That((await HelpAsync(h, current, "device-xyz")).Result, Is.EqualTo(0));

        foreach (var key in new[] { PeriodKeys.Player(1), PeriodKeys.Code(1), PeriodKeys.Help(1) })
            Assert.That(await Db.KeyTypeAsync(key), Is.EqualTo(RedisType.Hash), key.ToString());

        string masterRaw = (await Db.HashGetAsync(PeriodKeys.Player(1), master)).ToString();
        var p = JsonNode.Parse(masterRaw)!;
        Assert.That(Keys(p), Is.EqualTo(Sorted("gotgoods", "getinggoods", "selectgoods", "helplist")));
        Assert.That(Keys(p["gotgoods"]![0]), Is.EqualTo(Sorted("idx", "goodsid", "getcount")));
        Assert.That(Keys(p["getinggoods"]), Is.EqualTo(Sorted("idx", "goodsid", "code")));
        Assert.That(p["getinggoods"]!["code"]!.GetValue<string>(), Is.EqualTo(current));
        Assert.That(Keys(p["selectgoods"]![0]), Is.EqualTo(Sorted("idx", "goodsid", "code")));
        Assert.That(p["selectgoods"]![0]!["code"]!.GetValue<string>(), Is.EqualTo(paused));
        Assert.That(masterRaw, Does.Contain("\"helplist\":[]"), "an empty list is a JSON array");

        string helperRaw = (await Db.HashGetAsync(PeriodKeys.Player(1), helper)).ToString();
        var hp = JsonNode.Parse(helperRaw)!;
        Assert.That(Keys(hp), Is.EqualTo(Sorted("gotgoods", "getinggoods", "selectgoods", "helplist")));
        Assert.That(Keys(hp["helplist"]![0]), Is.EqualTo(Sorted("code", "acc", "delprice")));
        Assert.That(helperRaw, Does.Contain("\"gotgoods\":[]").And.Contain("\"selectgoods\":[]").And.Contain("\"getinggoods\":{}"));

        var c = JsonNode.Parse((await Db.HashGetAsync(PeriodKeys.Code(1), current)).ToString())!;
        Assert.That(Keys(c), Is.EqualTo(Sorted("isget", "master", "goodsid", "idx", "code", "helperlist", "totaldelprice", "sysdelprice",
            "createtime")));
        Assert.That(Keys(c["helperlist"]![0]), Is.EqualTo(Sorted("acc", "delprice")));
        Assert.That(c["isget"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(c["master"]!.GetValue<string>(), Is.EqualTo(master));
        Assert.That((c["idx"]!.GetValue<int>(), c["goodsid"]!.GetValue<int>()), Is.EqualTo((3, 103)));
        Assert.That(JsonNode.Parse((await Db.HashGetAsync(PeriodKeys.Code(1), done)).ToString())!["isget"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That((await Db.HashGetAsync(PeriodKeys.Code(1), paused)).ToString(), Does.Contain("\"helperlist\":[]"));

        Assert.That((await Db.HashGetAsync(PeriodKeys.Help(1), ip.ToString())).ToString(), Is.EqualTo($"[\"{helper}\"]"));
        Assert.That((await Db.HashGetAsync(PeriodKeys.Help(1), "device-xyz")).ToString(), Is.EqualTo($"[\"{helper}\"]"));
    }
}
