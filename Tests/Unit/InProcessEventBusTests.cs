using SocialGame.Core.Events;
using SocialGame.Core.Metrics;

namespace SocialGame.Tests.Unit;

public class InProcessEventBusTests
{
    public sealed class Numbered
    {
        public int N { get; set; }
    }

    private static readonly EventTopic<Numbered> Topic = new("test.numbered");

    [Test]
    public async Task IdleCompletesOnlyOnceTheEventsPublishedBeforeItAreHandled()
    {
        await using var bus = new InProcessEventBus(new EventDispatcher(new ServerMetrics()));
        var gate = new TaskCompletionSource();
        var handled = new List<int>();
        bus.Subscribe(Topic, "held", async (m, _, _) =>
        {
            await gate.Task;
            lock (handled) handled.Add(m.N);
        });
        await bus.IdleAsync().WaitAsync(TimeSpan.FromSeconds(10)); // nothing published: idle at once
        for (int n = 1; n <= 3; n++) await bus.PublishAsync(Topic, "k", new Numbered { N = n });
        var idle = bus.IdleAsync();
        // The handler holds the first event until the gate opens: the queue cannot be idle before.
        Assert.That(idle.IsCompleted, Is.False, "events still waiting to be handled");
        gate.SetResult();
        await idle.WaitAsync(TimeSpan.FromSeconds(10));
        lock (handled) Assert.That(handled, Is.EqualTo(new[] { 1, 2, 3 }), "every event published before the call was handled");
    }

    [Test]
    public async Task IdleAfterAStopCompletesAtOnce()
    {
        var bus = new InProcessEventBus(new EventDispatcher(new ServerMetrics()));
        await bus.DisposeAsync();
        Assert.That(bus.IdleAsync().IsCompleted, Is.True, "no pump left to reach the fence");
    }
}
