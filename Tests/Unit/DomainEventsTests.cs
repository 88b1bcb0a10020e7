using SocialGame.Core.Events;

namespace SocialGame.Tests.Unit;

public class DomainEventsTests
{
    private sealed record Happened(int N);
    private sealed record Other(int N);

    [Test]
    public async Task HandlersRunInSubscriptionOrderAndAFailureStopsNeitherTheOthersNorTheRaiser()
    {
        var events = new DomainEvents();
        var ran = new List<string>();
        events.Subscribe<Happened>("first", (e, _) => Record("first", e.N));
        events.Subscribe<Happened>("broken", (_, _) => throw new InvalidOperationException("boom"));
        events.Subscribe<Happened>("third", async (e, _) =>
        {
            await Task.Yield();
            ran.Add("third " + e.N);
        });
        events.Subscribe<Other>("other", (e, _) => Record("other", e.N));

        var outcome = await events.PublishAsync(new Happened(7));

        Assert.That(ran, Is.EqualTo(new[] { "first 7", "third 7" }), "the raiser awaited every handler, in order, past the failing one");
        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Failures.Select(f => f.Handler), Is.EqualTo(new[] { "broken" }));
        var thrown = Assert.Throws<AggregateException>(outcome.ThrowIfFailed)!;
        Assert.That(thrown.Message, Does.Contain("broken"));
        Assert.That(thrown.InnerExceptions.Single().Message, Is.EqualTo("boom"));

        Task Record(string name, int n)
        {
            ran.Add($"{name} {n}");
            return Task.CompletedTask;
        }
    }

    [Test]
    public async Task AnEventWithoutFailuresOrHandlersReportsNothingFailed()
    {
        var events = new DomainEvents();
        Assert.That((await events.PublishAsync(new Other(1))).Failed, Is.False);
        events.Subscribe<Other>("ok", (_, _) => Task.CompletedTask);
        var outcome = await events.PublishAsync(new Other(2));
        Assert.That(outcome.Failed, Is.False);
        Assert.DoesNotThrow(outcome.ThrowIfFailed);
    }

    [Test]
    public void AHandlerNameIsSubscribedOncePerEvent()
    {
        var events = new DomainEvents();
        events.Subscribe<Happened>("same", (_, _) => Task.CompletedTask);
        events.Subscribe<Other>("same", (_, _) => Task.CompletedTask);
        Assert.Throws<InvalidOperationException>(() => events.Subscribe<Happened>("same", (_, _) => Task.CompletedTask));
    }
}
