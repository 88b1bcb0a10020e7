using System.Text.Json.Nodes;
using SocialGame.Client;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Bargain;
using SocialGame.Protocol.Messages.Gm;
using SocialGame.Protocol.Messages.System;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Integration.BargainTestConfig;

namespace SocialGame.Tests.Integration;

/// <summary>help (4), helpntf (7) and GM op 1000: every limit, the floor, the amounts per player type.</summary>
[TestFixtureSource(typeof(RedisKinds), nameof(RedisKinds.Both))]
public class BargainHelpTests(RedisKind kind) : BargainFixture(kind)
{
    private async Task<(string Acc, GameClient Client, string Code)> MasterAsync(int idx)
    {
        string acc = TestServer.NewAccount("m");
        var client = await LoginAsync(acc);
        return (acc, client, await StartAsync(client, idx));
    }

    private static Task<Frame> HelpNtfAsync(GameClient master) => master.WaitForAsync(f => f.Is(BargainProtocol.HelpNtf));

    [Test]
    public async Task AHelpCutsTheCodeRecordsItAndTellsTheOwner()
    {
        var (master, m, code) = await MasterAsync(3);
        await using var _ = m;
        string helper = TestServer.NewAccount("h");
        var ip = FreshIp();
        await using var h = await LoginAsync(helper, ip);
        await GmAsync($"//gm setprofile {helper} nickname Helper");
        await GmAsync($"//gm setprofile {helper} head h.png");
        var reply = await HelpAsync(h, code.ToLowerInvariant(), "device-1");
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToString());
        Assert.That(reply["bargaincode"]!.GetValue<string>(), Is.EqualTo(code), "codes are read case-insensitively");
        Assert.That(reply["delprice"]!.GetValue<long>(), Is.EqualTo(10), "a new account's first help");

