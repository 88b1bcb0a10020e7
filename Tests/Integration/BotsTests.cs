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
        return (JsonNode.Parse(stats.Json(options, seconds))!, lines);
    }

    [Test]
    public async Task AnOpenLoopRunCountsOnlyTheMeasuredSecondsAfterTheWarmUp()
    {
        var (report, lines) = await RunAsync("--bots", "4", "--rate", "40", "--duration", "1.5", "--warmup", "1.5", "--scenario", "heartbeat", "--prefix", TestServer.NewAccount("hb"));
        Assert.That(lines, Has.Some.Contains("warm-up of 1.5s over"));
        Assert.That(report["seconds"]!.GetValue<double>(), Is.InRange(1.4, 2.5), "the warm-up is not part of the measured time");
        var heartbeat = report["operations"]!["heartbeat"]!;
        // 40/s for 1.5 s: about 60 requests measured, not the ~120 of warm-up and measurement together
        Assert.That(heartbeat["requests"]!.GetValue<long>(), Is.InRange(40, 90), report.ToJsonString());
        Assert.That(heartbeat["results"]!.AsObject().Select(r => r.Key), Is.EqualTo(new[] { "0" }), "every heartbeat answered success");
        Assert.That(report["connectionsLost"]!.GetValue<long>(), Is.Zero);
    }
}
