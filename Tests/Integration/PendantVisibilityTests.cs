using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Integration.PendantTestKit;

namespace SocialGame.Tests.Integration;

/// <summary>
/// The enabled switch and the pushes of operator changes, on two nodes: a pendant that becomes visible (saved, switched on, its
/// window begun) is pushed to the members who may see it on every node, one switched off is hidden everywhere at once.
/// </summary>
public class PendantVisibilityTests : TwoNodeFixture
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(3);

    private async Task<(string Room, string Owner)> RoomAsync()
    {
        string owner = await TestServer.KnownAccountAsync(NodeA, "own");
        return (await OpenRoomAsync(NodeA, owner), owner);
    }

    private static async Task PutAsync(Server.Hosting.ServerHost host, string id, Dictionary<string, object?> def)
    {
        using var http = Admin(host);
        var reply = await http.PutAsJsonAsync($"/admin/pendants/{id}", def);
        Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.OK), await reply.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task ASavedPendantIsPushedOnBothNodesOnlyToWhoMaySeeItAndSwitchedOffIsHiddenAtOnce()
    {
        var (room, _) = await RoomAsync();
        string vip = TestServer.NewAccount("vip"), plain = TestServer.NewAccount();
        await using var onA = await MemberAsync(NodeA, vip, room);
        await using var plainOnA = await MemberAsync(NodeA, plain, room);
        await TestServer.GmAsync(NodeA, $"//gm setprofile {vip} viplevel 3");
        string other = TestServer.NewAccount("vip");
        await using var onB = await MemberAsync(NodeB, other, room);
        await TestServer.GmAsync(NodeB, $"//gm setprofile {other} viplevel 5");

        string id = NewId("push");
        var def = Def(id, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        def["rooms"] = new[] { room };
        def["minVipLevel"] = 3;
        await CreateAsync(NodeB, def);
        await onA.WaitForAsync(f => IsShow(f, id), Soon);
        await onB.WaitForAsync(f => IsShow(f, id), Soon);
        Assert.That(await IdsAsync(plainOnA, room), Does.Not.Contain(id), "below the VIP level");

        def["enabled"] = false;
        await PutAsync(NodeA, id, def);
        var hideA = await onA.WaitForAsync(f => IsHide(f, id), Soon);
        Assert.That(hideA.GetString("reason"), Is.EqualTo("disabled"));
        await onB.WaitForAsync(f => IsHide(f, id), Soon);
        Assert.That(await IdsAsync(onA, room), Does.Not.Contain(id));
        Assert.That(await IdsAsync(onB, room), Does.Not.Contain(id));
        var heard = new List<Client.Frame>();
        while (plainOnA.Unsolicited.TryRead(out var frame)) heard.Add(frame);
        Assert.That(heard.Any(f => IsShow(f, id)), Is.False, "the member below the VIP level never got it");

        def["enabled"] = true;
        await PutAsync(NodeB, id, def);
        await onA.WaitForAsync(f => IsShow(f, id), Soon);
        Assert.That(await IdsAsync(onA, room), Does.Contain(id));
    }

    [Test]
    public async Task AnOperatorPendantIsPushedWhenItsWindowBegins()
    {
        var (room, _) = await RoomAsync();
        await using var member = await MemberAsync(NodeA, TestServer.NewAccount(), room);
        string id = NewId("later");
        var begin = DateTimeOffset.UtcNow.AddSeconds(3);
        var def = Def(id, begin, begin.AddHours(1));
        def["rooms"] = new[] { room };
        await CreateAsync(NodeA, def);
        Assert.That(await IdsAsync(member, room), Does.Not.Contain(id), "not yet");
        await member.WaitForAsync(f => IsShow(f, id), TimeSpan.FromSeconds(8));
        Assert.That(DateTimeOffset.UtcNow, Is.GreaterThanOrEqualTo(begin), "pushed once the window began, not before");
    }

    [Test]
    public async Task ASwitchedOffTriggeredPendantIsNotTriggeredAndIsHiddenWhereItShows()
    {
        var (room, _) = await RoomAsync();
        await using var member = await MemberAsync(NodeB, TestServer.NewAccount(), room);
        string id = NewId("rp");
        var def = Def(id, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1),
            new { kind = "redPacket", durationSeconds = 600 });
        await CreateAsync(NodeA, def);
        // Config/pendants.json has a red-packet pendant of its own: what counts is one fewer once this one is off
        int shown = Shown(await TestServer.GmAsync(NodeA, $"//gm pendant trigger {room} redPacket rp1"));
        await member.WaitForAsync(f => IsShow(f, id), Soon);

        def["enabled"] = false;
        await PutAsync(NodeA, id, def);
        var hide = await member.WaitForAsync(f => IsHide(f, id), Soon);
        Assert.That(hide.GetString("key"), Is.EqualTo("rp1"));
        Assert.That(await IdsAsync(member, room), Does.Not.Contain(id));
        Assert.That(Shown(await TestServer.GmAsync(NodeA, $"//gm pendant trigger {room} redPacket rp2")), Is.EqualTo(shown - 1));
    }

    [Test]
    public async Task ThePreviewSaysWhoOfARoomWouldSeeAPendantWithoutSavingIt()
    {
        var (room, owner) = await RoomAsync();
        await using var ownerClient = await MemberAsync(NodeA, owner, room);
        string guest = TestServer.NewAccount();
        await using var guestClient = await MemberAsync(NodeB, guest, room);
        string id = NewId("pre");
        var def = Def(id, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        def["ownerOnly"] = true;
        using var viewer = TestServer.Admin(NodeA, Core.Admin.OperatorRole.Viewer);
        var reply = await viewer.PostAsJsonAsync($"/admin/pendants/preview?room={room}", def);
        Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.OK), await reply.Content.ReadAsStringAsync());
        var body = await reply.Content.ReadFromJsonAsync<JsonElement>();
        var members = body.GetProperty("members").EnumerateArray()
            .ToDictionary(m => m.GetProperty("acc").GetString()!,
                m => (m.GetProperty("owner").GetBoolean(), m.GetProperty("sees").GetBoolean()));
        Assert.That(members, Is.EquivalentTo(new Dictionary<string, (bool, bool)> { [owner] = (true, true), [guest] = (false, false) }));
        Assert.That(body.GetProperty("showsNow").GetBoolean(), Is.True);
        Assert.That(PendantService(NodeA).Store.Find(id), Is.Null, "a preview saves nothing");

        def["image"] = "http://insecure.example.com/x.png";
        def["priority"] = 5000;
        var bad = await viewer.PostAsJsonAsync("/admin/pendants/preview", def);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.That(errors, Is.EquivalentTo(new[] { "priority", "image" }), "every field at fault, each named");
    }

    private static int Shown(string output) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(output, @": (\d+) pendants shown").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);

    private static Modules.Pendant.PendantService PendantService(Server.Hosting.ServerHost host) => Service(host);
}
