using System.Text.Json.Nodes;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Bargain;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Integration.BargainTestConfig;

namespace SocialGame.Tests.Integration;

/// <summary>//gm reload bargain: good files take effect at once, bad ones are refused and the old one stays.</summary>
public class BargainConfigTests : BargainFixture
{
    private void WriteConfig(Action<JsonObject> change) => BargainTestConfig.Write(ConfigDir, Create(change));

    [TearDown]
    public async Task RestoreConfig()
    {
        WriteConfig(_ => { });
        await GmAsync("//gm reload bargain");
    }

    [Test]
    public async Task AGoodFileTakesEffectWithoutARestart()
    {
        await using var client = await LoginAsync(TestServer.NewAccount());
        WriteConfig(c => c["periods"]![0]!["name"] = "Renamed");
        Assert.That(await GmAsync("//gm reload bargain"), Does.Contain("reloaded: 6 periods"));
        Assert.That((await CallAsync(client, BargainProtocol.GetConfig,
            new BargainPeriodRequest { Id = Open }))["config"]!["name"]!.GetValue<string>(), Is.EqualTo("Renamed"));
    }

    [TestCase("{ not json")]
    [TestCase("{\"periods\": [], \"surprise\": 1}")]
    public async Task AnUnreadableFileIsRefusedAndTheOldOneStays(string text)
    {
        await using var client = await LoginAsync(TestServer.NewAccount());
        File.WriteAllText(Path.Combine(ConfigDir, "bargain.json"), text);
        string output = await GmAsync("//gm reload bargain", (int)ResultCode.DataError);
        Assert.That(output, Does.Contain("refused").And.Contain("bargain.json"));
        Assert.That((await CallAsync(client, BargainProtocol.GetConfig, new BargainPeriodRequest { Id = Open })).Result, Is.EqualTo(0),
            "still served by the old configuration");
    }

    [Test]
    public async Task AnInvalidFileIsRefusedNamingTheFieldAndTheOldOneStays()
    {
        await using var client = await LoginAsync(TestServer.NewAccount());
        WriteConfig(c =>
        {
            c["periods"]![0]!["name"] = "Should not appear";
            c["periods"]![0]!["goods"]![0]!["floorprice"] = 5000;
        });
        Assert.That(await GmAsync("//gm reload bargain", (int)ResultCode.DataError), Does.Contain("periods[0].goods[0].floorprice"));
        WriteConfig(c => c["periods"]![0]!["goods"]![0]!["itemId"] = 424242);
        Assert.That(await GmAsync("//gm reload bargain", (int)ResultCode.DataError), Does.Contain("item 424242 is not in items.json"));
        WriteConfig(c => ((JsonObject)c["periods"]![0]!["help"]!).Remove("vip"));
        Assert.That(await GmAsync("//gm reload bargain", (int)ResultCode.DataError), Does.Contain("no amounts for player type vip"));
        var reply = await CallAsync(client, BargainProtocol.GetConfig, new BargainPeriodRequest { Id = Open });
        Assert.That(reply["config"]!["name"]!.GetValue<string>(), Is.EqualTo("Period 1"));
        Assert.That(await GmAsync("//gm reload bargain now", (int)ResultCode.ParamError), Does.Contain("usage"));
    }

    [Test]
    public async Task TheModuleSwitchClosesEverything()
    {
        await using var client = await LoginAsync(TestServer.NewAccount());
        WriteConfig(c => c["enabled"] = false);
        await GmAsync("//gm reload bargain");
        Assert.That((await CallAsync(client, BargainProtocol.GetAckList)).Result, Is.EqualTo((int)ResultCode.ModuleClose));
        Assert.That((await CallAsync(client, BargainProtocol.GetConfig, new BargainPeriodRequest { Id = Open })).Result,
            Is.EqualTo((int)ResultCode.ModuleClose));
        Assert.That((await CallAsync(client, BargainProtocol.Start, new BargainGoodsRequest { Id = Open, Idx = 1, GoodsId = 101 })).Result,
            Is.EqualTo((int)ResultCode.ModuleClose));
        Assert.That((await CallAsync(client, BargainProtocol.GetHelp, new BargainPeriodRequest { Id = 99 })).Result,
            Is.EqualTo((int)ResultCode.ModuleClose), "whatever the period");
    }

    [Test]
    public async Task WithNoOpenPeriodTheListAnswersActivityNoOpen()
    {
        await using var client = await LoginAsync(TestServer.NewAccount());
        WriteConfig(c =>
        {
            foreach (var p in c["periods"]!.AsArray().Where(p => p!["id"]!.GetValue<int>() is Open or HighLevel or Randomised))
                p!["enabled"] = false;
        });
        await GmAsync("//gm reload bargain");
        var reply = await CallAsync(client, BargainProtocol.GetAckList);
        Assert.That(reply.Result, Is.EqualTo((int)ResultCode.ActivityNoOpen));
    }

    [Test]
    public async Task StartAnswersCodeMakeFailWhenEveryCodeTriedIsTaken()
    {
        WriteConfig(c => c["code"] = new JsonObject { ["minLength"] = 8, ["maxLength"] = 8, ["alphabet"] = "K", ["attempts"] = 3 });
        await GmAsync("//gm reload bargain");
        string secondAcc = TestServer.NewAccount();
        await using var first = await LoginAsync(TestServer.NewAccount());
        await using var second = await LoginAsync(secondAcc);
        Assert.That(await StartAsync(first, 1), Is.EqualTo("KKKKKKKK"));
        Assert.That((await CallAsync(second, BargainProtocol.Start, new BargainGoodsRequest { Id = Open, Idx = 1, GoodsId = 101 })).Result,
            Is.EqualTo((int)ResultCode.CodeMakeFail));
        Assert.That(await PlayerJsonAsync(secondAcc), Is.Null, "nothing was written for the second player");
    }
}
