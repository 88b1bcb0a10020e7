using SocialGame.Core.Admin;
using SocialGame.Modules.Player;
using SocialGame.Modules.Player.Admin;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Pass;
using SocialGame.Protocol.Messages.Player;
using SocialGame.Protocol.Messages.Room;
using SocialGame.Protocol.Messages.System;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

/// <summary>
/// Account names with characters that mean something in keys or JSON, or that hide themselves, are refused
/// wherever an account name comes in: at login, as a gift, pass or friend target, in GM commands and admin routes.
/// </summary>
public class AccountNameEntryTests : ServerFixture
{
    private static readonly string[] BadNames = ["x}:wallet", "ev1}", "{x", "a\"b", "a*b", "a\\b", "a b", "a\u200bb", "a\u202eb",
        "a\u2066b"];

    [Test]
    public async Task ANameThatMeansSomethingInKeysOrJsonCannotLogInEvenWithAValidToken()
    {
        // "x}:wallet" used to log in; its wallet key sg:{x}:wallet}:wallet was audited as x's.
        foreach (string name in BadNames)
        {
            await using var client = await TestServer.ConnectAsync(Host);
            var reply = await client.RequestAsync(SystemProtocol.Login, new LoginRequest { Acc = name, Token = TestServer.Token(name) });
            Assert.That(reply.Result, Is.EqualTo((int)ResultCode.ParamError), name);
            Assert.That(await Host.Services.Redis.Db.KeyExistsAsync($"sg:{{{name}}}:profile"), Is.False, name);
        }
    }

    [Test]
    public async Task AGiftToSuchANameIsRefusedAndPaysNothing()
    {
        string room = "room" + Guid.NewGuid().ToString("N")[..8], from = TestServer.NewAccount("s");
        await TestServer.GmAsync(Host, $"//gm live start {room} owner");
        await using var sender = await TestServer.LoginAsync(Host, from);
        Assert.That((await sender.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room })).Result, Is.EqualTo(0));
        await TestServer.GmAsync(Host, $"//gm addmoney {from} gold 10000");
        var gift = await sender.RequestAsync(RoomProtocol.SendGift,
            new SendGiftRequest { RoomId = room, To = "ev1}", GiftId = 2, Count = 1, ReqId = "wallet" });
        Assert.That(gift.Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await TestServer.Player(Host).Ledger.GetWalletAsync(from))["gold"], Is.EqualTo(10000));
        Assert.That((await sender.RequestAsync(RoomProtocol.GiftStats, new GiftStatsRequest { Acc = "ev1}" })).Result,
            Is.EqualTo((int)ResultCode.ParamError), "gift stats");
        Assert.That((await sender.RequestAsync(PlayerProtocol.GetProfile, new GetProfileRequest { Acc = "x}:wallet" })).Result,
            Is.EqualTo((int)ResultCode.ParamError), "profile");
        Assert.That((await sender.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = "x}:wallet", Pay = 1 })).Result,
            Is.EqualTo((int)ResultCode.ParamError), "pass gift");
    }

    [Test]
    public async Task GmCommandsAndAdminRoutesNamingSuchAnAccountAreRefused()
    {
        string acc = await TestServer.KnownAccountAsync(Host);
        await TestServer.GmAsync(Host, $"//gm addfriend {acc} x}}:wallet", ResultCode.ParamError);
        await TestServer.GmAsync(Host, $"//gm addmoney ev1}} gold 100", ResultCode.ParamError);
        await TestServer.GmAsync(Host, $"//gm additem a\"b 2001 1", ResultCode.ParamError);
        await TestServer.GmAsync(Host, $"//gm sendmail a\u202eb hello", ResultCode.ParamError);
        await TestServer.GmAsync(Host, $"//gm setprofile a*b nickname n", ResultCode.ParamError);
        Assert.That(await TestServer.Player(Host).Friends.ListAsync(acc), Is.Empty);
        Assert.That(await Host.Services.Redis.Db.KeyExistsAsync("sg:{ev1}}:wallet"), Is.False);

        var route = new SetProfileRoute(TestServer.Player(Host).Profiles);
        var response = await route.HandleAsync(new AdminRequest("POST", "/admin/profile/x%7D%3Awallet",
            new Dictionary<string, string> { ["acc"] = "x}:wallet" }, "{\"viplevel\": \"3\"}"), CancellationToken.None);
        Assert.That(response.Status, Is.EqualTo(400));
    }

    [Test]
    public async Task KeysThatTodaysWalletPatternAlsoMatchesNeitherBreakNorFoolTheAudit()
    {
        // What a gift with reqid "wallet" to an account named "ev1}" left behind (a string, which made the audit
        // fail with WRONGTYPE), and the wallet of an account named "x}:wallet" (audited against x's ledger).
        var db = Host.Services.Redis.Db;
        string sender = TestServer.NewAccount(), real = await TestServer.KnownAccountAsync(Host);
        await db.StringSetAsync($"sg:{{{sender}}}:wealthdone:ev1}}:wallet", 1);
        await db.HashSetAsync("sg:{x}:wallet}:wallet", "gold", 6000);
        await TestServer.GmAsync(Host, $"//gm addmoney {real} gold 700");

        var report = await TestServer.Player(Host).Audit.RunAsync();
        Assert.That(report.Mismatches, Is.Empty, report.ToString());
        Assert.That(report.SkippedCount, Is.EqualTo(2));
        Assert.That(report.Skipped, Is.EquivalentTo(new[] { $"sg:{{{sender}}}:wealthdone:ev1}}:wallet", "sg:{x}:wallet}:wallet" }));

        // ./run.sh audit
        var (code, output, _) = await ToolRun.RunAsync("audit", "--redis", Redis.Address, "--config", TestServer.ConfigDir);
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("every balance equals its ledger").And.Contain("2 keys matching the wallet pattern"));
    }
}
