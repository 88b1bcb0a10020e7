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
        var limiter = new RateLimiter(new RateLimitPolicy(options), 0);
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
        var limiter = new RateLimiter(new RateLimitPolicy(options), 0);
        Assert.That(limiter.Check(1, 2, 0), Is.EqualTo(RateDecision.Allow));
        for (int i = 0; i < 3; i++) Assert.That(limiter.Check(1, 2, 0), Is.EqualTo(RateDecision.Reject));
        Assert.That(limiter.Check(1, 2, 0), Is.EqualTo(RateDecision.Close));
    }

    [Test]
    public void PerOpidMinimumIntervalAppliesToThatOpidOnly()
    {
        var options = new RateLimitOptions { RatePerSecond = 100, Burst = 100, MinIntervalMs = new() { ["6/4"] = 500 } };
        var limiter = new RateLimiter(new RateLimitPolicy(options), 0);
        Assert.That(limiter.Check(6, 4, 0), Is.EqualTo(RateDecision.Allow));
        Assert.That(limiter.Check(6, 4, Second / 10), Is.EqualTo(RateDecision.Reject));
        Assert.That(limiter.Check(6, 3, Second / 10), Is.EqualTo(RateDecision.Allow));
        Assert.That(limiter.Check(6, 4, Second / 2 + 1), Is.EqualTo(RateDecision.Allow));
    }

    [TestCase(0)]
    [TestCase(63)]
    [TestCase(64)]
    [TestCase(70)]
    [TestCase(-3)]
    public void AMinimumIntervalHoldsForAnyModuleNumber(int module)
    {
        // the policy looks an operation up only for a module known to have an interval: one of a bit set below 64, all others
        var options = new RateLimitOptions
        {
            RatePerSecond = 100, Burst = 100, MinIntervalMs = new() { [$"{module}/4"] = 500, ["6/4"] = 500 },
        };
        var limiter = new RateLimiter(new RateLimitPolicy(options), 0);
        Assert.That(limiter.Check(module, 4, 0), Is.EqualTo(RateDecision.Allow));
        Assert.That(limiter.Check(module, 4, Second / 10), Is.EqualTo(RateDecision.Reject));
        Assert.That(limiter.Check(module, 5, Second / 10), Is.EqualTo(RateDecision.Allow));
        Assert.That(limiter.Check(module + 1, 4, Second / 10), Is.EqualTo(RateDecision.Allow));
    }

    [Test]
    public void ALimiterIsQuietOnlyOnceItIsAsGoodAsNew()
    {
        // burst 40 at 0.5/s refills in 80 s: longer than the minute of the rejection window
        var options = new RateLimitOptions { RatePerSecond = 0.5, Burst = 40, MinIntervalMs = new() };
        var policy = new RateLimitPolicy(options);
        Assert.That(policy.QuietTicks, Is.EqualTo(80 * Second));
        var limiter = new RateLimiter(policy, 0);
        Assert.That(limiter.Check(1, 2, 10 * Second), Is.EqualTo(RateDecision.Allow));
        Assert.That(limiter.IsQuiet(89 * Second), Is.False);
        Assert.That(limiter.IsQuiet(90 * Second), Is.True);
        Assert.That(new RateLimitPolicy(new RateLimitOptions { RatePerSecond = 100, Burst = 10 }).QuietTicks, Is.EqualTo(60 * Second),
            "at least the rejection window");
    }

    [Test]
    public void AnAccountKeepsOneLimiterAndLoginsAreCountedPerAddressAndPerAccount()
    {
        var limits = new RateLimits(new RateLimitOptions { LoginsPerIpPerMinute = 2, LoginsPerAccountPerMinute = 1 });
        Assert.That(limits.ForAccount("a"), Is.SameAs(limits.ForAccount("a")));
        Assert.That(limits.ForAccount("a"), Is.Not.SameAs(limits.ForAccount("b")));
        var spent = limits.ForConnection();
        while (spent.Check(1, 2, 0) == RateDecision.Allow) { }
        Assert.That(limits.ForConnection().Check(1, 2, 0), Is.EqualTo(RateDecision.Allow),
            "a new connection does not share a spent connection's bucket");
        Assert.That(limits.ForAccount("c").Check(1, 2, 0), Is.EqualTo(RateDecision.Allow), "nor does an account");
        var ip = System.Net.IPAddress.Parse("10.0.0.1");
        Assert.That(new[] { limits.TryLogin(ip), limits.TryLogin(ip), limits.TryLogin(ip) }, Is.EqualTo(new[] { true, true, false }));
        Assert.That(limits.TryLogin(System.Net.IPAddress.Parse("10.0.0.2")), Is.True);
        Assert.That(new[] { limits.TryLogin("a"), limits.TryLogin("a"), limits.TryLogin("b") }, Is.EqualTo(new[] { true, false, true }));
        limits.ForAccount("c").Check(1, 2, System.Diagnostics.Stopwatch.GetTimestamp());
        Assert.That(limits.Sweep(), Is.Zero, "nothing is as good as new yet");
        Assert.That(limits.AccountCount, Is.EqualTo(3));
    }

    [Test]
    public void ManyThreadsSharingAnAccountsLimiterGetNoMoreThanItsBurst()
    {
        var limiter = new RateLimiter(new RateLimitPolicy(new RateLimitOptions { RatePerSecond = 0.001, Burst = 500,
            CloseAfterRejected = 1_000_000 }), 0);
        int allowed = 0;
        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 1000; i++)
                if (limiter.Check(1, 2, 1) == RateDecision.Allow) Interlocked.Increment(ref allowed);
        });
        Assert.That(allowed, Is.EqualTo(500));
    }
}
