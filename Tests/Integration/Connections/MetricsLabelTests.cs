using SocialGame.Client;
using SocialGame.Core.Options;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Connections;

/// <summary>No metrics label value comes from what a client sends: made-up operations share one series.</summary>
public class MetricsLabelTests : ServerFixture
{
    protected override void Configure(ServerOptions options)
    {
        options.MaxQueuedPerSession = 10_000;
        options.RateLimit.RatePerSecond = 1_000_000;
        options.RateLimit.Burst = 1_000_000;
    }

    private List<string> RequestSeries() =>
        Host.Services.Metrics.RenderPrometheus().Split('\n')
            .Where(l => l.StartsWith("socialgame_requests_total{", StringComparison.Ordinal)).ToList();

    [Test]
    public async Task ManyMadeUpOperationsFromAnAnonymousClientMakeOneSeries()
    {
        await using var client = await TestServer.ConnectAsync(Host);
        Assert.That((await client.RequestAsync(SystemProtocol.Heartbeat)).Result, Is.Zero);
        int before = RequestSeries().Count;
        // 2,000 operations nobody defined: modules 200-219 x opids 0-99, and system opids 100-199.
        var made = Enumerable.Range(0, 2000).Select(i => i < 1900 ? (200 + i / 100, i % 100) : (1, i - 1800)).ToList();
        await client.SendRawAsync(made.SelectMany((op, i) => ClientCodec.EncodeFrame(op.Item1, op.Item2, null, i + 1)).ToArray());
        for (int i = 0; i < made.Count; i++)
            Assert.That((await client.WaitForAsync(f => f.Seq is not null)).Result, Is.EqualTo((int)ResultCode.UnknownOp));
        var series = RequestSeries();
        Assert.That(series.Count - before, Is.LessThanOrEqualTo(1), "at most the one series of unknown operations is new");
        Assert.That(series, Has.One.EqualTo($"socialgame_requests_total{{module=\"unknown\",opid=\"unknown\"," +
            $"result=\"{(int)ResultCode.UnknownOp}\"}} 2000"));
        Assert.That(series, Has.None.Contains("module=\"200\""));
        Assert.That(series, Has.None.Contains("opid=\"150\""));
    }
}
