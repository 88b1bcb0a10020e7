using SocialGame.Modules.Pandora;
using SocialGame.Modules.Room;
using SocialGame.Modules.Room.Gifts;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Pandora;
using SocialGame.Protocol.Messages.Room;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Pandora;

/// <summary>The box following the live session: the close, gifts racing it, live events out of order, and progress pushes.</summary>
public class PandoraSessionTests : PandoraFixture
{
    [Test]
    public async Task TheCloseOpensTheLevelsReachedAndNotOpenedForTheMembersPresentThenAndTellsTheRoom()
    {
        var s = await SceneAsync(5);
        await GiveAsync(s, 5200);
        Assert.That((await s.OwnerClient.RequestAsync(PandoraProtocol.Open, new PandoraOpenRequest { RoomId = s.Room, Level = 1 })).Result,
            Is.EqualTo(0));
        var (left, leftClient) = s.Members[4];
        Assert.That((await leftClient.RequestAsync(RoomProtocol.Leave, new RoomRequest { RoomId = s.Room })).Result, Is.EqualTo(0));
        string box = await BoxAsync(s.Room);
        await GmAsync(NodeB, $"//gm live stop {s.Room}");
        foreach (var (acc, client) in s.Members.Take(4))
        {
            var opened = await client.WaitForAsync(PandoraProtocol.Opened, p => p.Level == 2);
            Assert.That((opened.By, opened.Total), Is.EqualTo(("close", 4)));
            var closed = await client.WaitForAsync(PandoraProtocol.Closed);
            Assert.That((closed.Energy, closed.Opened), Is.EqualTo((5200L, new List<int> { 1, 2 })));
            Assert.That(await GrantsAsync(acc), Is.EquivalentTo(new[] { $"pandora:{s.Room}:{box}:1:d", $"pandora:{s.Room}:{box}:2:d" }));
        }
        Assert.That(await GrantsAsync(left), Is.EqualTo(new[] { $"pandora:{s.Room}:{box}:1:d" }), "gone before the close: no draw of it");
        Assert.That(await GrantsAsync(s.Owner), Is.EquivalentTo(new[] { $"pandora:{s.Room}:{box}:1:o", $"pandora:{s.Room}:{box}:2:o" }));
        // the close again (a redelivered event): nothing opened or granted twice
        await Pandora(NodeA).CloseAsync(s.Room, s.Members.Select(m => m.Acc).ToList());
        await GmAsync(NodeA, $"//gm live stop {s.Room}");
        foreach (var (acc, _) in s.Members.Take(4)) Assert.That(await GrantsAsync(acc), Has.Count.EqualTo(2));
        var info = await leftClient.RequestAsync(PandoraProtocol.Info, new PandoraRoomRequest { RoomId = s.Room });
        Assert.That((info.Live, info.Energy, info.Openable.Count), Is.EqualTo((0, 5200L, 0)));
    }

    [Test]
    public async Task GiftsRacingTheCloseCountBeforeItOrNotAtAllAndTheCloseOpensExactlyWhatTheFinalEnergyReached()
    {
        var s = await SceneAsync(6, gold: 0);
        foreach (var (acc, _) in s.Members)
            await Player.Ledger.ApplyAsync(Modules.Player.LedgerOperation.Currency(acc, "test:" + Guid.NewGuid(), "test", "gold", 100_000));
        var gifts = Enumerable.Range(0, 60).Select(i => Task.Run(async () =>
        {
            var (_, client) = s.Members[i % 6];
            var reply = await client.RequestAsync(RoomProtocol.SendGift, new SendGiftRequest
            {
                RoomId = s.Room, To = s.Members[(i + 1) % 6].Acc, GiftId = 2, Count = 1, ReqId = "g" + i,
            });
            return reply.Result;
        })).ToList();
        await Task.Delay(20);
        await GmAsync(NodeB, $"//gm live stop {s.Room}");
        await Task.WhenAll(gifts);
        var info = await s.OwnerClient.RequestAsync(PandoraProtocol.Info, new PandoraRoomRequest { RoomId = s.Room });
        long paid = gifts.Count(g => g.Result == 0) * 100L;
        Assert.That(info.Live, Is.EqualTo(0));
        Assert.That(info.Energy, Is.LessThanOrEqualTo(paid), "no energy without a paid gift");
        var reached = Pandora(NodeA).Options.Levels.Where(l => l.Threshold <= info.Energy).Select(l => l.Level).ToList();
        Assert.That(info.Opened, Is.EqualTo(reached), "every level the final energy reached is opened, no other");
        // a gift the room heard after the close adds nothing
        await NodeA.Services.DomainEvents.PublishAsync(
            new GiftSent(s.Room, s.Members[0].Acc, s.Members[1].Acc, 2, 100, "late", 10_000, 0, 0));
        var after = await s.OwnerClient.RequestAsync(PandoraProtocol.Info, new PandoraRoomRequest { RoomId = s.Room });
        Assert.That(after.Energy, Is.EqualTo(info.Energy));
        foreach (var (acc, _) in s.Members)
        {
            var grants = await GrantsAsync(acc);
            Assert.That(grants, Is.Unique);
            Assert.That(grants, Has.Count.EqualTo(reached.Count), "one draw per level opened");
        }
    }