        var ntf = new BargainReply(await HelpNtfAsync(m));
        Assert.That(ntf.Frame.Seq, Is.Null);
        Assert.That(ntf["bargaincode"]!.GetValue<string>(), Is.EqualTo(code));
        Assert.That(ntf["acc"]!.GetValue<string>(), Is.EqualTo(helper));
        Assert.That(ntf["nickname"]!.GetValue<string>(), Is.EqualTo("Helper"));
        Assert.That(ntf["head"]!.GetValue<string>(), Is.EqualTo("h.png"));
        Assert.That(ntf["delprice"]!.GetValue<long>(), Is.EqualTo(10));
        Assert.That(ntf["totaldelprice"]!.GetValue<long>(), Is.EqualTo(10));
        Assert.That(ntf["id"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(ntf["goodsid"]!.GetValue<int>(), Is.EqualTo(103));

        var codeJson = (await CodeJsonAsync(code))!;
        Assert.That(codeJson["totaldelprice"]!.GetValue<long>(), Is.EqualTo(10));
        Assert.That(codeJson["helperlist"]!.ToJsonString(),
            Is.EqualTo($"[{{\"acc\":\"{helper}\",\"delprice\":10}}]").Or.EqualTo($"[{{\"delprice\":10,\"acc\":\"{helper}\"}}]"));
        var helpList = (await PlayerJsonAsync(helper))!["helplist"]!.AsArray().Single()!;
        Assert.That(helpList["code"]!.GetValue<string>(), Is.EqualTo(code));
        Assert.That(helpList["acc"]!.GetValue<string>(), Is.EqualTo(master));
        Assert.That(helpList["delprice"]!.GetValue<long>(), Is.EqualTo(10));
        Assert.That(JsonNode.Parse((await Db.HashGetAsync(PeriodKeys.Help(1), ip.ToString())).ToString())!.AsArray()
            .Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { helper }));
        Assert.That(JsonNode.Parse((await Db.HashGetAsync(PeriodKeys.Help(1), "device-1")).ToString())!.AsArray()
            .Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { helper }));
        var log = JsonNode.Parse(TestLogging.DataLogLines().Last(l => l.Contains("\"op\":\"bargain help\"") && l.Contains(helper)))!;
        Assert.That(log["code"]!.GetValue<string>(), Is.EqualTo(code));
        Assert.That(log["master"]!.GetValue<string>(), Is.EqualTo(master));
        Assert.That(log["ip"]!.GetValue<string>(), Is.EqualTo(ip.ToString()));
    }

    [Test]
    public async Task TheAmountDependsOnThePlayerTypeAndOnFirstOrLaterHelp()
    {
        string vip = TestServer.NewAccount("v"), old = await OldAccountAsync("o"), fresh = TestServer.NewAccount("n");
        await using var v = await LoginAsync(vip);
        await GmAsync($"//gm setprofile {vip} viplevel 2");
        await using var o = await LoginAsync(old);
        await using var n = await LoginAsync(fresh);
        var expected = new Dictionary<GameClient, (long First, long Later)> { [v] = (7, 3), [o] = (20, 8), [n] = (10, 5) };
        var masters = new List<(string, GameClient, string)>();
        for (int i = 0; i < 2; i++) masters.Add(await MasterAsync(3));
        foreach (var (client, (first, later)) in expected)
        {
            Assert.That((await HelpAsync(client, masters[0].Item3))["delprice"]!.GetValue<long>(), Is.EqualTo(first));
            Assert.That((await HelpAsync(client, masters[1].Item3))["delprice"]!.GetValue<long>(), Is.EqualTo(later));
        }
        foreach (var (_, client, _) in masters) await client.DisposeAsync();
    }

    [Test]
    public async Task RandomAmountsStayInTheirRangesAndTheTotalsAgree()
    {
        await using var m = await LoginAsync(TestServer.NewAccount("m"));
        var start = await CallAsync(m, BargainProtocol.Start, new BargainGoodsRequest { Id = Randomised, Idx = 3, GoodsId = 103 });
        string code = start["bargaindata"]!["code"]!.GetValue<string>();
        long sys = start["bargaindata"]!["sysdelprice"]!.GetValue<long>();
        Assert.That(sys, Is.InRange(1, 50), "the system cut is drawn from its range");
        await using var m2 = await LoginAsync(TestServer.NewAccount("m"));
        var codeB = await StartAsync(m2, 1, Randomised);
        long sum = 0;
        for (int i = 0; i < 6; i++)
        {
            await using var h = await LoginAsync(TestServer.NewAccount("h"));
            long first = (await HelpAsync(h, code, period: Randomised))["delprice"]!.GetValue<long>();
            long later = (await HelpAsync(h, codeB, period: Randomised))["delprice"]!.GetValue<long>();
            Assert.That(first, Is.InRange(5, 9));
            Assert.That(later, Is.InRange(1, 4));
            sum += first;
        }
        var json = (await CodeJsonAsync(code, Randomised))!;
        Assert.That(json["totaldelprice"]!.GetValue<long>(), Is.EqualTo(sys + sum));
        Assert.That(json["helperlist"]!.AsArray().Sum(e => e!["delprice"]!.GetValue<long>()), Is.EqualTo(sum));
    }

    [Test]
    public async Task OnceACodeOnceAMasterNeverYourselfAndOnlyKnownCodes()
    {
        var (master, m, code) = await MasterAsync(3);
        await using var _ = m;
        string second = await StartAsync(m, 2);
        Assert.That((await HelpAsync(m, code)).Result, Is.EqualTo((int)ResultCode.HelpNotSelf));
        await using var h = await LoginAsync(TestServer.NewAccount("h"));
        Assert.That((await HelpAsync(h, code)).Result, Is.EqualTo(0));
        Assert.That((await HelpAsync(h, code)).Result, Is.EqualTo((int)ResultCode.HelpAlready));
        Assert.That((await HelpAsync(h, second)).Result, Is.EqualTo((int)ResultCode.HelpUserOnce), $"another code of {master}");
        Assert.That((await HelpAsync(h, "ABCDEFGH")).Result, Is.EqualTo((int)ResultCode.HelpNotExist));
        Assert.That((await HelpAsync(h, code, period: Randomised)).Result, Is.EqualTo((int)ResultCode.HelpNotExist),
            "codes belong to one period");
    }

    [Test]
    public async Task BadHelpFieldsAnswerParamError()
    {
        var (_, m, code) = await MasterAsync(3);
        await using var _ = m;
        await using var h = await LoginAsync(TestServer.NewAccount("h"));
        var bad = new object[]
        {
            new { id = 1, deviceid = "d", devicetype = 0 },
            new { id = 1, deviceid = "d", devicetype = 0, bargaincode = "SHORT" },
            new { id = 1, deviceid = "d", devicetype = 0, bargaincode = "O0O0O0O0" },
            new { id = 1, deviceid = "d", devicetype = 0, bargaincode = code + "XYZ" },
            new { id = 1, deviceid = "d", devicetype = 0, bargaincode = 12345678 },
            new { id = 1, devicetype = 0, bargaincode = code },
            new { id = 1, deviceid = "", devicetype = 0, bargaincode = code },
            new { id = 1, deviceid = "a b", devicetype = 0, bargaincode = code },
            new { id = 1, deviceid = new string('d', 129), devicetype = 0, bargaincode = code },
            new { id = 1, deviceid = "127.0.0.1", devicetype = 0, bargaincode = code },
            new { id = 1, deviceid = "d", bargaincode = code },
            new { id = 1, deviceid = "d", devicetype = 2, bargaincode = code },
            new { id = 1, deviceid = "d", devicetype = "ios", bargaincode = code },
        };
        foreach (var data in bad)
            Assert.That((await CallRawAsync(h, BargainProtocol.Help, data)).Result, Is.EqualTo((int)ResultCode.ParamError),
                System.Text.Json.JsonSerializer.Serialize(data));
        Assert.That((await CodeJsonAsync(code))!["helperlist"]!.AsArray(), Is.Empty, "nothing was written");
        Assert.That((await HelpAsync(h, code)).Result, Is.EqualTo(0));
    }

    [Test]
    public async Task AnAccountHasALimitedNumberOfHelps()
    {
        await using var h = await LoginAsync(TestServer.NewAccount("h"));
        for (int i = 0; i < 3; i++)
        {
            var (_, m, code) = await MasterAsync(3);
            await using var _ = m;
            Assert.That((await HelpAsync(h, code)).Result, Is.EqualTo(0));
        }
        var (_, last, lastCode) = await MasterAsync(3);
        await using var __ = last;
        Assert.That((await HelpAsync(h, lastCode)).Result, Is.EqualTo((int)ResultCode.HelpLimitAccount));
        var config = await CallAsync(h, BargainProtocol.GetConfig, new BargainPeriodRequest { Id = Open });
        Assert.That(config["helpstate"]!.GetValue<int>(), Is.EqualTo(0));
    }

    [Test]
    public async Task AnIpServesALimitedNumberOfAccountsButThoseMayGoOn()
    {
        var ip = FreshIp();
        var helpers = new List<GameClient>();
        for (int i = 0; i < 4; i++) helpers.Add(await LoginAsync(TestServer.NewAccount("h"), ip));
        var (_, m, code) = await MasterAsync(3);
        var (_, m2, code2) = await MasterAsync(3);
        for (int i = 0; i < 3; i++) Assert.That((await HelpAsync(helpers[i], code)).Result, Is.EqualTo(0));
        Assert.That((await HelpAsync(helpers[3], code)).Result, Is.EqualTo((int)ResultCode.HelpLimitIp), "a 4th account on this IP");
        Assert.That((await HelpAsync(helpers[0], code2)).Result, Is.EqualTo(0), "an account that used the IP may go on");
        await using var elsewhere = await LoginAsync(TestServer.NewAccount("h"));
        Assert.That((await HelpAsync(elsewhere, code)).Result, Is.EqualTo(0));
        foreach (var c in helpers.Append(m).Append(m2)) await c.DisposeAsync();
    }

    [Test]
    public async Task ADeviceServesALimitedNumberOfAccountsButThoseMayGoOn()
    {
        string device = "dev-" + Guid.NewGuid().ToString("N")[..10];
        var helpers = new List<GameClient>();
        for (int i = 0; i < 3; i++) helpers.Add(await LoginAsync(TestServer.NewAccount("h")));
        var (_, m, code) = await MasterAsync(3);
        var (_, m2, code2) = await MasterAsync(3);
        Assert.That((await HelpAsync(helpers[0], code, device)).Result, Is.EqualTo(0));
        Assert.That((await HelpAsync(helpers[1], code, device)).Result, Is.EqualTo(0));
        Assert.That((await HelpAsync(helpers[2], code, device)).Result, Is.EqualTo((int)ResultCode.HelpLimitDevice));
        Assert.That((await HelpAsync(helpers[1], code2, device)).Result, Is.EqualTo(0));
        Assert.That((await HelpAsync(helpers[2], code)).Result, Is.EqualTo(0), "from another device");
        foreach (var c in helpers.Append(m).Append(m2)) await c.DisposeAsync();
    }

    [Test]
    public async Task HelpsStopAtTheFloorAndTheLastOneIsClamped()
    {
        var (_, m, code) = await MasterAsync(4);
        await using var _ = m;
        await GmAsync($"//gm msact bargain 1 1000 {code} 45");
        await using var h = await LoginAsync(TestServer.NewAccount("h"));
        var reply = await HelpAsync(h, code);
        Assert.That(reply.Result, Is.EqualTo(0));
        Assert.That(reply["delprice"]!.GetValue<long>(), Is.EqualTo(5), "price 50, floor 0: only 5 were left");
        Assert.That((await CodeJsonAsync(code))!["totaldelprice"]!.GetValue<long>(), Is.EqualTo(50));
        await using var h2 = await LoginAsync(TestServer.NewAccount("h"));
        Assert.That((await HelpAsync(h2, code)).Result, Is.EqualTo((int)ResultCode.HelpOver));
    }

    [Test]
    public async Task AHelpMayLandOnAPausedCode()
    {
        var (master, m, paused) = await MasterAsync(3);
        await using var _ = m;
        string current = await StartAsync(m, 2);
        await using var h = await LoginAsync(TestServer.NewAccount("h"));
        var reply = await HelpAsync(h, paused);
        Assert.That(reply.Result, Is.EqualTo(0));
        var ntf = new BargainReply(await HelpNtfAsync(m));
        Assert.That(ntf["bargaincode"]!.GetValue<string>(), Is.EqualTo(paused), "the client compares it with its current code");
        Assert.That((await CodeJsonAsync(paused))!["totaldelprice"]!.GetValue<long>(), Is.EqualTo(10));
        Assert.That((await PlayerJsonAsync(master))!["getinggoods"]!["code"]!.GetValue<string>(), Is.EqualTo(current),
            "the current bargain is unchanged");
    }

    [Test]
    public async Task ACodeNoLongerHeldByItsOwnerAnswersBargainNone()
    {
        var (master, m, code) = await MasterAsync(3);
        await using var _ = m;
        await Db.HashDeleteAsync(PeriodKeys.Player(1), master);
        await using var h = await LoginAsync(TestServer.NewAccount("h"));
        Assert.That((await HelpAsync(h, code)).Result, Is.EqualTo((int)ResultCode.BargainNone));
    }

    [Test]
    public async Task GmHelpIgnoresTheLimitsIsRepeatableAndIsNotTheGmsHelp()
    {
        var (master, m, code) = await MasterAsync(3);
        await using var _ = m;
        for (int i = 0; i < 3; i++)
            Assert.That(await GmAsync($"//gm msact bargain 1 1000 {code} 100"), Does.Contain("cut by 100"));
        var ntf = new BargainReply(await HelpNtfAsync(m));
        Assert.That(ntf["acc"]!.GetValue<string>(), Is.EqualTo("gm"));
        var json = (await CodeJsonAsync(code))!;
        Assert.That(json["totaldelprice"]!.GetValue<long>(), Is.EqualTo(300));
        Assert.That(json["helperlist"]!.AsArray().Count, Is.EqualTo(3));
        Assert.That(await PlayerJsonAsync("gm"), Is.Null, "not recorded as the GM's help");
        await using var gmClient = await LoginAsync("gm");
        Assert.That((await CallAsync(gmClient, BargainProtocol.GetHelp, new BargainPeriodRequest { Id = Open })).Result,
            Is.EqualTo((int)ResultCode.HelpNone));
        Assert.That(await GmAsync($"//gm msact bargain 1 1000 {code} 5000"), Does.Contain("cut by 600"), "clamped: price 1000, floor 100");
        await GmAsync($"//gm msact bargain 1 1000 {code} 1", (int)ResultCode.BargainFree);
        var log = JsonNode.Parse(TestLogging.DataLogLines().Last(l => l.Contains("\"op\":\"bargain gm\"") && l.Contains(code)))!;
        Assert.That(log["actid"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(log["opid"]!.GetValue<int>(), Is.EqualTo(1000));
        Assert.That(log["gmop"]!.GetValue<string>(), Does.StartWith("msact bargain 1 1000"));
        Assert.That(master, Is.Not.Empty);
    }

    [Test]
    public async Task GmHelpChecksItsArguments()
    {
        await GmAsync("//gm msact bargain 1 1000 ABCDEFGH 10", (int)ResultCode.HelpNotExist);
        await GmAsync("//gm msact bargain 99 1000 ABCDEFGH 10", (int)ResultCode.DataError);
        await GmAsync("//gm msact bargain 1 1000 ABCDEFGH", (int)ResultCode.ParamError);
        await GmAsync("//gm msact bargain 1 1000 ABCDEFGH -5", (int)ResultCode.ParamError);
        await GmAsync("//gm msact bargain 1 1000 bad! 10", (int)ResultCode.ParamError);
        await GmAsync("//gm msact bargain 1 1001 ABCDEFGH 10", (int)ResultCode.ParamError);
        await GmAsync("//gm msact bargain x", (int)ResultCode.ParamError);
        Assert.That(await GmAsync("//gm help"), Does.Contain("//gm msact bargain <actid> 1000 <code> <amount>")
            .And.Contain("//gm reload bargain"));
        string player = TestServer.NewAccount();
        await using var client = await LoginAsync(player);
        Assert.That((await client.RequestAsync(GmProtocol.Command, new GmCommandRequest { Text = "//gm msact bargain 1 1000 ABCDEFGH 10" }))
            .Result, Is.EqualTo((int)ResultCode.NotGm));
        Assert.That((await CallAsync(client, BargainProtocol.GmHelp,
            new BargainGmHelpRequest { Id = 1, BargainCode = "ABCDEFGH", DelPrice = 10 })).Result, Is.EqualTo((int)ResultCode.NotGm),
            "op 1000 on module 6 is for GM accounts only");
    }

    [Test]
    public async Task FiftyHelpersAtOnceKeepTheLimitsAndTheFloor()
    {
        var (master, m, code) = await MasterAsync(2);
        await using var _ = m;
        await GmAsync($"//gm msact bargain 1 1000 {code} 5");
        var accounts = Enumerable.Range(0, 50).Select(_ => TestServer.NewAccount("h")).ToList();
        var clients = await Task.WhenAll(accounts.Select(a => LoginAsync(a)));
        var replies = await Task.WhenAll(clients.Select(c => HelpAsync(c, code)));
        var ok = replies.Where(r => r.Result == 0).ToList();
        Assert.That(replies.All(r => r.Result is 0 or (int)ResultCode.HelpOver), Is.True, string.Join(", ", replies.Select(r => r.Result)));
        Assert.That(ok.Count, Is.EqualTo(25), "price 300, floor 30, system cut 20, GM cut 5: 245 left, 24 helps of 10 and one of 5");
        Assert.That(ok.Sum(r => r["delprice"]!.GetValue<long>()), Is.EqualTo(245));
        var json = (await CodeJsonAsync(code))!;
        Assert.That(json["totaldelprice"]!.GetValue<long>(), Is.EqualTo(270));
        var helperList = json["helperlist"]!.AsArray();
        Assert.That(helperList.Count, Is.EqualTo(26));
        Assert.That(helperList.Sum(e => e!["delprice"]!.GetValue<long>()) + json["sysdelprice"]!.GetValue<long>(), Is.EqualTo(270));
        var helped = helperList.Select(e => e!["acc"]!.GetValue<string>()).Where(a => a != "gm").ToHashSet();
        for (int i = 0; i < accounts.Count; i++)
        {
            var record = await PlayerJsonAsync(accounts[i]);
            bool recorded = record is not null && record["helplist"]!.AsArray().Any(e => e!["code"]!.GetValue<string>() == code);
            Assert.That(recorded, Is.EqualTo(replies[i].Result == 0), accounts[i]);
            Assert.That(helped.Contains(accounts[i]), Is.EqualTo(replies[i].Result == 0), accounts[i]);
        }
        foreach (var c in clients) await c.DisposeAsync();
        Assert.That(master, Is.Not.Empty);
    }

    [Test]
    public async Task ManyAccountsFromOneIpAtOnceGetExactlyTheCap()
    {
        var (_, m, code) = await MasterAsync(3);
        await using var _ = m;
        var ip = FreshIp();
        var clients = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => LoginAsync(TestServer.NewAccount("h"), ip)));
        var replies = await Task.WhenAll(clients.Select(c => HelpAsync(c, code)));
        Assert.That(replies.Count(r => r.Result == 0), Is.EqualTo(3));
        Assert.That(replies.Count(r => r.Result == (int)ResultCode.HelpLimitIp), Is.EqualTo(9));
        Assert.That(JsonNode.Parse((await Db.HashGetAsync(PeriodKeys.Help(1), ip.ToString())).ToString())!.AsArray().Count, Is.EqualTo(3));
        foreach (var c in clients) await c.DisposeAsync();
    }

    [Test]
    public async Task ManyAccountsFromOneDeviceAtOnceGetExactlyTheCap()
    {
        var (_, m, code) = await MasterAsync(3);
        await using var _ = m;
        string device = "dev-" + Guid.NewGuid().ToString("N")[..10];
        var clients = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => LoginAsync(TestServer.NewAccount("h"))));
        var replies = await Task.WhenAll(clients.Select(c => HelpAsync(c, code, device)));
        Assert.That(replies.Count(r => r.Result == 0), Is.EqualTo(2));
        Assert.That(replies.Count(r => r.Result == (int)ResultCode.HelpLimitDevice), Is.EqualTo(8));
        foreach (var c in clients) await c.DisposeAsync();
    }

    [Test]
    public async Task OneHelperRacingItselfOnManyCodesStaysWithinItsLimit()
    {
        var masters = new List<(string, GameClient, string)>();
        for (int i = 0; i < 6; i++) masters.Add(await MasterAsync(3));
        string helper = TestServer.NewAccount("h");
        var first = await LoginAsync(helper);
        var replies = await Task.WhenAll(masters.Select(x => HelpAsync(first, x.Item3)));
        Assert.That(replies.Count(r => r.Result == 0), Is.EqualTo(3));
        Assert.That(replies.Count(r => r.Result == (int)ResultCode.HelpLimitAccount), Is.EqualTo(3));
        Assert.That((await PlayerJsonAsync(helper))!["helplist"]!.AsArray().Count, Is.EqualTo(3));
        await first.DisposeAsync();
        foreach (var (_, c, _) in masters) await c.DisposeAsync();
    }

    // helpntf reaches the code's owner on another node through Redis pub/sub.
    [Test]
    public async Task TheOwnerIsToldOnWhateverNodeItIsConnected()
    {
        await using var other = await TestServer.StartAsync(Redis, "node2", configDir: ConfigDir);
        string master = TestServer.NewAccount("m"), helper = TestServer.NewAccount("h");
        await using var m = await LoginAsync(master);
        string code = await StartAsync(m, 3);
        await using var h = await Client.GameClient.ConnectAsync("127.0.0.1", other.Port, FreshIp());
        Assert.That((await h.RequestAsync(SystemProtocol.Login, new LoginRequest { Acc = helper, Token = TestServer.Token(helper) }))
            .Result, Is.EqualTo(0));
        var reply = await HelpAsync(h, code);
        Assert.That(reply.Result, Is.EqualTo(0));
        var ntf = new BargainReply(await m.WaitForAsync(f => f.Is(BargainProtocol.HelpNtf)));
        Assert.That(ntf["acc"]!.GetValue<string>(), Is.EqualTo(helper));
        Assert.That(ntf["totaldelprice"]!.GetValue<long>(), Is.EqualTo(10));
        await other.StopAsync();
    }
}
