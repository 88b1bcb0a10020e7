using SocialGame.Core.Events;
using SocialGame.Modules.Room;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Room;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Room;

/// <summary>Live rooms on two nodes sharing one Redis.</summary>
[TestFixtureSource(typeof(RedisKinds), nameof(RedisKinds.Both))]
public class RoomTests(RedisKind kind) : TwoNodeFixture(kind)
{
    private static RoomService Rooms(ServerHost host) => host.Modules.OfType<RoomModule>().Single().Rooms;

    private static string NewRoom() => "room" + Guid.NewGuid().ToString("N")[..8];

    private static LiveBaseEvent Live(string room, string evt, string start, long owner = 10001) =>
        new() { Namespace = "socialgame", Event = evt, LiveId = room, StartTime = start, Owner = owner, Uid = owner, SlotNum = 8,
            Title = "t" };

    private static Task<RoomResponse> JoinAsync(Client.GameClient client, string room, string business = "chat") =>
        client.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room, Business = business });

    [Test]
    public async Task LiveEventsOpenAndCloseRoomsIgnoringRetriesAndOlderSessions()
    {
        string room = NewRoom();
        var rooms = Rooms(NodeA);
        var events = new List<string>();
        NodeA.Services.DomainEvents.Subscribe<RoomOpened>("test " + room, (e, _) => Record(e.RoomId, "opened"));
        NodeA.Services.DomainEvents.Subscribe<RoomClosed>("test " + room, (e, _) => Record(e.RoomId, "closed"));
        var ctx = new EventContext(LiveEvents.Base.Name, "t");
        await rooms.OnLiveEventAsync(Live(room, LiveEvents.Start, "1000"), ctx, default);
        await rooms.OnLiveEventAsync(Live(room, LiveEvents.Start, "1000"), ctx, default);
        Assert.That((await rooms.InfoAsync(room))!.Live, Is.EqualTo(1));
        await rooms.OnLiveEventAsync(Live(room, LiveEvents.Start, "2000", owner: 10002), ctx, default);
        await rooms.OnLiveEventAsync(Live(room, LiveEvents.Stop, "1000"), ctx, default);
        Assert.That((await rooms.InfoAsync(room))!.Live, Is.EqualTo(1), "a late stop of the older session is ignored");
        Assert.That((await rooms.InfoAsync(room))!.Owner, Is.EqualTo("10002"));
        await rooms.OnLiveEventAsync(Live(room, LiveEvents.Expired, "2000"), ctx, default);
        Assert.That((await rooms.InfoAsync(room))!.Live, Is.EqualTo(0));
        await rooms.OnLiveEventAsync(Live(room, LiveEvents.Expired, "2000"), ctx, default);
        Assert.That(events, Is.EqualTo(new[] { "opened", "opened", "closed" }));

        Task Record(string roomId, string what)
        {
            if (roomId == room) lock (events) events.Add(what);
            return Task.CompletedTask;
        }
    }

    [Test]
    public async Task HandingTheRoomBackAndForthEndsWithTheLastOwner()
    {
        string room = NewRoom();
        var rooms = Rooms(NodeA);
        await rooms.OnLiveEventAsync(Live(room, LiveEvents.Start, "1000", owner: 1), new EventContext(LiveEvents.Base.Name, room + "/0"),
            default);
        long[] owners = [2, 1, 2];
        for (int i = 0; i < owners.Length; i++)
            await rooms.OnOwnerSetAsync(new LiveOwnerSetEvent { LiveId = room, Uid = 1, Owner = owners[i] },
                new EventContext(LiveEvents.OwnerSet.Name, $"{room}/{i}"), default);
        Assert.That((await rooms.InfoAsync(room))!.Owner, Is.EqualTo("2"),
            "the third handover repeats the first one's content but is a new event");
        await rooms.OnOwnerSetAsync(new LiveOwnerSetEvent { LiveId = room, Uid = 1, Owner = 1 },
            new EventContext(LiveEvents.OwnerSet.Name, $"{room}/1"), default);
        Assert.That((await rooms.InfoAsync(room))!.Owner, Is.EqualTo("2"), "a redelivery of an earlier message changes nothing");
    }

    [Test]
    public async Task AStopArrivingBeforeItsStartKeepsTheRoomClosed()
    {
        string room = NewRoom();
        var rooms = Rooms(NodeA);
        var ctx = new EventContext(LiveEvents.Base.Name, "t");
        await rooms.OnLiveEventAsync(Live(room, LiveEvents.Start, "1000"), ctx, default);
        await rooms.OnLiveEventAsync(Live(room, LiveEvents.Stop, "2000"), ctx, default);
        await rooms.OnLiveEventAsync(Live(room, LiveEvents.Start, "2000"), ctx, default);
        Assert.That((await rooms.InfoAsync(room))!.Live, Is.EqualTo(0), "session 2000 was stopped already");
        await rooms.OnLiveEventAsync(Live(room, LiveEvents.Start, "3000"), ctx, default);
        Assert.That((await rooms.InfoAsync(room))!.Live, Is.EqualTo(1), "a newer session opens it");
    }

    [Test]
    public async Task OwnerChangesApplyToALiveRoomOnlyAndTellTheMembers()
    {
        string room = NewRoom(), acc = TestServer.NewAccount();
        await TestServer.GmAsync(NodeA, $"//gm live owner {room} someone");
        Assert.That(await Rooms(NodeA).InfoAsync(room), Is.Null, "no handover for a room that is not live");
        await TestServer.GmAsync(NodeA, $"//gm live start {room} owner1");
        await using var member = await TestServer.LoginAsync(NodeB, acc);
        Assert.That((await JoinAsync(member, room)).Result, Is.EqualTo(0));
        await Rooms(NodeA).OnOwnerSetAsync(new LiveOwnerSetEvent { LiveId = room, RoomId = room, Uid = 1, Owner = 10042 },
            new EventContext(LiveEvents.OwnerSet.Name, "x"), default);
        var push = await member.WaitForAsync(RoomProtocol.OwnerChanged);
        Assert.That(push.Owner, Is.EqualTo("10042"));
        Assert.That((await Rooms(NodeB).InfoAsync(room))!.Owner, Is.EqualTo("10042"));
    }

    [Test]
    public async Task APlayerIsInOneRoomPerBusinessAndMembershipIsVisibleOnEveryNode()
    {
        string r1 = NewRoom(), r2 = NewRoom(), r3 = NewRoom(), acc = TestServer.NewAccount();
        foreach (var r in new[] { r1, r2, r3 }) await TestServer.GmAsync(NodeA, $"//gm live start {r} owner");
        await using var player = await TestServer.LoginAsync(NodeA, acc);
        Assert.That((await JoinAsync(player, r1)).Room!.Members, Is.EqualTo(1));
        Assert.That((await JoinAsync(player, r2)).Result, Is.EqualTo(0));
        Assert.That((await JoinAsync(player, r3, "game")).Result, Is.EqualTo(0));
        Assert.That(await Rooms(NodeB).IsMemberAsync(r1, acc), Is.False, "joining r2 left r1 (same business)");
        Assert.That(await Rooms(NodeB).IsMemberAsync(r2, acc), Is.True);
        Assert.That(await Rooms(NodeB).IsMemberAsync(r3, acc), Is.True, "a game room is another business");
        Assert.That((await player.RequestAsync(RoomProtocol.Leave, new RoomRequest { RoomId = r2 })).Result, Is.EqualTo(0));
        Assert.That((await player.RequestAsync(RoomProtocol.Leave, new RoomRequest { RoomId = r2 })).Result,
            Is.EqualTo((int)ResultCode.NotInRoom));
        Assert.That((await JoinAsync(player, NewRoom())).Result, Is.EqualTo((int)ResultCode.RoomNotLive));
        Assert.That((await JoinAsync(player, r1, "disco")).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await JoinAsync(player, "bad room")).Result, Is.EqualTo((int)ResultCode.ParamError));
        // Room ids become Redis keys and channel names: what means something there (or hides in a log) is refused.
        foreach (string bad in new[] { "r:members", "r*", "r?", "r[1]", "r\\x", "r\"x", "r|x", "r\u202ex", "r\u200bx", "r\nx" })
        {
            var answer = await player.RequestRawAsync(RoomProtocol.Join, new { roomid = bad, business = "chat" });
            Assert.That((answer.Result, answer.GetString("field")), Is.EqualTo(((int)ResultCode.ParamError, "roomid")), bad);
        }
    }

    [Test]
    public async Task ABroadcastReachesMembersOnBothNodesAndACloseTellsThemAndEmptiesTheRoom()
    {
        string room = NewRoom();
        await TestServer.GmAsync(NodeA, $"//gm live start {room} owner");
        await using var onA = await TestServer.LoginAsync(NodeA, TestServer.NewAccount());
        await using var onB = await TestServer.LoginAsync(NodeB, TestServer.NewAccount());
        await using var outside = await TestServer.LoginAsync(NodeB, TestServer.NewAccount());
        Assert.That((await JoinAsync(onA, room)).Result, Is.EqualTo(0));
        Assert.That((await JoinAsync(onB, room)).Result, Is.EqualTo(0));
        await TestServer.GmAsync(NodeB, $"//gm live stop {room}");
        foreach (var member in new[] { onA, onB })
            Assert.That((await member.WaitForAsync(RoomProtocol.Closed)).RoomId, Is.EqualTo(room));
        Assert.That((await Rooms(NodeA).InfoAsync(room))!.Members, Is.EqualTo(0));
        Assert.That(NodeA.Services.Router.LocalMembers(room) + NodeB.Services.Router.LocalMembers(room), Is.EqualTo(0));
        // A fence: the members heard the close, so its delivery pass on each node is over; anything it had written
        // to the outsider's connection would come before the answer to a request sent now.
        Assert.That((await outside.RequestAsync(PlayerProtocol.GetWallet)).Result, Is.EqualTo(0));
        Assert.That(outside.Unsolicited.TryRead(out _), Is.False, "a player outside the room hears nothing");
    }

    [Test]
    public async Task DisconnectingLeavesTheRoom()
    {
        string room = NewRoom(), acc = TestServer.NewAccount();
        await TestServer.GmAsync(NodeA, $"//gm live start {room} owner");
        var player = await TestServer.LoginAsync(NodeB, acc);
        await JoinAsync(player, room);
        await player.DisposeAsync();
        Assert.That(await Eventually.TrueAsync(async () => !await Rooms(NodeA).IsMemberAsync(room, acc)), Is.True);
    }

    [Test]
    public async Task LoggingInAgainOnTheOtherNodeKeepsTheRoomsTheNewConnectionJoined()
    {
        // The old connection closes (kicked) while the new one may already have joined: its close must not
        // take the player out of the room. Raced many times, each time with the join sent at once.
        string room = NewRoom();
        await TestServer.GmAsync(NodeA, $"//gm live start {room} owner");
        var lost = new List<int>();
        for (int i = 0; i < 25; i++)
        {
            string acc = TestServer.NewAccount();
            var old = await TestServer.LoginAsync(i % 2 == 0 ? NodeA : NodeB, acc);
            Assert.That((await JoinAsync(old, room)).Result, Is.EqualTo(0));
            await using var again = await TestServer.LoginAsync(i % 2 == 0 ? NodeB : NodeA, acc);
            Assert.That((await JoinAsync(again, room)).Result, Is.EqualTo(0));
            await old.Closed.WaitAsync(TimeSpan.FromSeconds(5));
            await old.DisposeAsync();
            var oldNode = i % 2 == 0 ? NodeA : NodeB;
            await Eventually.ThatAsync(() => !oldNode.Services.Sessions.Registry.Snapshot().Any(s => s.Account == acc),
                $"the old connection of {acc} to be closed on its node");
            await oldNode.BackgroundIdleAsync();
            if (!await Rooms(NodeA).IsMemberAsync(room, acc)) lost.Add(i);
        }
        Assert.That(lost, Is.Empty, "logins after which the player was no longer in the room");
    }
}
