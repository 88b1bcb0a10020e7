using SocialGame.Modules.Common;
using SocialGame.Modules.Pendant;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Pendant;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Integration.PendantTestKit;

namespace SocialGame.Tests.Integration;

/// <summary>
/// What a player in a room sees: window edges and overlaps (the node's clock is moved by hand), business and
/// room filters, client-version ranges, VIP level and owner-only rules, triggered pendants' display time.
/// </summary>
public class PendantPullTests : RedisFixture
{
    private FakeClock _clock = null!;
    private ServerHost _host = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _clock = new FakeClock(DateTimeOffset.UtcNow);
        _host = await TestServer.StartAsync(Redis, "pull", clock: _clock);
    }

    [OneTimeTearDown]
    public async Task Stop() => await _host.StopAsync();

    /// <summary>Now on the node's clock, to the second (windows are compared in seconds on the wire).</summary>
    private DateTimeOffset Now => DateTimeOffset.FromUnixTimeSeconds(_clock.UtcNow.ToUnixTimeSeconds());

    [Test]
    public async Task AnOperatorPendantShowsFromTheStartOfItsWindowUntilJustBeforeItsEnd()
    {
        string id = NewId("window"), acc = TestServer.NewAccount();
        var begin = Now.AddSeconds(60);
        // Exactly on the edges: the node's clock is set to the window's begin and end.
        _clock.Advance(Now - _clock.UtcNow);
        await CreateAsync(_host, Def(id, begin, begin.AddSeconds(60)));
        string room = await OpenRoomAsync(_host, acc);
        await using var player = await MemberAsync(_host, acc, room);

        Assert.That(await IdsAsync(player, room), Does.Not.Contain(id), "before the window");
        _clock.Advance(TimeSpan.FromSeconds(60) - TimeSpan.FromTicks(1));
        Assert.That(await IdsAsync(player, room), Does.Not.Contain(id), "a tick before the begin");
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.That(await IdsAsync(player, room), Does.Contain(id), "at the begin");
        _clock.Advance(TimeSpan.FromSeconds(60) - TimeSpan.FromTicks(1));
        var shown = (await PullAsync(player, room)).Single(p => (string)p["id"]! == id);
        Assert.That((Long(shown, "begin"), Long(shown, "end")),
            Is.EqualTo((begin.ToUnixTimeSeconds(), begin.AddSeconds(60).ToUnixTimeSeconds())), "a tick before the end");
        Assert.That((shown["kind"], shown["key"], shown["business"], Long(shown, "total")), Is.EqualTo(("operator", "", "chat", 0L)));
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.That(await IdsAsync(player, room), Does.Not.Contain(id), "at the end");
    }

    [Test]
    public async Task OverlappingPendantsShowTogetherHighestPriorityFirst()
    {
        string early = NewId("early"), late = NewId("late"), acc = TestServer.NewAccount();
        var t = Now;
        var a = Def(early, t.AddSeconds(10), t.AddSeconds(70));
        a["priority"] = 1;
        var b = Def(late, t.AddSeconds(40), t.AddSeconds(100));
        b["priority"] = 500;
        await CreateAsync(_host, a);
        await CreateAsync(_host, b);
        string room = await OpenRoomAsync(_host, acc);
        await using var player = await MemberAsync(_host, acc, room);
        var mine = new[] { early, late };

        _clock.Advance(TimeSpan.FromSeconds(20));
        Assert.That((await IdsAsync(player, room)).Intersect(mine), Is.EqualTo(new[] { early }));
        _clock.Advance(TimeSpan.FromSeconds(30));
        var both = await IdsAsync(player, room);
        Assert.That(both.Intersect(mine), Is.EqualTo(new[] { late, early }), "overlap: both, higher priority first");
        Assert.That(both[0], Is.EqualTo(late), "priority 500 is above every shipped pendant");
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.That((await IdsAsync(player, room)).Intersect(mine), Is.EqualTo(new[] { late }));
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.That((await IdsAsync(player, room)).Intersect(mine), Is.Empty);
    }

    [Test]
    public async Task OnlyTheAskedBusinessAndTheListedRoomsAreShownToMembers()
    {
        string chat = NewId("chat"), game = NewId("game"), listed = NewId("listed"), acc = TestServer.NewAccount();
        string room = await OpenRoomAsync(_host, acc), other = await OpenRoomAsync(_host, acc);
        await CreateAsync(_host, Def(chat, Now, Now.AddHours(1)));
        await CreateAsync(_host, Def(game, Now, Now.AddHours(1), business: "game"));
        var only = Def(listed, Now, Now.AddHours(1));
        only["rooms"] = new[] { other };
        await CreateAsync(_host, only);
        await using var player = await MemberAsync(_host, acc, room);

        var chatIds = await IdsAsync(player, room);
        Assert.That(chatIds, Does.Contain(chat).And.Contain("welcome-chat").And.Not.Contain(game).And.Not.Contain(listed)
            .And.Not.Contain("game-season"));
        var gameIds = await IdsAsync(player, room, "game");
        Assert.That(gameIds, Does.Contain(game).And.Contain("game-season").And.Not.Contain(chat));
        Assert.That((await player.RequestAsync(PendantProtocol.List, new PendantListRequest { RoomId = other })).Result,
            Is.EqualTo((int)ResultCode.NotInRoom));
        await JoinAsync(player, other);
        Assert.That(await IdsAsync(player, other), Does.Contain(listed));

        Assert.That((await player.RequestAsync(PendantProtocol.List, new PendantListRequest { RoomId = other, Business = "radio" })).Result,
            Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await player.RequestAsync(PendantProtocol.List, new PendantListRequest { RoomId = "bad room" })).Result,
            Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await player.RequestRawAsync(PendantProtocol.List, new { roomid = 5 })).Result,
            Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await player.RequestRawAsync(PendantProtocol.List, null)).Result, Is.EqualTo((int)ResultCode.ParamError));
    }

    [Test]
    public async Task TheClientVersionRangeDecidesWhoSeesAPendant()
    {
        string id = NewId("ver"), owner = TestServer.NewAccount();
        var def = Def(id, Now, Now.AddHours(1));
        (def["minVersion"], def["maxVersion"]) = ("1.9.5", "1.10.2");
        await CreateAsync(_host, def);
        string room = await OpenRoomAsync(_host, owner);
        var cases = new (string? Version, bool Sees)[]
        {
            ("1.9.4", false), ("1.9.5", true), ("1.9.10", true), ("1.10.0", true), ("1.10.2-rc1", true), ("1.10.3", false), ("2.0", false),
                (null, false),
        };
        foreach (var (version, sees) in cases)
        {
            await using var player = await MemberAsync(_host, TestServer.NewAccount(), room, version);
            var ids = await IdsAsync(player, room);
            Assert.That(ids.Contains(id), Is.EqualTo(sees), $"client {version ?? "(none)"}");
            Assert.That(ids, Does.Contain("welcome-chat"), "a pendant without a range shows to every version");
        }
    }

    [Test]
    public async Task VipLevelAndOwnerOnlyPendantsShowOnlyToThoseTheyAreFor()
    {
        string vip = NewId("vip"), host = NewId("host"), owner = TestServer.NewAccount("o"), guest = TestServer.NewAccount("g");
        var forVip = Def(vip, Now, Now.AddHours(1));
        forVip["minVipLevel"] = 3;
        var forOwner = Def(host, Now, Now.AddHours(1));
        forOwner["ownerOnly"] = true;
        await CreateAsync(_host, forVip);
        await CreateAsync(_host, forOwner);
        string room = await OpenRoomAsync(_host, owner);
        await using var o = await MemberAsync(_host, owner, room);
        await using var g = await MemberAsync(_host, guest, room);

        Assert.That(await IdsAsync(g, room), Does.Not.Contain(vip).And.Not.Contain(host).And.Not.Contain("owner-tips"));
        Assert.That(await IdsAsync(o, room), Does.Contain(host).And.Contain("owner-tips").And.Not.Contain(vip));
        await TestServer.GmAsync(_host, $"//gm setprofile {guest} viplevel 2");
        Assert.That(await IdsAsync(g, room), Does.Not.Contain(vip), "VIP 2 is below 3");
        await TestServer.GmAsync(_host, $"//gm setprofile {guest} viplevel 3");
        Assert.That(await IdsAsync(g, room), Does.Contain(vip));
        await TestServer.GmAsync(_host, $"//gm live owner {room} {guest}");
        Assert.That(await IdsAsync(g, room), Does.Contain(host), "the new owner");
        Assert.That(await IdsAsync(o, room), Does.Not.Contain(host), "no longer the owner");
    }

    [Test]
    public async Task ATriggeredPendantShowsForItsDisplayTimeCappedByItsWindowAndARepeatExtendsIt()
    {
        string id = NewId("gift"), acc = TestServer.NewAccount();
        var t = Now;
        _clock.Advance(t - _clock.UtcNow);
        await CreateAsync(_host, Def(id, t, t.AddSeconds(200), new { kind = "gift", giftId = 2, minCount = 3, durationSeconds = 60 }));
        string room = await OpenRoomAsync(_host, acc);
        await using var player = await MemberAsync(_host, acc, room);
        var pendants = Service(_host);

        Assert.That(await pendants.TriggerAsync(room, PendantTriggerKind.Gift, "2", count: 2), Is.EqualTo(0), "below the minimum count");
        Assert.That(await IdsAsync(player, room), Does.Not.Contain(id));
        Assert.That(await pendants.TriggerAsync(room, PendantTriggerKind.Gift, "2", count: 3), Is.EqualTo(1));
        var shown = (await PullAsync(player, room)).Single(p => (string)p["id"]! == id);
        Assert.That((shown["kind"], shown["key"], Long(shown, "begin"), Long(shown, "end")),
            Is.EqualTo(("gift", "2", t.ToUnixTimeSeconds(), t.AddSeconds(60).ToUnixTimeSeconds())));

        _clock.Advance(TimeSpan.FromSeconds(30));
        await pendants.TriggerAsync(room, PendantTriggerKind.Gift, "2", count: 5);
        shown = (await PullAsync(player, room)).Single(p => (string)p["id"]! == id);
        Assert.That((Long(shown, "begin"), Long(shown, "end")), Is.EqualTo((t.ToUnixTimeSeconds(), t.AddSeconds(90).ToUnixTimeSeconds())),
            "extended, same start");
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.That(await IdsAsync(player, room), Does.Contain(id), "a second before the display ends");
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await IdsAsync(player, room), Does.Not.Contain(id), "the display time is over");

        _clock.Advance(TimeSpan.FromSeconds(80)); // t + 170: the window ends at t + 200
        await pendants.TriggerAsync(room, PendantTriggerKind.Gift, "2", count: 3);
        shown = (await PullAsync(player, room)).Single(p => (string)p["id"]! == id);
        Assert.That(Long(shown, "end"), Is.EqualTo(t.AddSeconds(200).ToUnixTimeSeconds()), "capped at the window's end");
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.That(await pendants.TriggerAsync(room, PendantTriggerKind.Gift, "2", count: 3), Is.EqualTo(0),
            "outside the window nothing fires");
        Assert.That(await IdsAsync(player, room), Does.Not.Contain(id));
    }
}
