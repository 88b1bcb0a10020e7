using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using SocialGame.Core.Events;
using SocialGame.Core.Events.Kafka;
using SocialGame.Core.Metrics;
using SocialGame.Tests.Infrastructure;
using StackExchange.Redis;

namespace SocialGame.Tests.Integration;

/// <summary>The Kafka event bus against librdkafka's mock cluster: real consumer, real producer, real offsets.</summary>
public class KafkaEventBusTests
{
    private const double Wait = 20;
    private KafkaMockCluster _kafka = null!;

    [OneTimeSetUp]
    public void StartCluster() => _kafka = new KafkaMockCluster();

    [OneTimeTearDown]
    public void StopCluster() => _kafka.Dispose();

    private async Task<KafkaEventBus> StartBusAsync(string group, Action<KafkaEventBus> subscribe)
    {
        var bus = new KafkaEventBus(_kafka.Options(group), new EventDispatcher(new ServerMetrics(), attempts: 3, firstBackoffMs: 20),
            "test-" + group);
        subscribe(bus);
        await bus.StartAsync();
        return bus;
    }

    private static string Group() => "g" + Guid.NewGuid().ToString("N")[..10];

    private static OnlineEvent Online(string acc, string eventId) =>
        new() { EventId = eventId, Account = acc, Node = "other", Ip = "10.0.0.1", Time = 1 };

    /// <summary>The dead-letter entries of one topic (topic, id, handler, why, raw).</summary>
    public static List<Dictionary<string, string>> DeadLettersOf(string topic) =>
        TestLogging.DeadLetters.Snapshot()
            .Select(line => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(line)!
                .ToDictionary(p => p.Key, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.ToString()))
            .Where(e => e.GetValueOrDefault("topic") == topic)
            .ToList();

    [Test]
    public async Task ProducedJsonReachesTheSubscribedHandlerTyped()
    {
        string topic = KafkaMockCluster.NewTopic("bus_basic");
        string id = await _kafka.ProduceJsonAsync(topic, "acc1", Online("acc1", "e1"));
        var seen = new ConcurrentQueue<(OnlineEvent Event, EventContext Context)>();
        await using var bus = await StartBusAsync(Group(), b => b.Subscribe(new EventTopic<OnlineEvent>(topic), "probe", (e, c, _) =>
        {
            seen.Enqueue((e, c));
            return Task.CompletedTask;
        }));

        Assert.That(await Eventually.TrueAsync(() => !seen.IsEmpty, Wait), Is.True, "the handler ran");
        var (received, context) = seen.Single();
        Assert.That(received.Account, Is.EqualTo("acc1"));
        Assert.That(received.EventId, Is.EqualTo("e1"));
        Assert.That(context.Topic, Is.EqualTo(topic));
        Assert.That(context.Id, Is.EqualTo(id), "the id is topic/partition/offset");
    }

    [Test]
    public async Task APoisonMessageIsDeadLetteredAndTheConsumerGoesOn()
    {
        string topic = KafkaMockCluster.NewTopic("bus_poison");
        string poisonId = await _kafka.ProduceAsync(topic, "same-key", "{not json");
        await _kafka.ProduceJsonAsync(topic, "same-key", Online("acc2", "after-poison"));
        var seen = new ConcurrentQueue<string>();
        await using var bus = await StartBusAsync(Group(), b => b.Subscribe(new EventTopic<OnlineEvent>(topic), "probe", (e, _, _) =>
        {
            seen.Enqueue(e.EventId);
            return Task.CompletedTask;
        }));

        Assert.That(await Eventually.TrueAsync(() => seen.Contains("after-poison"), Wait), Is.True,
            "the message after the poison one was handled");
        var dead = DeadLettersOf(topic);
        Assert.That(dead, Has.Count.EqualTo(1));
        Assert.That(dead[0]["id"], Is.EqualTo(poisonId));
        Assert.That(dead[0]["raw"], Is.EqualTo("{not json"));
        Assert.That(dead[0]["handler"], Is.EqualTo("probe"));
        Assert.That(dead[0]["why"], Does.StartWith("unreadable"));
        Assert.That(seen, Is.EqualTo(new[] { "after-poison" }));
    }

