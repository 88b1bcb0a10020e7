using System.Net.Http.Json;
using System.Text.Json;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Player;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Player;

public class ProfileAndFriendTests : ServerFixture
{
    [Test]
    public async Task TheFirstLoginCreatesAProfileWithDefaults()
    {
        string acc = TestServer.NewAccount();
        long before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await using var client = await TestServer.LoginAsync(Host, acc);
        var reply = await client.RequestAsync(PlayerProtocol.GetProfile, new GetProfileRequest());
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToJson());
        var profile = reply.Profile!;
        Assert.That(profile.Acc, Is.EqualTo(acc));
        Assert.That(profile.Nickname, Is.EqualTo(acc));
        Assert.That(profile.Level, Is.EqualTo(1));
        Assert.That(profile.VipLevel, Is.EqualTo(0));
        Assert.That(profile.RegTime, Is.InRange(before - 1, before + 5));
    }

    [Test]
    public async Task AnotherAccountsProfileAndUnknownAccounts()
    {
        string a = TestServer.NewAccount(), b = TestServer.NewAccount();
        await using var ca = await TestServer.LoginAsync(Host, a);
        await using var cb = await TestServer.LoginAsync(Host, b);
        var other = await ca.RequestAsync(PlayerProtocol.GetProfile, new GetProfileRequest { Acc = b });
        Assert.That(other.Profile!.Acc, Is.EqualTo(b));
        Assert.That((await ca.RequestAsync(PlayerProtocol.GetProfile, new GetProfileRequest { Acc = "nobody-" + a })).Result,
            Is.EqualTo((int)ResultCode.UnknownAccount));
        Assert.That((await ca.RequestRawAsync(PlayerProtocol.GetProfile, new { acc = 42 })).Result, Is.EqualTo((int)ResultCode.ParamError),
            "acc of the wrong type");
        Assert.That((await ca.RequestAsync(PlayerProtocol.GetProfile, new GetProfileRequest { Acc = new string('x', 200) })).Result,
            Is.EqualTo((int)ResultCode.ParamError));
    }

    [Test]
    public async Task GmAndTheAdminApiSetProfileFields()
    {
        string acc = TestServer.NewAccount();
        await using var client = await TestServer.LoginAsync(Host, acc);
        Assert.That(await TestServer.GmAsync(Host, $"//gm setprofile {acc} nickname Li Bai"), Does.Contain("Li Bai"));
        await TestServer.GmAsync(Host, $"//gm setprofile {acc} viplevel 999", ResultCode.ParamError);
        await TestServer.GmAsync(Host, $"//gm setprofile {acc} coins 5", ResultCode.ParamError);
        await TestServer.GmAsync(Host, "//gm setprofile never-seen-account level 3", ResultCode.UnknownAccount);

        using var http = TestServer.Admin(Host);
        var ok = await http.PostAsJsonAsync($"/admin/profile/{acc}", new { viplevel = 5, head = "h7" });
        Assert.That((int)ok.StatusCode, Is.EqualTo(200), await ok.Content.ReadAsStringAsync());
        Assert.That((int)(await http.PostAsJsonAsync($"/admin/profile/{acc}", new { sex = 9 })).StatusCode, Is.EqualTo(400));
        Assert.That((int)(await http.PostAsJsonAsync("/admin/profile/nobody-here", new { sex = 1 })).StatusCode, Is.EqualTo(404));

        var profile = (await client.RequestAsync(PlayerProtocol.GetProfile, new GetProfileRequest())).Profile!;
        Assert.That((profile.Nickname, profile.VipLevel, profile.Head, profile.Sex), Is.EqualTo(("Li Bai", 5, "h7", 0)),
            "a refused request changed nothing");
    }

    [Test]
    public async Task FriendsAreMutualAndShowWhoIsOnlineOnAnyNode()
    {
        string a = TestServer.NewAccount(), b = TestServer.NewAccount(), c = TestServer.NewAccount();
        await using var other = await TestServer.StartAsync(Redis, "node2");
        await using var ca = await TestServer.LoginAsync(Host, a);
        await using var cb = await TestServer.LoginAsync(other, b);
        var cc = await TestServer.LoginAsync(Host, c);
        await cc.DisposeAsync();
        await TestServer.GmAsync(Host, $"//gm addfriend {a} {b}");
        await TestServer.GmAsync(Host, $"//gm addfriend {c} {a}");
        Assert.That(await TestServer.GmAsync(Host, $"//gm addfriend {b} {a}"), Does.Contain("already"));
        await TestServer.GmAsync(Host, $"//gm addfriend {a} {a}", ResultCode.ParamError);
        await Eventually.TrueAsync(async () => await Host.Services.Sessions.LocateAsync(c) is null);

        var reply = await ca.RequestAsync(PlayerProtocol.GetFriends);
        var friends = reply.Friends.ToDictionary(f => f.Acc, f => f.Online);
        Assert.That(friends, Is.EqualTo(new Dictionary<string, bool> { [b] = true, [c] = false }));
        var player = TestServer.Player(Host);
        Assert.That(await player.Friends.AreFriendsAsync(b, a), Is.True);
        Assert.That(await player.Friends.AreFriendsAsync(b, c), Is.False);
    }
}
