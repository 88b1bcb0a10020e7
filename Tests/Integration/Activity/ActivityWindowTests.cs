using SocialGame.Modules.Activity;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Activity;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Integration.Activity.ActivityTestKit;

namespace SocialGame.Tests.Integration.Activity;

/// <summary>Activity windows with a fake clock: opening and closing, the started/ended pushes across two nodes, hand overrides.</summary>
public class ActivityWindowTests : RedisFixture
{
    [Test]
    public async Task AWindowOpensAndClosesAndEachNodesPlayersHearStartedAndEndedOnce()
    {
        var clock = Clock();
        string config = QuickConfig();
        await using var a = await StartAsync(Redis, "wa", clock, config);
        await using var b = await StartAsync(Redis, "wb", clock, config);
        string id = NewId(), fence = NewId("fence");
        var begin = clock.UtcNow.AddSeconds(10);
        await ReplaceAsync(a, Def(id, begin, begin.AddMinutes(20)), Def(fence, begin.AddDays(10), begin.AddDays(11)));
        await using var onA = await PlayerAsync(a, TestServer.NewAccount(), "3.4.0");
        await using var onB = await PlayerAsync(b, TestServer.NewAccount(), "3.4.0");
        Assert.That(await EntriesAsync(onA), Is.Empty, "before its window");

        clock.Advance(TimeSpan.FromSeconds(10));
        foreach (var player in new[] { onA, onB })
        {
            var started = await player.WaitForAsync(ActivityProtocol.Started, p => p.Activity.ActivityId == id);
            Assert.That((started.Activity.Kind, started.Activity.Begin, started.Activity.End),
                Is.EqualTo(("vipFestival", begin.ToUnixTimeSeconds(), begin.AddMinutes(20).ToUnixTimeSeconds())));
        }
        Assert.That(await EntriesAsync(onB), Is.EqualTo(new[] { id }), "open from its first second");

        clock.Advance(TimeSpan.FromMinutes(20) - TimeSpan.FromMilliseconds(1));
        Assert.That(await EntriesAsync(onA), Is.EqualTo(new[] { id }), "still open at the last millisecond");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        // A fence: the other activity opened by hand after the end, then closed. The first's end may be announced by the other
        // node's pass after the fence's start (two nodes' announcements interleave), so each player reads until it has both the
        // first's end and the fence's end; a second announcement of the first would come from an earlier pass than the fence's.
        Assert.That(await EntriesAsync(onA), Is.Empty, "closed at its end");
        await TestServer.GmAsync(a, $"//gm activity open {fence}");
        var frames = new[] { onA, onB }.ToDictionary(p => p, _ => new List<Client.Frame>());
        foreach (var player in new[] { onA, onB })
            frames[player].AddRange(await PendantTestKit.FramesUntilAsync(player, f => IsStarted(f, fence)));
        await TestServer.GmAsync(a, $"//gm activity close {fence}");
        foreach (var player in new[] { onA, onB })
        {
            var seen = frames[player];
            seen.AddRange(await PendantTestKit.FramesUntilAsync(player, f => IsEnded(f, fence)));
            if (!seen.Any(f => IsEnded(f, id))) seen.AddRange(await PendantTestKit.FramesUntilAsync(player, f => IsEnded(f, id)));
            Assert.That(seen.Count(f => IsEnded(f, id)), Is.EqualTo(1), "ended once");
            Assert.That(seen.Count(f => IsStarted(f, id)), Is.EqualTo(0), "started was not sent again");
        }
    }

