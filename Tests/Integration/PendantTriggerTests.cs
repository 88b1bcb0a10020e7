using SocialGame.Modules.Pendant;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Room;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Integration.PendantTestKit;

namespace SocialGame.Tests.Integration;

/// <summary>
/// Room activity shows pendants: a gift sent, a red packet (through the public trigger and progress methods), on two
/// real nodes sharing one Redis; the pushes reach the members on both nodes who may see them; a close drops them.
/// </summary>
public class PendantTriggerTests : TwoNodeFixture
{
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Test]
    public async Task AGiftSentInTheRoomShowsItsPendantToTheMembersOnBothNodes()
    {
        string id = NewId("rose"), owner = TestServer.NewAccount("o"), from = TestServer.NewAccount("s"), to = TestServer.NewAccount("r");
        await CreateAsync(NodeA, Def(id, Now.AddMinutes(-1), Now.AddHours(1),
            new { kind = "gift", giftId = 1, minCount = 2, durationSeconds = 300 }));
        string room = await OpenRoomAsync(NodeA, owner);
        await using var sender = await MemberAsync(NodeA, from, room);
        await using var receiver = await MemberAsync(NodeB, to, room);
        await using var host = await MemberAsync(NodeB, owner, room);
        await TestServer.GmAsync(NodeA, $"//gm addmoney {from} gold 1000");

        var one = await sender.RequestAsync(RoomProtocol.SendGift,
            new SendGiftRequest { RoomId = room, To = to, GiftId = 1, Count = 1, ReqId = NewId("g") });
        Assert.That(one.Result, Is.EqualTo(0), one.ToJson());
        Assert.That(await IdsAsync(receiver, room), Does.Not.Contain(id), "one rose is below the pendant's minimum of two");

        var two = await sender.RequestAsync(RoomProtocol.SendGift,
            new SendGiftRequest { RoomId = room, To = to, GiftId = 1, Count = 2, ReqId = NewId("g") });
        Assert.That(two.Result, Is.EqualTo(0), two.ToJson());
        foreach (var member in new[] { sender, receiver, host })
        {
            var push = await member.WaitForAsync(f => IsShow(f, id));
            var pendant = push.GetMap("pendant");
            Assert.That((push.GetString("roomid"), pendant["kind"], pendant["key"], pendant["image"]),
                Is.EqualTo((room, "gift", "1", $"https://cdn.example.com/pendants/{id}.png")));
            Assert.That(Long(pendant, "end") - Long(pendant, "begin"), Is.EqualTo(300));
        }
        Assert.That(await IdsAsync(receiver, room), Does.Contain(id), "node B pulls it too");
        Assert.That(TestLogging.DataLogLines().Count(l => l.Contains("\"op\":\"pendant trigger\"") && l.Contains(id) && l.Contains(from)
            && l.Contains(room)), Is.EqualTo(1));
    }

    [Test]
    public async Task PushesOfARestrictedPendantReachOnlyTheMembersWhoMaySeeIt()
    {
        // Ids sorting before the shipped "red-packet" pendant: a trigger publishes in id order, so a member who did not
        // get ours before the shipped one's push never gets it.
        string vip = NewId("a-vip"), newer = NewId("a-ver");
        var forVip = Def(vip, Now.AddMinutes(-1), Now.AddHours(1), new { kind = "redPacket", durationSeconds = 120 });
        forVip["minVipLevel"] = 2;
        var forNewer = Def(newer, Now.AddMinutes(-1), Now.AddHours(1), new { kind = "redPacket", durationSeconds = 120 });
        forNewer["minVersion"] = "3.10";
        await CreateAsync(NodeB, forVip);
        await CreateAsync(NodeB, forNewer);
        Assert.That(await Eventually.TrueAsync(() => Service(NodeA).Store.Find(vip) is not null
            && Service(NodeA).Store.Find(newer) is not null), Is.True,
            "node A heard of the pendants made on node B");
        string rich = TestServer.NewAccount("v"), plain = TestServer.NewAccount("p"), owner = TestServer.NewAccount("o");
        string room = await OpenRoomAsync(NodeA, owner);
        await using var richOnA = await MemberAsync(NodeA, rich, room, "3.9.1");
        await using var plainOnB = await MemberAsync(NodeB, plain, room, "3.10.0");
        await TestServer.GmAsync(NodeA, $"//gm setprofile {rich} viplevel 2");

        Assert.That(await Service(NodeA).TriggerAsync(room, PendantTriggerKind.RedPacket, "rp1", new PendantProgress(0, 10)),
            Is.GreaterThanOrEqualTo(3));
        var richFrames = await FramesUntilAsync(richOnA, f => IsShow(f, "red-packet"));
        var plainFrames = await FramesUntilAsync(plainOnB, f => IsShow(f, "red-packet"));
        Assert.That((richFrames.Any(f => IsShow(f, vip)), richFrames.Any(f => IsShow(f, newer))), Is.EqualTo((true, false)),
            "VIP 2 on an old client");
        Assert.That((plainFrames.Any(f => IsShow(f, vip)), plainFrames.Any(f => IsShow(f, newer))), Is.EqualTo((false, true)),
            "VIP 0 on a new client");
        Assert.That(await IdsAsync(richOnA, room), Does.Contain(vip).And.Contain("red-packet").And.Not.Contain(newer));
        Assert.That(await IdsAsync(plainOnB, room), Does.Contain(newer).And.Contain("red-packet").And.Not.Contain(vip));
    }

    [Test]
    public async Task ProgressChangesArePushedOnlyForwardAndAnEndHidesThePendant()
    {
        string owner = TestServer.NewAccount("o"), guest = TestServer.NewAccount("g");
        string room = await OpenRoomAsync(NodeB, owner);
        await using var onA = await MemberAsync(NodeA, guest, room);
        await using var onB = await MemberAsync(NodeB, owner, room);
        var pendants = Service(NodeB);
        string packet = NewId("rp");

        Assert.That(await pendants.TriggerAsync(room, PendantTriggerKind.RedPacket, packet, new PendantProgress(0, 5), by: owner),
            Is.GreaterThanOrEqualTo(1));
        var shown = (await onA.WaitForAsync(f => IsShow(f, "red-packet"))).GetMap("pendant");
        Assert.That((shown["key"], Long(shown, "current"), Long(shown, "total")), Is.EqualTo((packet, 0L, 5L)));

        Assert.That(await Service(NodeA).UpdateProgressAsync(room, PendantTriggerKind.RedPacket, packet, 2, 5), Is.EqualTo(1));
        foreach (var member in new[] { onA, onB })
        {
            var progress = await member.WaitForAsync(f => IsProgress(f, "red-packet"));
            Assert.That((progress.GetString("roomid"), progress.GetString("key"), progress.GetLong("current"), progress.GetLong("total")),
                Is.EqualTo((room, packet, 2L, 5L)));
        }
        Assert.That(await pendants.UpdateProgressAsync(room, PendantTriggerKind.RedPacket, packet, 1, 5), Is.EqualTo(0),
            "a late update goes nowhere");
        Assert.That(await pendants.UpdateProgressAsync(room, PendantTriggerKind.RedPacket, packet, 6, 5), Is.EqualTo(0),
            "beyond the total: refused");
        Assert.That(await pendants.UpdateProgressAsync(room, PendantTriggerKind.RedPacket, "no-such-packet", 1, 5), Is.EqualTo(0));
        var pulled = (await PullAsync(onA, room)).Single(p => (string)p["id"]! == "red-packet" && (string)p["key"]! == packet);
        Assert.That((Long(pulled, "current"), Long(pulled, "total")), Is.EqualTo((2L, 5L)));

        Assert.That(await TestServer.GmAsync(NodeA, $"//gm pendant progress {room} redPacket {packet} 4 5"),
            Does.Contain("1 pendants moved"));
        Assert.That((await onB.WaitForAsync(f => IsProgress(f, "red-packet"))).GetLong("current"), Is.EqualTo(4));

        Assert.That(await pendants.EndAsync(room, PendantTriggerKind.RedPacket, packet, "finished"), Is.EqualTo(1));
        foreach (var member in new[] { onA, onB })
            Assert.That((await member.WaitForAsync(f => IsHide(f, "red-packet"))).GetString("reason"), Is.EqualTo("finished"));
        Assert.That((await PullAsync(onA, room)).Any(p => (string)p["key"]! == packet), Is.False);
        Assert.That(await pendants.EndAsync(room, PendantTriggerKind.RedPacket, packet, "finished"), Is.EqualTo(0), "already ended");
    }

    [Test]
    public async Task AClosedRoomDropsItsTriggeredPendants()
    {
        string owner = TestServer.NewAccount("o");
        string room = await OpenRoomAsync(NodeA, owner);
        await using (var member = await MemberAsync(NodeB, owner, room))
        {
            await TestServer.GmAsync(NodeB, $"//gm pendant trigger {room} redPacket rp-close 1 3");
            Assert.That((await PullAsync(member, room)).Any(p => (string)p["key"]! == "rp-close"), Is.True);
            Assert.That(await TestServer.GmAsync(NodeA, $"//gm pendant room {room}"), Does.Contain("red-packet redPacket rp-close"));
            await TestServer.GmAsync(NodeA, $"//gm live stop {room}");
            await member.WaitForAsync(RoomProtocol.Closed);
        }
        Assert.That(await NodeA.Services.Redis.Db.KeyExistsAsync($"sg:room:{{{room}}}:pendants"), Is.False);
        await Task.Delay(5); // the next live session needs a later start time
        await TestServer.GmAsync(NodeA, $"//gm live start {room} {owner}");
        await using var again = await MemberAsync(NodeA, owner, room);
        Assert.That((await PullAsync(again, room)).Any(p => (string)p["key"]! == "rp-close"), Is.False);
        Assert.That(TestLogging.DataLogLines().Any(l => l.Contains("\"op\":\"pendant room closed\"") && l.Contains(room)), Is.True);
    }

    [Test]
    public async Task BadActivityIsRefusedWithoutThrowing()
    {
        string room = await OpenRoomAsync(NodeA, TestServer.NewAccount());
        var pendants = Service(NodeA);
        Assert.That(await pendants.TriggerAsync(room, PendantTriggerKind.RedPacket, "has|bar"), Is.EqualTo(0));
        Assert.That(await pendants.TriggerAsync(room, PendantTriggerKind.RedPacket, ""), Is.EqualTo(0));
        Assert.That(await pendants.TriggerAsync(room, PendantTriggerKind.Operator, "x"), Is.EqualTo(0));
        Assert.That(await pendants.TriggerAsync("bad room", PendantTriggerKind.RedPacket, "x"), Is.EqualTo(0));
        Assert.That(await pendants.TriggerAsync(room, PendantTriggerKind.RedPacket, "x", new PendantProgress(3, 2)), Is.EqualTo(0));
        Assert.That(await pendants.UpdateProgressAsync(room, PendantTriggerKind.RedPacket, "x", -1, 2), Is.EqualTo(0));
        await TestServer.GmAsync(NodeA, $"//gm pendant trigger {room} operator x", Protocol.ResultCode.ParamError);
        await TestServer.GmAsync(NodeA, $"//gm pendant progress {room} redPacket x 3 2", Protocol.ResultCode.ParamError);
    }
}