    [Test]
    public async Task AHandlerThatKeepsFailingIsRetriedThenDeadLetteredAndConsumptionContinues()
    {
        string topic = KafkaMockCluster.NewTopic("bus_failing");
        string failingId = await _kafka.ProduceJsonAsync(topic, "k", Online("acc3", "fails"));
        await _kafka.ProduceJsonAsync(topic, "k", Online("acc3", "works"));
        var attempts = new ConcurrentDictionary<string, int>();
        var handled = new ConcurrentQueue<string>();
        await using var bus = await StartBusAsync(Group(), b => b.Subscribe(new EventTopic<OnlineEvent>(topic), "flaky", (e, _, _) =>
        {
            attempts.AddOrUpdate(e.EventId, 1, (_, n) => n + 1);
            if (e.EventId == "fails") throw new InvalidOperationException("downstream refused");
            handled.Enqueue(e.EventId);
            return Task.CompletedTask;
        }));

        Assert.That(await Eventually.TrueAsync(() => handled.Contains("works"), Wait), Is.True, "the next message was handled");
        Assert.That(attempts["fails"], Is.EqualTo(3), "retried up to the configured attempts, no endless loop");
        var dead = DeadLettersOf(topic);
        Assert.That(dead, Has.Count.EqualTo(1));
        Assert.That(dead[0]["id"], Is.EqualTo(failingId));
        Assert.That(dead[0]["why"], Does.Contain("failed 3 times").And.Contain("downstream refused"));
        Assert.That(dead[0]["raw"], Does.Contain("\"fails\""));
    }

    [Test]
    public async Task AnEventMetByARedisOutageWaitsForRedisInsteadOfBeingDeadLettered()
    {
        // Longer than the attempts allow (3 here): Redis away, the handler fails 4 times in a row.
        string topic = KafkaMockCluster.NewTopic("bus_outage");
        await _kafka.ProduceJsonAsync(topic, "k", Online("acc5", "during-outage"));
        await _kafka.ProduceJsonAsync(topic, "k", Online("acc5", "after-it"));
        int failures = 0;
        var handled = new ConcurrentQueue<string>();
        await using var bus = await StartBusAsync(Group(), b => b.Subscribe(new EventTopic<OnlineEvent>(topic), "needs-redis", (e, _, _) =>
        {
            if (e.EventId == "during-outage" && Interlocked.Increment(ref failures) <= 4)
                throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None,
                    "No connection is active/available");
            handled.Enqueue(e.EventId);
            return Task.CompletedTask;
        }));

