using SocialGame.Core.Events;
using SocialGame.Server.Hosting;

namespace SocialGame.Tests.Infrastructure;

/// <summary>
/// Waiting on signals instead of sleeping: a condition polled at short intervals until a deadline, and the idle
/// signal of a node's in-process event bus.
/// </summary>
public static class Eventually
{
    private const int PollMs = 10;

    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, double seconds = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(PollMs);
        }
        return await condition();
    }

    public static Task<bool> TrueAsync(Func<bool> condition, double seconds = 5) =>
        TrueAsync(() => Task.FromResult(condition()), seconds);

    /// <summary>Waits until <paramref name="condition"/> holds; fails the test naming <paramref name="what"/> when it does not in
    /// time.</summary>
    public static async Task ThatAsync(Func<Task<bool>> condition, string what, double seconds = 5)
    {
        if (!await TrueAsync(condition, seconds)) Assert.Fail($"waited {seconds} s for {what}");
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails the test naming <paramref name="what"/> when it does not in
    /// time.</summary>
    public static Task ThatAsync(Func<bool> condition, string what, double seconds = 5) =>
        ThatAsync(() => Task.FromResult(condition()), what, seconds);

    /// <summary>
    /// Waits until every event published so far on the nodes' in-process buses has been handled (the handlers
    /// ran, or gave up into the dead letters); fails the test when that takes longer than ten seconds.
    /// </summary>
    public static async Task EventsHandledAsync(params ServerHost[] hosts)
    {
        var idle = Task.WhenAll(hosts.Select(h => ((InProcessEventBus)h.Services.Events).IdleAsync()));
        if (await Task.WhenAny(idle, Task.Delay(TimeSpan.FromSeconds(10))) != idle)
            Assert.Fail($"waited 10 s for the event handlers of {string.Join(", ", hosts.Select(h => h.Node))} to finish");
        await idle;
    }
}
