using System.Text.Json.Nodes;
using SocialGame.Modules.Bargain;
using SocialGame.Modules.Player;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Bargain;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Integration.BargainTestConfig;

namespace SocialGame.Tests.Integration;

/// <summary>getgoods (5): payment and grant through the ledger, exactly once under repeats, races and crashes.</summary>
[TestFixtureSource(typeof(RedisKinds), nameof(RedisKinds.Both))]
public class BargainGetGoodsTests(RedisKind kind) : BargainFixture(kind)
{
    private static Task<BargainReply> GetGoodsAsync(Client.GameClient client, string code, int idx) =>
        CallAsync(client, BargainProtocol.GetGoods,
            new BargainGetGoodsRequest { Id = Open, Idx = idx, GoodsId = 100 + idx, BargainCode = code });

    private async Task<long> LedgerEntriesAsync(string acc, string code) =>
        (await Db.StreamRangeAsync(PlayerKeys.Ledger(acc))).Count(e => e["key"] == $"bargain:1:1:{code}" && e["cur"] == "yuanbao");

    [Test]
    public async Task GetGoodsPaysTheRestAndGrantsTheItem()
    {
        string acc = TestServer.NewAccount(), helper = TestServer.NewAccount();
        await using var client = await LoginAsync(acc);
        await using var h = await LoginAsync(helper);
        await GmAsync($"//gm addmoney {acc} yuanbao 1000");
        string code = await StartAsync(client, 2);
        string paused = await StartAsync(client, 3);
        await StartAsync(client, 2);
        Assert.That((await HelpAsync(h, code)).Result, Is.EqualTo(0));
        var reply = await GetGoodsAsync(client, code, 2);
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToString());
        Assert.That(reply["bargaincode"]!.GetValue<string>(), Is.EqualTo(code));
        Assert.That(reply["idx"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(reply["goodsid"]!.GetValue<int>(), Is.EqualTo(102));
        Assert.That(await YuanbaoAsync(acc), Is.EqualTo(1000 - (300 - 20 - 10)), "price 300, system cut 20, help 10");
        Assert.That(await ItemCountAsync(acc, 9002), Is.EqualTo(1));
        Assert.That(await LedgerEntriesAsync(acc, code), Is.EqualTo(1));
        var codeJson = (await CodeJsonAsync(code))!;
        Assert.That(codeJson["isget"]!.GetValue<int>(), Is.EqualTo(1));
        var record = (await PlayerJsonAsync(acc))!;
        Assert.That(record["getinggoods"]!.ToJsonString(), Is.EqualTo("{}"), "no paused bargain becomes current by itself");
        Assert.That(record["selectgoods"]!.AsArray().Single()!["code"]!.GetValue<string>(), Is.EqualTo(paused));
        var got = record["gotgoods"]!.AsArray().Single()!;
        Assert.That((got["idx"]!.GetValue<int>(), got["goodsid"]!.GetValue<int>(), got["getcount"]!.GetValue<int>()),
            Is.EqualTo((2, 102, 1)));
        var config = await CallAsync(client, BargainProtocol.GetConfig, new BargainPeriodRequest { Id = Open });
        Assert.That(config["goods_state_list"]!.AsArray().Single(g => g!["idx"]!.GetValue<int>() == 2)!["state"]!.GetValue<int>(),
            Is.EqualTo(2));
        Assert.That(config["state"]!.GetValue<int>(), Is.EqualTo(2));
        var log = JsonNode.Parse(TestLogging.DataLogLines().Last(l => l.Contains("\"op\":\"bargain getgoods\"") && l.Contains(code)))!;
        Assert.That(log["yuanbao"]!.GetValue<long>(), Is.EqualTo(270));
        Assert.That((await HelpAsync(h, code)).Result, Is.EqualTo((int)ResultCode.HelpOver), "a completed code needs no help");

        Assert.That((await GetGoodsAsync(client, code, 2)).Result, Is.EqualTo((int)ResultCode.BargainOver), "a repeat changes nothing");
        await GmAsync($"//gm msact bargain 1 1000 {code} 10", (int)ResultCode.BargainOver);
        Assert.That(await YuanbaoAsync(acc), Is.EqualTo(730));
        Assert.That(await ItemCountAsync(acc, 9002), Is.EqualTo(1));
    }

    [Test]
    public async Task AtAZeroFloorTheGoodsAreFree()
    {
        string acc = TestServer.NewAccount();
        await using var client = await LoginAsync(acc);
        string code = await StartAsync(client, 4);
        await GmAsync($"//gm msact bargain 1 1000 {code} 50");
        var reply = await GetGoodsAsync(client, code, 4);
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToString());
        Assert.That(await YuanbaoAsync(acc), Is.EqualTo(0));
        Assert.That(await ItemCountAsync(acc, 1001), Is.EqualTo(1));
        Assert.That(await Db.HashExistsAsync(PlayerKeys.Wallet(acc), "yuanbao"), Is.False, "no currency change at all");
    }