        Assert.That(await Eventually.TrueAsync(() => handled.Count == 2, 30), Is.True);
        Assert.That(handled, Is.EqualTo(new[] { "during-outage", "after-it" }), "handled once Redis was back, and in order");
        Assert.That(DeadLettersOf(topic), Is.Empty);
    }

    [Test]
    public async Task AnEventPublishedTwiceIsHarmlessForAnIdempotentHandler()
    {
        string topic = KafkaMockCluster.NewTopic("bus_dup");
        await _kafka.ProduceJsonAsync(topic, "k", Online("acc4", "once"));
        await _kafka.ProduceJsonAsync(topic, "k", Online("acc4", "once"));
        await _kafka.ProduceJsonAsync(topic, "k", Online("acc4", "last"));
        var applied = new ConcurrentDictionary<string, int>();
        int deliveries = 0;
        await using var bus = await StartBusAsync(Group(), b => b.Subscribe(new EventTopic<OnlineEvent>(topic), "idempotent", (e, _, _) =>
        {
            Interlocked.Increment(ref deliveries);
            applied.TryAdd(e.EventId, 1);
            return Task.CompletedTask;
        }));

        Assert.That(await Eventually.TrueAsync(() => applied.ContainsKey("last"), Wait), Is.True);
        Assert.That(deliveries, Is.EqualTo(3), "both copies were delivered");
        Assert.That(applied.Keys, Is.EquivalentTo(new[] { "once", "last" }), "the copy changed nothing");
        Assert.That(DeadLettersOf(topic), Is.Empty);
    }

    [Test]
    public async Task HandledOffsetsAreCommittedAndANewConsumerOfTheGroupSkipsThem()
    {
        string topic = KafkaMockCluster.NewTopic("bus_commit");
        string group = Group();
        await _kafka.ProduceJsonAsync(topic, "k", Online("acc5", "m1"));
        string second = await _kafka.ProduceJsonAsync(topic, "k", Online("acc5", "m2"));
        var first = new ConcurrentQueue<string>();
        var bus = await StartBusAsync(group, b => b.Subscribe(new EventTopic<OnlineEvent>(topic), "probe", (e, _, _) =>
        {
            first.Enqueue(e.EventId);
            return Task.CompletedTask;
        }));
        Assert.That(await Eventually.TrueAsync(() => first.Count == 2, Wait), Is.True);
        var watch = Stopwatch.StartNew();
        await bus.DisposeAsync();
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "the stop is quick");

        int partition = int.Parse(second.Split('/')[1]);
        long offset = long.Parse(second.Split('/')[2]);
        Assert.That(_kafka.Committed(group, topic, partition), Is.EqualTo(offset + 1), "committed past the last handled message");

        await _kafka.ProduceJsonAsync(topic, "k", Online("acc5", "m3"));
        var next = new ConcurrentQueue<string>();
        await using var again = await StartBusAsync(group, b => b.Subscribe(new EventTopic<OnlineEvent>(topic), "probe", (e, _, _) =>
        {
            next.Enqueue(e.EventId);
            return Task.CompletedTask;
        }));
        Assert.That(await Eventually.TrueAsync(() => next.Contains("m3"), Wait), Is.True);
        Assert.That(next, Is.EqualTo(new[] { "m3" }), "handled messages are not seen again");
    }

    [Test]
    public async Task AMessageUnfinishedAtTheStopIsDeliveredAgainWithTheSameId()
    {
        string topic = KafkaMockCluster.NewTopic("bus_redeliver");
        string group = Group();
        string id = await _kafka.ProduceJsonAsync(topic, "k", Online("acc6", "slow"));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bus = await StartBusAsync(group, b => b.Subscribe(new EventTopic<OnlineEvent>(topic), "probe", async (_, _, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        }));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(Wait));
        var watch = Stopwatch.StartNew();
        await bus.DisposeAsync();
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "a stuck handler does not hold the stop");

        var ids = new ConcurrentQueue<string>();
        await using var again = await StartBusAsync(group, b => b.Subscribe(new EventTopic<OnlineEvent>(topic), "probe", (_, c, _) =>
        {
            ids.Enqueue(c.Id);
            return Task.CompletedTask;
        }));
        Assert.That(await Eventually.TrueAsync(() => !ids.IsEmpty, Wait), Is.True, "the unfinished message came again");
        Assert.That(ids.First(), Is.EqualTo(id), "same topic/partition/offset, so an idempotent handler recognises it");
        Assert.That(DeadLettersOf(topic), Is.Empty, "a cancelled handler is not a failure");
    }

    [Test]
    public async Task PartitionsMoveBetweenConsumersOfTheGroupWithoutLoss()
    {
        string topic = KafkaMockCluster.NewTopic("bus_rebalance");
        string group = Group();
        var produced = new List<string>();
        int n = 0;
        async Task ProduceRoundAsync()
        {
            for (int p = 0; p < 4; p++)
                produced.Add(await _kafka.ProduceToAsync(topic, p, JsonSerializer.Serialize(Online("acc7", $"r{n++}"))));
        }
        var handled = new ConcurrentQueue<(string Bus, string Id)>();
        Action<KafkaEventBus> Subscriber(string name) => b => b.Subscribe(new EventTopic<OnlineEvent>(topic), "probe", (_, c, _) =>
        {
            handled.Enqueue((name, c.Id));
            return Task.CompletedTask;
        });
        bool AllHandled() => produced.All(id => handled.Any(h => h.Id == id));

        await ProduceRoundAsync();
        var a = await StartBusAsync(group, Subscriber("a"));
        Assert.That(await Eventually.TrueAsync(AllHandled, Wait), Is.True, "the only consumer reads every partition");

        await using var b = await StartBusAsync(group, Subscriber("b"));
        var deadline = DateTime.UtcNow.AddSeconds(Wait);
        while (!handled.Any(h => h.Bus == "b") && DateTime.UtcNow < deadline)
        {
            await ProduceRoundAsync();
            await Task.Delay(300); // pacing: a round every 300 ms until the rebalance gives the second consumer partitions
        }
        Assert.That(await Eventually.TrueAsync(AllHandled, Wait), Is.True, "nothing lost while partitions were split");
        Assert.That(handled.Select(h => h.Bus).Distinct(), Is.EquivalentTo(new[] { "a", "b" }), "the second consumer took partitions over");

        await a.DisposeAsync();
        int before = produced.Count;
        await ProduceRoundAsync();
        Assert.That(await Eventually.TrueAsync(AllHandled, Wait), Is.True, "the remaining consumer took every partition over");
        Assert.That(handled.Where(h => produced.Skip(before).Contains(h.Id)).Select(h => h.Bus).Distinct(), Is.EqualTo(new[] { "b" }));
        // The bus commits at each revocation; the mock coordinator refuses commits while the group rebalances
        // (a real broker accepts them from the current generation), so here some messages do come again:
        // with the same topic/partition/offset id, so an idempotent handler applies each once.
        var applied = handled.Select(h => h.Id).ToHashSet();
        Assert.That(applied, Is.EquivalentTo(produced), "each message applied once when keyed by its id");
    }

    [Test]
    public async Task SubscriptionsAfterTheStartAreRefusedAndMappedTopicsCannotCollide()
    {
        var options = _kafka.Options(Group());
        options.Topics["a_topic"] = "shared_kafka_topic";
        options.Topics["b_topic"] = "other_kafka_topic";
        await using var bus = new KafkaEventBus(options, new EventDispatcher(new ServerMetrics()), "test");
        bus.Subscribe(new EventTopic<OnlineEvent>("a_topic"), "h", (_, _, _) => Task.CompletedTask);
        Assert.Throws<InvalidOperationException>(() =>
            bus.Subscribe(new EventTopic<OnlineEvent>("shared_kafka_topic"), "h", (_, _, _) => Task.CompletedTask));
        await bus.StartAsync();
        Assert.Throws<InvalidOperationException>(() =>
            bus.Subscribe(new EventTopic<OnlineEvent>("b_topic"), "late", (_, _, _) => Task.CompletedTask));
    }
}