    [Test]
    public async Task OnlyPlayersWhoMaySeeTheActivityHearItsPushes()
    {
        var clock = Clock();
        string config = QuickConfig();
        await using var a = await StartAsync(Redis, "fa", clock, config);
        await using var b = await StartAsync(Redis, "fb", clock, config);
        string vip = NewId("vip"), open = NewId("all");
        var def = Def(vip, clock.UtcNow.AddMinutes(1), clock.UtcNow.AddHours(1), minVip: 2);
        def["minVersion"] = "3.3.90";
        await ReplaceAsync(a, def, Def(open, clock.UtcNow.AddMinutes(2), clock.UtcNow.AddHours(1)));
        await using var seer = await PlayerAsync(b, TestServer.NewAccount(), "3.3.90", vip: 2);
        await using var lowVip = await PlayerAsync(a, TestServer.NewAccount(), "3.4", vip: 1);
        await using var oldClient = await PlayerAsync(b, TestServer.NewAccount(), "3.3.89", vip: 5);

        clock.Advance(TimeSpan.FromMinutes(1));
        await seer.WaitForAsync(ActivityProtocol.Started, p => p.Activity.ActivityId == vip);
        clock.Advance(TimeSpan.FromMinutes(1));
        foreach (var player in new[] { lowVip, oldClient })
        {
            var frames = await PendantTestKit.FramesUntilAsync(player, f => IsStarted(f, open));
            Assert.That(frames.Any(f => IsStarted(f, vip)), Is.False, "hidden from this player");
        }
    }

    [Test]
    public async Task GmOpensAndClosesByHandListsAndReloadsTheFile()
    {
        var clock = Clock();
        string config = QuickConfig();
        await using var host = await StartAsync(Redis, "gm1", clock, config);
        string id = NewId();
        await ReplaceAsync(host, Def(id, clock.UtcNow.AddMinutes(10), clock.UtcNow.AddMinutes(40)));
        await using var player = await PlayerAsync(host, TestServer.NewAccount(), "3.4.0");
        Assert.That(await TestServer.GmAsync(host, "//gm activity list"), Does.Contain($"{id} vipFestival closed"));

        await TestServer.GmAsync(host, $"//gm activity open {id}");
        await player.WaitForAsync(ActivityProtocol.Started, p => p.Activity.ActivityId == id);
        Assert.That(await EntriesAsync(player), Is.EqualTo(new[] { id }));
        Assert.That(await TestServer.GmAsync(host, "//gm activity list"),
            Does.Contain($"{id} vipFestival open").And.Contain("override open"));
        var detail = await player.RequestAsync(ActivityProtocol.Detail, new ActivityDetailRequest { ActivityId = id });
        Assert.That((detail.Result, detail.TimeLeft), Is.EqualTo((0, 0L)), "kept open by hand: no time left to count");

        clock.Advance(TimeSpan.FromMinutes(20));
        await TestServer.GmAsync(host, $"//gm activity close {id}");
        await player.WaitForAsync(ActivityProtocol.Ended, p => p.ActivityId == id);
        Assert.That(await EntriesAsync(player), Is.Empty, "closed by hand inside its window");
        await TestServer.GmAsync(host, $"//gm activity auto {id}");
        await player.WaitForAsync(ActivityProtocol.Started, p => p.Activity.ActivityId == id);
        Assert.That(await EntriesAsync(player), Is.EqualTo(new[] { id }), "back to its window, which is open");
        await TestServer.GmAsync(host, "//gm activity open nosuch", ResultCode.ActivityUnknown);

        // reload: a bad file is refused and the running activities stay; a good one replaces them.
        File.WriteAllText(Path.Combine(config, ActivityFile.FileName), """{ "activities": [ { "id": "x" } ] }""");
        Assert.That(await TestServer.GmAsync(host, "//gm activity reload", ResultCode.ParamError), Does.Contain("activities[0].kind"));
        Assert.That(await EntriesAsync(player), Is.EqualTo(new[] { id }));
        File.Copy(Path.Combine(TestServer.ConfigDir, ActivityFile.FileName), Path.Combine(config, ActivityFile.FileName), overwrite: true);
        Assert.That(await TestServer.GmAsync(host, "//gm activity reload"), Does.Contain("1 activities loaded"));
        await player.WaitForAsync(ActivityProtocol.Ended, p => p.ActivityId == id);
        Assert.That(await TestServer.GmAsync(host, "//gm activity list"), Does.Contain("vip-ice-snow-2026 vipFestival closed"));
    }
}
