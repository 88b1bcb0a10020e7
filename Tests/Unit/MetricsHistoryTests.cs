using SocialGame.Core.Metrics;

namespace SocialGame.Tests.Unit;

/// <summary>The dashboard's history: rates and the p99 over each interval, from the counters' differences.</summary>
public class MetricsHistoryTests
{
    [Test]
    public void RatesAndP99AreOverEachIntervalNotSinceTheStart()
    {
        var metrics = new ServerMetrics { ConnectionCount = () => 7 };
        var wallet = metrics.Series(10, 2);
        var history = new MetricsHistory(metrics, "n1");
        for (int i = 0; i < 100; i++) metrics.Request(wallet, 0, 0.3);
        history.Sample(1_000);
        Assert.That(history.Points(), Is.Empty, "the first sample is the base");

        for (int i = 0; i < 98; i++) metrics.Request(wallet, 0, 0.3);
        metrics.Request(wallet, 0, 40);
        metrics.Request(wallet, 0, 40);
        metrics.RedisError();
        history.Sample(6_000);
        history.Sample(6_000);
        for (int i = 0; i < 10; i++) metrics.Request(wallet, 0, 3);
        history.Sample(11_000);

        var points = history.Points();
        Assert.That(points.Select(p => p.At), Is.EqualTo(new long[] { 6_000, 11_000 }), "a sample not later than the last is ignored");
        Assert.That(points[0].RequestsPerSecond["player"], Is.EqualTo(20), "100 requests in 5 s");
        Assert.That(points[0].P99Ms, Is.EqualTo(50), "2 of 100 took 40 ms: the 99th is in the 50 ms bucket");
        Assert.That(points[0].RedisErrors, Is.EqualTo(1));
        Assert.That(points[0].Connections, Is.EqualTo(7));
        Assert.That((points[1].RequestsPerSecond["player"], points[1].P99Ms, points[1].RedisErrors), Is.EqualTo((2.0, 5.0, 0L)));
    }

    [Test]
    public void P99OfNothingIsZeroAndAboveEveryBoundIsTheHighestBound()
    {
        var slots = new long[ServerMetrics.LatencyBoundsMs.Count + 1];
        Assert.That(MetricsHistory.P99(slots), Is.Zero);
        slots[^1] = 1;
        Assert.That(MetricsHistory.P99(slots), Is.EqualTo(ServerMetrics.LatencyBoundsMs[^1]));
    }

    [Test]
    public void OnlyTheLastFifteenMinutesAreKept()
    {
        var history = new MetricsHistory(new ServerMetrics(), "n1");
        for (int i = 0; i <= MetricsHistory.Kept + 10; i++) history.Sample(i * 5_000L);
        var points = history.Points();
        Assert.That(points, Has.Count.EqualTo(MetricsHistory.Kept));
        Assert.That(points[^1].At - points[0].At, Is.EqualTo((MetricsHistory.Kept - 1) * 5_000L));
    }
}
