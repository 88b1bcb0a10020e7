using System.Text.Json.Nodes;
using SocialGame.Core.Auth;
using SocialGame.Tests.Infrastructure;
using SocialGame.Tools.Bots;

namespace SocialGame.Tests.Integration;

/// <summary>The load-test bots against a real node: what they report is what the server answered.</summary>
public class BotsTests : ServerFixture
{
    private async Task<(JsonNode Report, List<string> Lines)> RunAsync(params string[] args)
    {
        var options = BotOptions.Parse(args);
        var fleet = new BotFleet(options, new TokenService(TestServer.Secret, 30 * 86400), "127.0.0.1", Host.Port);
        var lines = new List<string>();
        var (stats, seconds) = await fleet.RunAsync(BotsTool.Create(options), l => { lock (lines) lines.Add(l); }, CancellationToken.None);
        lines.AddRange(stats.Table(seconds).Split(Environment.NewLine));
        // a collection between the table and the JSON must not make them disagree: both cover the measured time
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        return (JsonNode.Parse(stats.Json(options, seconds))!, lines);
    }

    [Test]
    public async Task AnOpenLoopRunCountsOnlyTheMeasuredSecondsAfterTheWarmUp()
    {
        var (report, lines) = await RunAsync("--bots", "4", "--rate", "40", "--duration", "1.5", "--warmup", "1.5", "--scenario",
            "heartbeat", "--prefix", TestServer.NewAccount("hb"));
        Assert.That(lines, Has.Some.Contains("warm-up of 1.5s over"));
        Assert.That(report["seconds"]!.GetValue<double>(), Is.InRange(1.4, 2.5), "the warm-up is not part of the measured time");
        var heartbeat = report["operations"]!["heartbeat"]!;
        // 40/s for 1.5 s: about 60 requests measured, not the ~120 of warm-up and measurement together
        Assert.That(heartbeat["requests"]!.GetValue<long>(), Is.InRange(40, 90), report.ToJsonString());
        Assert.That(heartbeat["results"]!.AsObject().Select(r => r.Key), Is.EqualTo(new[] { "0" }), "every heartbeat answered success");
        Assert.That(report["connectionsLost"]!.GetValue<long>(), Is.Zero);
        Assert.That(report["sendLag"]?["p50Ms"]?.GetValue<double>(), Is.Not.Null.And.GreaterThanOrEqualTo(0),
            "the open loop reports its own lateness");
        Assert.That(report["botsGc"]?["pauseMs"]?.GetValue<double>(), Is.Not.Null.And.GreaterThanOrEqualTo(0),
            "the bots report their own collections' pauses");
        var gc = report["botsGc"]!;
        Assert.That(lines, Has.One.StartsWith("the bots' own garbage collections").And.Contains(
            $"{gc["gen0"]} gen0, {gc["gen1"]} gen1, {gc["gen2"]} gen2"), "the table and the JSON give the same collections");
        var rates = lines.Where(l => l.StartsWith('['))
            .Select(l => double.Parse(l.Split(']')[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(rates, Is.Not.Empty.And.All.GreaterThanOrEqualTo(0),
            "progress lines across the end of the warm-up: " + string.Join(" | ", lines));
        // the measured 1.5 s end between two whole-second ticks: a last, partial line covers the rest of the run,
        // so its time (printed to a tenth of a second) is at least the measured time of the report
        string last = lines.Last(l => l.StartsWith('['));
        double lastAt = double.Parse(last[1..last.IndexOf('s')], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(lastAt, Is.GreaterThanOrEqualTo(report["seconds"]!.GetValue<double>() - 0.05),
            "the last progress line reaches the end of the run: " + string.Join(" | ", lines));
    }

    [Test]
    public async Task TheOpenLoopKeepsItsRateOverManyBots()
    {
        var (report, _) = await RunAsync("--bots", "20", "--rate", "400", "--duration", "2", "--scenario", "heartbeat", "--prefix",
            TestServer.NewAccount("ol"));
        var heartbeat = report["operations"]!["heartbeat"]!;
        // 400/s for 2 s over 20 bots (20/s each, first sends spread over the first interval): about 800 requests
        Assert.That(heartbeat["requests"]!.GetValue<long>(), Is.InRange(600, 900), report.ToJsonString());
        Assert.That(heartbeat["results"]!.AsObject().Select(r => r.Key), Is.EqualTo(new[] { "0" }));
        Assert.That(report["sendLag"]?["p99Ms"], Is.Not.Null, "the open loop reports its own lateness");
    }
}

/// <summary>Bots against a node with a tight per-connection rate limit: they say their numbers measure the limit.</summary>
public class ThrottledBotsTests : ServerFixture
{
    protected override void Configure(Core.Options.ServerOptions options)
    {
        options.RateLimit.RatePerSecond = 2;
        options.RateLimit.Burst = 2;
    }

    [Test]
    public async Task MostlyClickTooFastIsCalledOutWithTheLoadTestConfiguration()
    {
        var options = BotOptions.Parse(["--bots", "2", "--duration", "1", "--ramp", "0", "--scenario", "heartbeat", "--prefix",
            TestServer.NewAccount("tb")]);
        var fleet = new BotFleet(options, new TokenService(TestServer.Secret, 30 * 86400), "127.0.0.1", Host.Port);
        var (stats, seconds) = await fleet.RunAsync(BotsTool.Create(options), _ => { }, CancellationToken.None);
        string table = stats.Table(seconds);
        Assert.That(table, Does.Contain("WARNING").And.Contain("click_too_fast").And.Contain("benchconfig --out .data/bench/config"),
            table);
    }
}
