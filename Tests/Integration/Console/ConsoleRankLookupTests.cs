using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SocialGame.Core.Admin;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;
using SocialGame.Tests.Integration.Rank;

namespace SocialGame.Tests.Integration.Console;

/// <summary>The console's ranking settlements: a period before its end, while settling (a place granted, the next not yet), settled;
/// the live top of the current period beside it.</summary>
public class ConsoleRankLookupTests : RankFixture
{
    /// <summary>The end of Wednesday 2026-11-25 in Asia/Shanghai.</summary>
    private static readonly DateTimeOffset DayEnd = new(2026, 11, 26, 0, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A viewer's client whose token is good at the fake clock's time.</summary>
    private HttpClient Viewer(ServerHost host)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.AdminPort}") };
        string token = host.Services.Operators.Tokens.Mint(TestServer.OperatorName(OperatorRole.Viewer),
            Clock.UtcNow.ToUnixTimeSeconds() + 600)!;
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static IEnumerable<(string?, long)> Top(JsonElement r) => r.GetProperty("current").GetProperty("top").EnumerateArray()
        .Select(e => (e.GetProperty("acc").GetString(), e.GetProperty("score").GetInt64()));

    private static IEnumerable<(int, string?, long, bool)> Final(JsonElement r) => r.GetProperty("final").EnumerateArray()
        .Select(e => (e.GetProperty("rank").GetInt32(), e.GetProperty("acc").GetString(), e.GetProperty("score").GetInt64(),
            e.GetProperty("granted").GetBoolean()));

    [Test]
    public async Task APeriodIsShownNotEndedThenSettlingWithEachPlacesGrantThenSettled()
    {
        await using var scene = await SceneAsync(NodeA, recipients: 3);
        for (int r = 1; r <= 3; r++) await GiveAsync(scene, r, gift: 2, count: 4 - r);
        var (first, second, third) = (scene.Accounts[1], scene.Accounts[2], scene.Accounts[3]);

        using (var viewer = Viewer(NodeA))
        {
            var open = await viewer.GetFromJsonAsync<JsonElement>("/admin/rank/charm_day?period=20261125");
            Assert.That((open.GetProperty("period").GetString(), open.GetProperty("settlement").GetString()),
                Is.EqualTo(("20261125", "not_ended")));
            Assert.That(open.GetProperty("final").GetArrayLength(), Is.Zero);
            Assert.That(open.GetProperty("current").GetProperty("period").GetString(), Is.EqualTo("20261125"));
            Assert.That(Top(open), Is.EqualTo(new[] { (first, 300L), (second, 200L), (third, 100L) }), "the live top, best first");
            var current = await viewer.GetFromJsonAsync<JsonElement>("/admin/rank/charm_day");
            Assert.That(current.GetProperty("period").GetString(), Is.EqualTo("20261125"), "no period: the current one");
        }

        // after the day, node A's settlement dies after granting place 1 and before recording it
        MoveTo(DayEnd.AddSeconds(1));
        var board = Ranks(NodeA).Options.Find("charm_day")!;
        Ranks(NodeA).AfterPlace = place => place == 1 ? throw new InvalidOperationException("node A died") : Task.CompletedTask;
        Assert.ThrowsAsync<InvalidOperationException>(() => Ranks(NodeA).SettleAsync(board, "20261125", DayEnd));
        Ranks(NodeA).AfterPlace = null;
        using (var viewer = Viewer(NodeB))
        {
            var settling = await viewer.GetFromJsonAsync<JsonElement>("/admin/rank/charm_day?period=20261125");
            Assert.That(settling.GetProperty("settlement").GetString(), Is.EqualTo("settling"));
            Assert.That(Final(settling), Is.EqualTo(new[] { (1, first, 300L, true), (2, second, 200L, false), (3, third, 100L, false) }));
            var reward = settling.GetProperty("final")[0].GetProperty("rewards").EnumerateArray()
                .Select(x => (x.GetProperty("kind").GetString(), x.GetProperty("id").GetString(), x.GetProperty("amount").GetInt64()));
            Assert.That(reward, Does.Contain(("currency", "gold", 1000L)), "place 1 of charm_day: 1000 gold and the frame");
            Assert.That(settling.GetProperty("current").GetProperty("period").GetString(), Is.EqualTo("20261126"));
            Assert.That(settling.GetProperty("current").GetProperty("top").GetArrayLength(), Is.Zero, "the new day starts empty");
        }

        // the dead node's claim lapses; node B finishes the settlement
        MoveTo(DayEnd.AddSeconds(2 + Ranks(NodeB).Options.ClaimSeconds));
        Assert.That(await GmAsync(NodeB, "//gm rank settle charm_day 20261125"), Does.EndWith(": settled"));
        using (var viewer = Viewer(NodeB))
        {
            var settled = await viewer.GetFromJsonAsync<JsonElement>("/admin/rank/charm_day?period=20261125");
            Assert.That(settled.GetProperty("settlement").GetString(), Is.EqualTo("settled"));
            Assert.That(settled.GetProperty("settledat").GetInt64(), Is.EqualTo(Clock.UtcNow.ToUnixTimeSeconds()));
            Assert.That(Final(settled), Is.EqualTo(new[] { (1, first, 300L, true), (2, second, 200L, true), (3, third, 100L, true) }));
        }
    }

    [Test]
    public async Task AnUnknownBoardOrAPeriodThatIsNoneOfItsAnswers400Or404()
    {
        using var viewer = Viewer(NodeA);
        await ConsoleGameLookupTests.ErrorAsync(viewer, "/admin/rank/no_such_board", HttpStatusCode.NotFound);
        await ConsoleGameLookupTests.ErrorAsync(viewer, "/admin/rank/Charm%20Day", HttpStatusCode.BadRequest);
        await ConsoleGameLookupTests.ErrorAsync(viewer, "/admin/rank/charm_day?period=2026-11-25", HttpStatusCode.BadRequest);
        await ConsoleGameLookupTests.ErrorAsync(viewer, "/admin/rank/charm_day?period=20261199", HttpStatusCode.BadRequest);
        await ConsoleGameLookupTests.ErrorAsync(viewer, "/admin/rank/charm_day?period=20261127", HttpStatusCode.BadRequest);
        // a week is named by its Monday
        await ConsoleGameLookupTests.ErrorAsync(viewer, "/admin/rank/charm_week?period=20261125", HttpStatusCode.BadRequest);
        Assert.That((await viewer.GetAsync("/admin/rank/charm_week?period=20261123")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
