using System.Text.Json.Nodes;
using SocialGame.Client;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Bargain;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

/// <summary>The seed's GM op on module 6 (6/1000 {id, bargaincode, delprice}) is the chat command //gm msact bargain.</summary>
public class BargainGmOpTests : BargainFixture
{
    private async Task<(GameClient Owner, string Code)> OwnerAsync()
    {
        var owner = await LoginAsync(TestServer.NewAccount("m"));
        return (owner, await StartAsync(owner, 3));
    }

    private static Task<Frame> HelpNtfAsync(GameClient owner) => owner.WaitForAsync(f => f.Is(BargainProtocol.HelpNtf));

    [Test]
    public async Task FromAGmAccountItCutsTheCodeExactlyAsTheChatCommandDoes()
    {
        var (owner, code) = await OwnerAsync();
        await using var _ = owner;
        await using var gm = await LoginAsync("gm");

        var op = await CallAsync(gm, BargainProtocol.GmHelp,
            new BargainGmHelpRequest { Id = 1, BargainCode = code.ToLowerInvariant(), DelPrice = 40 });
        Assert.That(op.Result, Is.EqualTo(0), op.ToString());
        Assert.That((op["bargaincode"]!.GetValue<string>(), op["delprice"]!.GetValue<long>(), op["totaldelprice"]!.GetValue<long>()),
            Is.EqualTo((code, 40L, 40L)));
        var ntf = new BargainReply(await HelpNtfAsync(owner));
        Assert.That((ntf["acc"]!.GetValue<string>(), ntf["delprice"]!.GetValue<long>()), Is.EqualTo(("gm", 40L)),
            "the owner is told, as for the chat command");

        string chat = await GmAsync($"//gm msact bargain 1 1000 {code} 40");
        Assert.That(chat, Does.Contain("cut by 40, total cut 80"));
        var json = (await CodeJsonAsync(code))!;
        Assert.That(json["totaldelprice"]!.GetValue<long>(), Is.EqualTo(80));
        var helpers = json["helperlist"]!.AsArray().Select(h => (h!["acc"]!.GetValue<string>(), h["delprice"]!.GetValue<long>())).ToList();
        Assert.That(helpers, Is.EqualTo(new[] { ("gm", 40L), ("gm", 40L) }), "both ways leave the same record");
        Assert.That(await PlayerJsonAsync("gm"), Is.Null, "neither is counted as the GM's help");

        var gmLines = TestLogging.DataLogLines().Where(l => l.Contains("\"op\":\"gm\"") && l.Contains(code)).Select(l => JsonNode.Parse(l)!)
            .ToList();
        Assert.That(gmLines.Select(l => l["text"]!.GetValue<string>()), Has.Some.EqualTo($"//gm msact bargain 1 1000 {code} 40"),
            "the op is written to the datalog as the command it stands for");
        Assert.That(gmLines.Count(l => l["result"]!.GetValue<int>() == 0), Is.EqualTo(2));
    }

    [Test]
    public async Task FromAnyOtherAccountItIsNotGmAndChangesNothing()
    {
        var (owner, code) = await OwnerAsync();
        await using var _ = owner;
        await using var player = await LoginAsync(TestServer.NewAccount("p"));
        var reply = await CallAsync(player, BargainProtocol.GmHelp, new BargainGmHelpRequest { Id = 1, BargainCode = code, DelPrice = 40 });
        Assert.That(reply.Result, Is.EqualTo((int)ResultCode.NotGm));
        Assert.That(reply.Data.Select(kv => kv.Key), Is.EquivalentTo(new[] { "result" }));
        Assert.That((await CodeJsonAsync(code))!["totaldelprice"]!.GetValue<long>(), Is.EqualTo(0));
        Assert.That((await CallAsync(player, BargainProtocol.GmHelp, new BargainGmHelpRequest { Id = 1 })).Result,
            Is.EqualTo((int)ResultCode.ParamError), "a request missing its fields is refused before anything else");
    }

    [Test]
    public async Task AGmLearnsWhichFieldIsWrongAndTheResultsOfTheCommand()
    {
        await using var gm = await LoginAsync("gm");
        foreach (var (data, field) in new (object Data, string Field)[]
                 {
                     (new { id = 0, bargaincode = "ABCDEFGH", delprice = 5 }, "id"),
                     (new { id = 1, bargaincode = "bad!", delprice = 5 }, "bargaincode"),
                     (new { id = 1, bargaincode = "ABCDEFGH", delprice = 0 }, "delprice"),
                     (new { id = 1, bargaincode = "ABCDEFGH", delprice = 1.5 }, "delprice"),
                 })
        {
            var reply = await CallRawAsync(gm, BargainProtocol.GmHelp, data);
            Assert.That((reply.Result, reply["field"]?.GetValue<string>()), Is.EqualTo(((int)ResultCode.ParamError, field)),
                reply.ToString());
        }
        var unknown = await CallRawAsync(gm, BargainProtocol.GmHelp, new { id = 1, bargaincode = "ABCDEFGH", delprice = 5.0 });
        Assert.That((unknown.Result, unknown["bargaincode"]?.GetValue<string>()), Is.EqualTo(((int)ResultCode.HelpNotExist, "ABCDEFGH")));
        Assert.That((await CallAsync(gm, BargainProtocol.GmHelp,
            new BargainGmHelpRequest { Id = 99, BargainCode = "ABCDEFGH", DelPrice = 5 })).Result, Is.EqualTo((int)ResultCode.DataError));
    }
}
