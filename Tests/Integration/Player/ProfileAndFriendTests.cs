using System.Net.Http.Json;
using System.Text.Json;
using SocialGame.Protocol;
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
        var reply = await client.RequestAsync(10, 1, new { });
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToString());
        var profile = (Dictionary<string, object?>)reply.Data["profile"]!;
        Assert.That(profile["acc"], Is.EqualTo(acc));
        Assert.That(profile["nickname"], Is.EqualTo(acc));
        Assert.That(Convert.ToInt64(profile["level"]), Is.EqualTo(1));
        Assert.That(Convert.ToInt64(profile["viplevel"]), Is.EqualTo(0));
        Assert.That(Convert.ToInt64(profile["regtime"]), Is.InRange(before - 1, before + 5));
    }

    [Test]
    public async Task AnotherAccountsProfileAndUnknownAccounts()
    {
        string a = TestServer.NewAccount(), b = TestServer.NewAccount();
        await using var ca = await TestServer.LoginAsync(Host, a);
        await using var cb = await TestServer.LoginAsync(Host, b);
        var other = await ca.RequestAsync(10, 1, new { acc = b });
        Assert.That(((Dictionary<string, object?>)other.Data["profile"]!)["acc"], Is.EqualTo(b));
        Assert.That((await ca.RequestAsync(10, 1, new { acc = "nobody-" + a })).Result, Is.EqualTo((int)ResultCode.UnknownAccount));
        Assert.That((await ca.RequestAsync(10, 1, new { acc = 42 })).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await ca.RequestAsync(10, 1, new { acc = new string('x', 200) })).Result, Is.EqualTo((int)ResultCode.ParamError));
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

        var profile = (Dictionary<string, object?>)(await client.RequestAsync(10, 1, new { })).Data["profile"]!;
        Assert.That((profile["nickname"], Convert.ToInt32(profile["viplevel"]), profile["head"], Convert.ToInt32(profile["sex"])), Is.EqualTo(("Li Bai", 5, "h7", 0)),
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

        var reply = await ca.RequestAsync(10, 4);
        var friends = ((object?[])reply.Data["friends"]!).Cast<Dictionary<string, object?>>()
            .ToDictionary(f => (string)f["acc"]!, f => (bool)f["online"]!);
        Assert.That(friends, Is.EqualTo(new Dictionary<string, bool> { [b] = true, [c] = false }));
        var player = TestServer.Player(Host);
        Assert.That(await player.Friends.AreFriendsAsync(b, a), Is.True);
        Assert.That(await player.Friends.AreFriendsAsync(b, c), Is.False);
    }
}
