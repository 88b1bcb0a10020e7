using SocialGame.Core.Jobs;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Unit;

/// <summary>
/// The modules' periodic jobs: none runs before the node starts them, all run once started, and stopping a module's jobs stops
/// those and no other.
/// </summary>
public class JobTableTests
{
    [Test]
    public async Task JobsRunOnlyOnceStartedAndAModulesStopStopsOnlyItsOwn()
    {
        var jobs = new JobTable();
        int one = 0, two = 0;
        var period = TimeSpan.FromMilliseconds(20);
        jobs.Add("one", "one's job", period, _ =>
        {
            Interlocked.Increment(ref one);
            return Task.CompletedTask;
        });
        jobs.Add("two", "two's job", period, _ =>
        {
            Interlocked.Increment(ref two);
            return Task.CompletedTask;
        });
        await Task.Delay(100);
        Assert.That((one, two), Is.EqualTo((0, 0)), "registered, not started: nothing runs");

        jobs.StartAll();
        await Eventually.ThatAsync(() => Volatile.Read(ref one) >= 2 && Volatile.Read(ref two) >= 2, "both jobs to run twice", 10);
        await jobs.StopAsync("one");
        int oneStopped = Volatile.Read(ref one), twoThen = Volatile.Read(ref two);
        await Eventually.ThatAsync(() => Volatile.Read(ref two) >= twoThen + 3, "two's job to run on", 10);
        Assert.That(Volatile.Read(ref one), Is.EqualTo(oneStopped), "one's job ran after its module stopped");
        await jobs.StopAsync("two");
    }

    [Test]
    public void AJobWithoutAPositivePeriodIsRefused()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new JobTable().Add("one", "j", TimeSpan.Zero, _ => Task.CompletedTask));
        Assert.That(ex!.Message, Does.StartWith("job j: its period must be positive"));
    }
}
