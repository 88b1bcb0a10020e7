using SocialGame.Core.Logging;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Unit;

public class LogThrottleTests
{
    private readonly FakeClock _clock = new(DateTimeOffset.UnixEpoch.AddDays(20_000));

    [Test]
    public void AKeyIsWrittenAFewTimesAWindowAndTheRestIsCountedIntoItsNextEntry()
    {
        var throttle = new LogThrottle(perWindow: 2, TimeSpan.FromMinutes(1), maxKeys: 100, _clock);
        Assert.That(throttle.Admit("a", out long s1) && s1 == 0, Is.True);
        Assert.That(throttle.Admit("a", out long s2) && s2 == 0, Is.True);
        for (int i = 0; i < 500; i++) Assert.That(throttle.Admit("a", out _), Is.False);
        Assert.That(throttle.Admit("b", out _), Is.True, "another key has its own allowance");
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.That(throttle.Admit("a", out _), Is.False, "still the same window");
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(throttle.Admit("a", out long carried), Is.True);
        Assert.That(carried, Is.EqualTo(501));
    }

    [Test]
    public void AWindowOverWithOnlyCountedOccurrencesIsSummarisedOnceAndForgotten()
    {
        var throttle = new LogThrottle(perWindow: 1, TimeSpan.FromMinutes(1), maxKeys: 100, _clock);
        throttle.Admit("a", out _);
        for (int i = 0; i < 7; i++) throttle.Admit("a", out _);
        throttle.Admit("quiet", out _);
        Assert.That(throttle.TakeSummaries(), Is.Empty, "the window is not over");
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(throttle.TakeSummaries(), Is.EqualTo(new[] { ("a", 7L) }));
        Assert.That(throttle.Count, Is.Zero, "both keys are forgotten");
        Assert.That(throttle.TakeSummaries(), Is.Empty);
        Assert.That(throttle.Admit("a", out long s) && s == 0, Is.True, "nothing is counted twice");
    }

    [Test]
    public void AtAStopEveryCountIsTaken()
    {
        var throttle = new LogThrottle(perWindow: 1, TimeSpan.FromMinutes(1), maxKeys: 100, _clock);
        for (int i = 0; i < 4; i++) throttle.Admit("a", out _);
        Assert.That(throttle.TakeSummaries(all: true), Is.EqualTo(new[] { ("a", 3L) }));
    }

    [Test]
    public void ManyKeysShareOneOverflowKeySoTheThrottleDoesNotGrow()
    {
        var throttle = new LogThrottle(perWindow: 1, TimeSpan.FromMinutes(1), maxKeys: 10, _clock);
        int written = 0;
        for (int i = 0; i < 10_000; i++)
            if (throttle.Admit("acc" + i, out _)) written++;
        Assert.That(throttle.Count, Is.EqualTo(11));
        Assert.That(written, Is.EqualTo(11), "ten keys and the overflow key once");
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(throttle.TakeSummaries(), Is.EqualTo(new[] { (LogThrottle.Overflow, 10_000L - 11) }));
    }

    [Test]
    public void ManyThreadsAtOnceLoseNoCount()
    {
        var throttle = new LogThrottle(perWindow: 3, TimeSpan.FromMinutes(1), maxKeys: 100, _clock);
        long written = 0;
        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 10_000; i++)
                if (throttle.Admit("a", out _)) Interlocked.Increment(ref written);
        });
        _clock.Advance(TimeSpan.FromMinutes(1));
        var summary = throttle.TakeSummaries().Single();
        Assert.That(written, Is.EqualTo(3));
        Assert.That(written + summary.Suppressed, Is.EqualTo(80_000));
    }
}