    [Test]
    public async Task LiveEventsInAnyOrderAndRepeatedOpenOneBoxPerSessionAndAStaleOrRepeatedEventChangesNothing()
    {
        var rooms = Rooms(NodeA);
        string room = "ev" + Guid.NewGuid().ToString("N")[..10], owner = TestServer.NewAccount("o");
        Task<LiveOutcome> Start(string session) =>
            rooms.ApplyAsync(room, LiveAction.Start, session, owner, 8, "", "live.start", $"live.start|{room}|{session}|{owner}");
        Task<LiveOutcome> Stop(string session) =>
            rooms.ApplyAsync(room, LiveAction.Stop, session, owner, 8, "", "live.stop", $"live.stop|{room}|{session}|{owner}");
        Task Gift(long gold) => NodeA.Services.DomainEvents.PublishAsync(
            new GiftSent(room, "x", "y", 2, 1, Guid.NewGuid().ToString("N"), gold, 0, 0));

        await Stop("100"); // a stop before its start
        Assert.That(await Start("100"), Is.EqualTo(LiveOutcome.Stale));
        Assert.That(await Pandora(NodeA).InfoAsync(room), Is.Null, "no box for a session that had stopped");
        Assert.That(await Start("200"), Is.EqualTo(LiveOutcome.Opened));
        string box = await BoxAsync(room);
        await Gift(700);
        Assert.That(await Start("200"), Is.EqualTo(LiveOutcome.Duplicate));
        Assert.That(await Start("150"), Is.EqualTo(LiveOutcome.Stale));
        await Pandora(NodeB).OnRoomOpenedAsync(new RoomOpened(room, owner, "repeat", "200")); // raised again: the same box
        await Stop("150");
        var info = await Pandora(NodeB).InfoAsync(room);
        Assert.That((info!.Live, info.Energy, await BoxAsync(room)), Is.EqualTo((1, 700L, box)));
        await Stop("200");
        await Stop("200");
        await Gift(700);
        Assert.That(await Start("200"), Is.AnyOf(LiveOutcome.Stale, LiveOutcome.Duplicate), "a start replayed after its stop");
        info = await Pandora(NodeB).InfoAsync(room);
        Assert.That((info!.Live, info.Energy), Is.EqualTo((0, 700L)));
        Assert.That(await Start("300"), Is.EqualTo(LiveOutcome.Opened));
        info = await Pandora(NodeB).InfoAsync(room);
        Assert.That((info!.Live, info.Energy, info.Opened.Count), Is.EqualTo((1, 0L, 0)), "a new session's box starts empty");
        Assert.That(await BoxAsync(room), Is.Not.EqualTo(box));
        await Stop("300");
    }