    [Test]
    public async Task NotEnoughYuanbaoChangesNothingAndTheCodeStaysOpen()
    {
        string acc = TestServer.NewAccount();
        await using var client = await LoginAsync(acc);
        await GmAsync($"//gm addmoney {acc} yuanbao 100");
        string code = await StartAsync(client, 2);
        Assert.That((await GetGoodsAsync(client, code, 2)).Result, Is.EqualTo((int)ResultCode.UseYuanbaoFailed));
        Assert.That(await YuanbaoAsync(acc), Is.EqualTo(100));
        Assert.That(await ItemCountAsync(acc, 9002), Is.EqualTo(0));
        Assert.That((await CodeJsonAsync(code))!["isget"]!.GetValue<int>(), Is.EqualTo(0));
        await using var h = await LoginAsync(TestServer.NewAccount());
        Assert.That((await HelpAsync(h, code)).Result, Is.EqualTo(0), "helps go on");
        await GmAsync($"//gm addmoney {acc} yuanbao 170");
        Assert.That((await GetGoodsAsync(client, code, 2)).Result, Is.EqualTo(0));
        Assert.That(await YuanbaoAsync(acc), Is.EqualTo(0), "270 - 10 paid now");
    }

    [Test]
    public async Task AnItemTheLedgerCannotGrantAnswersAddGoodsFailedAndNothingIsPaid()
    {
        string acc = TestServer.NewAccount();
        await using var client = await LoginAsync(acc);
        await GmAsync($"//gm addmoney {acc} yuanbao 1000");
        string code = await StartAsync(client, 1);
        await Db.HashSetAsync(PlayerKeys.Inventory(acc), 9001, "not json");
        Assert.That((await GetGoodsAsync(client, code, 1)).Result, Is.EqualTo((int)ResultCode.AddGoodsFailed));
        Assert.That(await YuanbaoAsync(acc), Is.EqualTo(1000));
        Assert.That((await CodeJsonAsync(code))!["isget"]!.GetValue<int>(), Is.EqualTo(0));
        await Db.HashDeleteAsync(PlayerKeys.Inventory(acc), 9001);
        Assert.That((await GetGoodsAsync(client, code, 1)).Result, Is.EqualTo(0));
        Assert.That(await YuanbaoAsync(acc), Is.EqualTo(910));
    }

