using System.Diagnostics;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Options;

namespace SocialGame.Tests.Unit;

public class RateLimiterTests
{
    private static readonly long Second = Stopwatch.Frequency;

    [Test]
    public void BurstThenRefillAtTheRate()
    {
        var options = new RateLimitOptions { RatePerSecond = 10, Burst = 5, CloseAfterRejected = 100 };
        var limiter = new RateLimiter(options, RateLimiter.IntervalTicks(options), 0);
        for (int i = 0; i < 5; i++) Assert.That(limiter.Check(1, 2, 0), Is.EqualTo(RateDecision.Allow));
        Assert.That(limiter.Check(1, 2, 0), Is.EqualTo(RateDecision.Reject));
        Assert.That(limiter.Check(1, 2, Second / 10), Is.EqualTo(RateDecision.Allow), "one token back after 100 ms");
        Assert.That(limiter.Check(1, 2, Second / 10), Is.EqualTo(RateDecision.Reject));
        Assert.That(limiter.Check(1, 2, 10 * Second), Is.EqualTo(RateDecision.Allow));
    }

    [Test]
    public void FarOverTheLimitAsksToClose()
    {
        var options = new RateLimitOptions { RatePerSecond = 1, Burst = 1, CloseAfterRejected = 3 };
        var limiter = new RateLimiter(options, RateLimiter.IntervalTicks(options), 0);
        Assert.That(limiter.Check(1, 2, 0), Is.EqualTo(RateDecision.Allow));
        for (int i = 0; i < 3; i++) Assert.That(limiter.Check(1, 2, 0), Is.EqualTo(RateDecision.Reject));
        Assert.That(limiter.Check(1, 2, 0), Is.EqualTo(RateDecision.Close));
    }

    [Test]
    public void PerOpidMinimumIntervalAppliesToThatOpidOnly()
    {
        var options = new RateLimitOptions { RatePerSecond = 100, Burst = 100, MinIntervalMs = { ["6/4"] = 500 } };
        var limiter = new RateLimiter(options, RateLimiter.IntervalTicks(options), 0);
        Assert.That(limiter.Check(6, 4, 0), Is.EqualTo(RateDecision.Allow));
        Assert.That(limiter.Check(6, 4, Second / 10), Is.EqualTo(RateDecision.Reject));
        Assert.That(limiter.Check(6, 3, Second / 10), Is.EqualTo(RateDecision.Allow));
        Assert.That(limiter.Check(6, 4, Second / 2 + 1), Is.EqualTo(RateDecision.Allow));
    }
}