    [Test]
    public async Task ProgressIsPushedAtMostOnceASecondPerRoomAcrossNodesAndTheLastChangeArrives()
    {
        var s = await SceneAsync(4, gold: 0);
        foreach (var (acc, _) in s.Members)
            await Player.Ledger.ApplyAsync(Modules.Player.LedgerOperation.Currency(acc, "test:" + Guid.NewGuid(), "test", "gold", 100_000));
        var listener = s.Members[3].Client;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // 40 gifts from members on both nodes within about two seconds
        for (int round = 0; round < 8; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(i => GiveAsync(s, 100, from: i)));
            await Task.Delay(250);
        }
        double sending = watch.Elapsed.TotalSeconds;
        var pushes = new List<PandoraProgressPush>();
        while (true)
        {
            try
            {
                pushes.Add(await listener.WaitForAsync(PandoraProtocol.Progress, timeout: TimeSpan.FromSeconds(2.5)));
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        double window = watch.Elapsed.TotalSeconds - 2.5;
        var info = await listener.RequestAsync(PandoraProtocol.Info, new PandoraRoomRequest { RoomId = s.Room });
        Assert.That(info.Energy, Is.EqualTo(3200), "every gift counted");
        Assert.That(pushes, Is.Not.Empty);
        Assert.That(pushes[^1].Energy, Is.EqualTo(3200), "the last change is pushed");
        Assert.That(pushes.Count, Is.LessThanOrEqualTo((int)Math.Ceiling(window) + 1),
            $"at most one push a second: {pushes.Count} in {window:F1} s (sending took {sending:F1} s)");
        Assert.That(pushes.Select(p => p.Energy), Is.Ordered.Ascending);
    }

    [Test]
    public async Task AStartOrOwnerChangeWhoseBoxStepFailedIsCompletedWhenTheBusDeliversTheEventAgain()
    {
        string room = "rt" + Guid.NewGuid().ToString("N")[..10], box = PandoraKeys.Box(room).ToString();
        var rooms = Rooms(NodeA);
        Task<LiveOutcome> Start() => rooms.ApplyAsync(room, LiveAction.Start, "1001", "owner1", 8, "t", "start", $"start|{room}|1001");
        Task<LiveOutcome> Owner() => rooms.ApplyAsync(room, LiveAction.Owner, "", "owner2", 0, "", "owner set", $"owner|{room}|e7");
        // the box's step fails the first time (its key holds no hash): the handler fails, the event is not done
        await Db.StringSetAsync(box, "x");
        Assert.CatchAsync<AggregateException>(() => Start());
        await Db.KeyDeleteAsync(box);
        Assert.That(await Start(), Is.EqualTo(LiveOutcome.Duplicate), "the room has the session already");
        var f = await Db.HashGetAsync(box, ["box", "state", "owner"]);
        Assert.That((f[0].ToString(), f[1].ToString(), f[2].ToString()), Is.EqualTo((PandoraService.BoxId("1001"), "live", "owner1")),
            "the retried start opened the box");

        await Db.KeyRenameAsync(box, box + ":kept");
        await Db.StringSetAsync(box, "x");
        Assert.CatchAsync<AggregateException>(() => Owner());
        await Db.KeyDeleteAsync(box);
        await Db.KeyRenameAsync(box + ":kept", box);
        Assert.That(await Owner(), Is.EqualTo(LiveOutcome.Duplicate), "the room has the owner already");
        Assert.That((string?)await Db.HashGetAsync(box, "owner"), Is.EqualTo("owner2"), "the retried change reached the box");
        // done now: the events again change nothing, and the session's start replayed after its stop opens no box
        Assert.That((await Start(), await Owner()), Is.EqualTo((LiveOutcome.Duplicate, LiveOutcome.Duplicate)));
        Assert.That(await rooms.ApplyAsync(room, LiveAction.Stop, "1001", "owner2", 0, "", "stop", $"stop|{room}|1001"),
            Is.EqualTo(LiveOutcome.Closed));
        Assert.That(await rooms.ApplyAsync(room, LiveAction.Start, "1001", "owner2", 8, "t", "start", $"start|{room}|1001|again"),
            Is.EqualTo(LiveOutcome.Duplicate));
        Assert.That((string?)await Db.HashGetAsync(box, "state"), Is.EqualTo("closed"));
    }
}