    [Test]
    public async Task GetGoodsChecksTheCodeAgainstTheRequest()
    {
        string acc = TestServer.NewAccount(), other = TestServer.NewAccount();
        await using var client = await LoginAsync(acc);
        await using var o = await LoginAsync(other);
        string code = await StartAsync(client, 1);
        string theirs = await StartAsync(o, 1);
        Assert.That((await GetGoodsAsync(client, theirs, 1)).Result, Is.EqualTo((int)ResultCode.BargainNone), "someone else's code");
        Assert.That((await GetGoodsAsync(client, "ABCDEFGH", 1)).Result, Is.EqualTo((int)ResultCode.BargainNone), "no such code");
        Assert.That((await GetGoodsAsync(client, code, 2)).Result, Is.EqualTo((int)ResultCode.ParamError), "the code is for idx 1");
        Assert.That((await CallAsync(client, BargainProtocol.GetGoods,
            new BargainGetGoodsRequest { Id = Open, Idx = 9, GoodsId = 109, BargainCode = code })).Result,
            Is.EqualTo((int)ResultCode.DataError));
        Assert.That((await CallAsync(client, BargainProtocol.GetGoods,
            new BargainGetGoodsRequest { Id = Open, Idx = 1, GoodsId = 102, BargainCode = code })).Result,
            Is.EqualTo((int)ResultCode.DataError));
        Assert.That((await CallAsync(client, BargainProtocol.GetGoods, new BargainGetGoodsRequest { Id = Open, Idx = 1, GoodsId = 101 }))
            .Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await CallAsync(client, BargainProtocol.GetGoods,
            new BargainGetGoodsRequest { Id = Open, Idx = 1, BargainCode = code })).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await CallAsync(client, BargainProtocol.GetGoods,
            new BargainGetGoodsRequest { Id = Open, GoodsId = 101, BargainCode = code })).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await CallAsync(client, BargainProtocol.GetGoods,
            new BargainGetGoodsRequest { Id = Open, Idx = 1, GoodsId = 101, BargainCode = "I1I1I1I1" })).Result,
            Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await CodeJsonAsync(code))!["isget"]!.GetValue<int>(), Is.EqualTo(0));
    }

    [Test]
    public async Task GetGoodsRefusesAGoodsCompletedAsOftenAsAllowed()
    {
        string acc = TestServer.NewAccount();
        await using var client = await LoginAsync(acc);
        await GmAsync($"//gm addmoney {acc} yuanbao 1000");
        string code = await StartAsync(client, 4);
        var record = (await PlayerJsonAsync(acc))!;
        record["gotgoods"] = new JsonArray(new JsonObject { ["idx"] = 4, ["goodsid"] = 104, ["getcount"] = 1 });
        await Db.HashSetAsync(PeriodKeys.Player(1), acc, record.ToJsonString());
        Assert.That((await GetGoodsAsync(client, code, 4)).Result, Is.EqualTo((int)ResultCode.BargainHad));
        Assert.That(await YuanbaoAsync(acc), Is.EqualTo(1000));
    }

    [Test]
    public async Task TwoGetGoodsAtOncePayOnce()
    {
        string acc = TestServer.NewAccount();
        await using var client = await LoginAsync(acc);
        await GmAsync($"//gm addmoney {acc} yuanbao 1000");
        string code = await StartAsync(client, 3);
        var replies = await Task.WhenAll(GetGoodsAsync(client, code, 3), GetGoodsAsync(client, code, 3));
        Assert.That(replies.Select(r => r.Result).OrderBy(r => r), Is.EqualTo(new[] { 0, (int)ResultCode.BargainOver }));
        Assert.That(await YuanbaoAsync(acc), Is.EqualTo(0));
        Assert.That(await ItemCountAsync(acc, 9003), Is.EqualTo(1));
        Assert.That(await LedgerEntriesAsync(acc, code), Is.EqualTo(1));
    }

    [Test]
    public async Task ManyGetGoodsRacingOutsideTheAccountLockPayOnce()
    {
        string acc = TestServer.NewAccount();
        await using var client = await LoginAsync(acc);
        await GmAsync($"//gm addmoney {acc} yuanbao 5000");
        string code = await StartAsync(client, 3);
        await using var parts = await BargainParts.CreateAsync(Host.Services.Options, ConfigDir);
        await using var parts2 = await BargainParts.CreateAsync(Host.Services.Options, ConfigDir);
        var calls = Enumerable.Range(0, 16).Select(i =>
            (i % 2 == 0 ? parts : parts2).Module.Purchase.GetGoodsAsync(acc, Open, 3, 103, code));
        var replies = await Task.WhenAll(calls);
        Assert.That(replies.All(r => r.Result is 0 or (int)ResultCode.BargainOver), Is.True,
            string.Join(",", replies.Select(r => r.Result)));
        Assert.That(replies.Count(r => r.Result == 0), Is.GreaterThanOrEqualTo(1));
        Assert.That(await YuanbaoAsync(acc), Is.EqualTo(4000));
        Assert.That(await ItemCountAsync(acc, 9003), Is.EqualTo(1));
        Assert.That(await LedgerEntriesAsync(acc, code), Is.EqualTo(1));
        Assert.That((await PlayerJsonAsync(acc))!["gotgoods"]!.AsArray().Single()!["getcount"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task ACrashAfterMarkingTheCodeIsCompletedByTheNextGetGoods()
    {
        string acc = TestServer.NewAccount(), helper = TestServer.NewAccount();
        await using var client = await LoginAsync(acc);
        await GmAsync($"//gm addmoney {acc} yuanbao 1000");
        string code = await StartAsync(client, 3);
        var json = (await CodeJsonAsync(code))!;
        json["isget"] = 2;
        await Db.HashSetAsync(PeriodKeys.Code(1), code, json.ToJsonString());
        await using var h = await LoginAsync(helper);
        Assert.That((await HelpAsync(h, code)).Result, Is.EqualTo((int)ResultCode.HelpOver), "the cuts are frozen while collecting");
        Assert.That((await GetGoodsAsync(client, code, 3)).Result, Is.EqualTo(0));
        Assert.That(await YuanbaoAsync(acc), Is.EqualTo(0));
        Assert.That(await ItemCountAsync(acc, 9003), Is.EqualTo(1));
        Assert.That((await CodeJsonAsync(code))!["isget"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task ACrashAfterPayingIsCompletedWithoutPayingAgain()
    {
        string acc = TestServer.NewAccount();
        await using var client = await LoginAsync(acc);
        await GmAsync($"//gm addmoney {acc} yuanbao 1000");
        string code = await StartAsync(client, 3);
        string recordBefore = (await Db.HashGetAsync(PeriodKeys.Player(1), acc)).ToString();
        Assert.That((await GetGoodsAsync(client, code, 3)).Result, Is.EqualTo(0));
        // Back to the moment after the ledger applied and before the code was marked received.
        var json = (await CodeJsonAsync(code))!;
        json["isget"] = 2;
        await Db.HashSetAsync(PeriodKeys.Code(1), code, json.ToJsonString());
        await Db.HashSetAsync(PeriodKeys.Player(1), acc, recordBefore);
        Assert.That((await GetGoodsAsync(client, code, 3)).Result, Is.EqualTo(0), "the repeat completes it");
        Assert.That(await YuanbaoAsync(acc), Is.EqualTo(0), "paid once");
        Assert.That(await ItemCountAsync(acc, 9003), Is.EqualTo(1), "granted once");
        Assert.That(await LedgerEntriesAsync(acc, code), Is.EqualTo(1));
        var record = (await PlayerJsonAsync(acc))!;
        Assert.That(record["gotgoods"]!.AsArray().Single()!["getcount"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(record["getinggoods"]!.ToJsonString(), Is.EqualTo("{}"));
    }

    [Test]
    public async Task APaymentIsRememberedUntilItsPeriodEnds()
    {
        // A code left at isget 2 can be resumed until the period ends, 90 days away here; if the payment's key
        // expired after the usual 30 days, a resume after that would pay and grant a second time.
        string acc = TestServer.NewAccount();
        await using var client = await LoginAsync(acc);
        await GmAsync($"//gm addmoney {acc} yuanbao 1000");
        string code = await StartAsync(client, 3);
        Assert.That((await GetGoodsAsync(client, code, 3)).Result, Is.EqualTo(0));
        var periodEnd = (await CallAsync(client, BargainProtocol.GetConfig,
            new BargainPeriodRequest { Id = Open }))["config"]!["endtime"]!.GetValue<long>();
        var ttl = await Db.KeyTimeToLiveAsync(PlayerKeys.Idempotency(acc, $"bargain:1:1:{code}"));
        Assert.That(ttl, Is.Not.Null, "the payment's key exists and expires");
        Assert.That(ttl!.Value.TotalSeconds, Is.GreaterThanOrEqualTo(periodEnd - DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60));
    }

    [Test]
    public async Task HelpsRacingGetGoodsAreEitherPaidForOrRefused()
    {
        for (int round = 0; round < 8; round++)
        {
            string acc = TestServer.NewAccount();
            await using var client = await LoginAsync(acc);
            await GmAsync($"//gm addmoney {acc} yuanbao 1000");
            string code = await StartAsync(client, 3);
            var helpers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => LoginAsync(TestServer.NewAccount("h"))));
            var helps = helpers.Select(c => HelpAsync(c, code)).ToList();
            var buy = GetGoodsAsync(client, code, 3);
            var results = await Task.WhenAll(helps.Append(buy));
            Assert.That(results[^1].Result, Is.EqualTo(0));
            Assert.That(results[..^1].All(r => r.Result is 0 or (int)ResultCode.HelpOver), Is.True);
            var json = (await CodeJsonAsync(code))!;
            long total = json["totaldelprice"]!.GetValue<long>();
            Assert.That(total, Is.EqualTo(10 * results[..^1].Count(r => r.Result == 0)), "every accepted help is in the code");
            Assert.That(await YuanbaoAsync(acc), Is.EqualTo(1000 - (1000 - total)), "and in the price paid");
            foreach (var c in helpers) await c.DisposeAsync();
        }
    }
}
