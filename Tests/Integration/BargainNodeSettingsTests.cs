using SocialGame.Core.Options;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Bargain;
using SocialGame.Protocol.Messages.Gm;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Integration.BargainTestConfig;

namespace SocialGame.Tests.Integration;

/// <summary>On a Redis Cluster (redis.cluster on), the three keys of a period share the hash tag {areaid_actid}.</summary>
public class BargainClusterKeyTests() : BargainFixture(RedisKind.Cluster)
{
    [Test]
    public async Task ThePeriodsKeysShareOneHashTag()
    {
        await using var m = await LoginAsync(TestServer.NewAccount("m"));
        await using var h = await LoginAsync(TestServer.NewAccount("h"));
        string code = await StartAsync(m, 3);
        Assert.That((await HelpAsync(h, code)).Result, Is.EqualTo(0));
        await GmAsync($"//gm msact bargain 1 1000 {code} 10");
        Assert.That((await CallAsync(m, BargainProtocol.GetCurData,
            new BargainPeriodRequest { Id = Open }))["bargaindata"]!["totaldelprice"]!.GetValue<long>(), Is.EqualTo(20));
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
        var requests = new Func<Task<BargainReply>>[]
        {
            () => CallAsync(client, BargainProtocol.GetAckList),
            () => CallAsync(client, BargainProtocol.GetConfig, new BargainPeriodRequest { Id = Open }),
            () => CallAsync(client, BargainProtocol.GetCurData, new BargainPeriodRequest { Id = Open }),
            () => CallAsync(client, BargainProtocol.Start, new BargainGoodsRequest { Id = Open, Idx = 1, GoodsId = 101 }),
            () => CallAsync(client, BargainProtocol.Help,
                new BargainHelpRequest { Id = Open, DeviceId = "d1", DeviceType = 1, BargainCode = code }),
            () => CallAsync(client, BargainProtocol.GetGoods,
                new BargainGetGoodsRequest { Id = Open, Idx = 3, GoodsId = 103, BargainCode = code }),
            () => CallAsync(client, BargainProtocol.GetHelp, new BargainPeriodRequest { Id = Open }),
            () => CallAsync(client, BargainProtocol.GiveUp, new BargainGoodsRequest { Id = Open, Idx = 3, GoodsId = 103 }),
        };
        Standalone.Stop();
        try
        {
            foreach (var request in requests)
            {
                var reply = await request();
                Assert.That(reply.Result, Is.EqualTo((int)ResultCode.RedisError), $"{reply.Frame.ModuleType}/{reply.Frame.OpId}");
            }
            var gmReply = await gm.RequestAsync(GmProtocol.Command, new GmCommandRequest { Text = $"//gm msact bargain 1 1000 {code} 10" });
            Assert.That(gmReply.Result, Is.EqualTo((int)ResultCode.RedisError));
        }
        finally
        {
            Standalone.Start();
        }
        Assert.That(await Eventually.TrueAsync(async () => (await CallAsync(client, BargainProtocol.GetAckList)).Result == 0, 20), Is.True,
            "served again once Redis is back");
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
        Assert.That((await CallAsync(m, BargainProtocol.GetGoods,
            new BargainGetGoodsRequest { Id = Open, Idx = 3, GoodsId = 103, BargainCode = code })).Result, Is.EqualTo(0));
        Assert.That((await CallAsync(m, BargainProtocol.GetGoods,
            new BargainGetGoodsRequest { Id = Open, Idx = 2, GoodsId = 102, BargainCode = other })).Result,
            Is.EqualTo((int)ResultCode.ClickTooFast));
        Assert.That(await YuanbaoAsync(acc), Is.EqualTo(1000 - 990));
    }
}
