using System.Collections.Concurrent;
using System.Text.Json;
using SocialGame.Core;
using SocialGame.Core.Events;
using SocialGame.Core.Events.Kafka;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

/// <summary>A real node with kafka.brokers set (librdkafka's mock cluster): its logins go out through the producer and come back through
/// its consumer.</summary>
public class KafkaServerTests : RedisFixture
{
    private const double Wait = 20;
    private readonly string _onlineKafkaTopic = KafkaMockCluster.NewTopic("online");
    private KafkaMockCluster _kafka = null!;
    private ServerHost _host = null!;
    private OnlineProbe _probe = null!;

    [OneTimeSetUp]
    public async Task StartNode()
    {
        _kafka = new KafkaMockCluster();
        // The topics exist before the node starts, as in production (here: created by earlier traffic).
        await _kafka.ProduceJsonAsync(_onlineKafkaTopic, "earlier",
            new OnlineEvent { EventId = "node0:1:1", Account = "earlier", Node = "node0" });
        await _kafka.ProduceAsync(LiveEvents.Base.Name, "warmup", """{"namespace":"socialgame","event":"live.stop","live_id":"warmup"}""");
        await _kafka.ProduceAsync(LiveEvents.OwnerSet.Name, "warmup", """{"namespace":"socialgame","live_id":"warmup","owner":1}""");
        _host = await TestServer.StartAsync(Redis, configure: o =>
        {
            o.Kafka.Brokers = _kafka.Bootstrap;
            o.Kafka.GroupId = "node-" + Guid.NewGuid().ToString("N")[..8];
            o.Kafka.Topics[SystemEvents.Online.Name] = _onlineKafkaTopic;
            o.Kafka.StopGraceMs = 500;
            KafkaMockCluster.Tune(o.Kafka);
        }, extraModules: s => [_probe = new OnlineProbe()]);
    }

    [OneTimeTearDown]
    public async Task StopNode()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await _host.StopAsync();
        _kafka.Dispose();
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "the node with its Kafka consumer stops quickly");
    }

    [Test]
    public void TheNodeUsesTheKafkaBus() => Assert.That(_host.Services.Events, Is.InstanceOf<KafkaEventBus>());

    [Test]
    public async Task ALoginPublishesTheOnlineEventThroughKafkaAndTheNodesConsumerDeliversIt()
    {
        string acc = TestServer.NewAccount();
        await using var client = await TestServer.LoginAsync(_host, acc);

        Assert.That(await Eventually.TrueAsync(() => _probe.Seen.Any(s => s.Event.Account == acc), Wait), Is.True,
            "the subscriber got the online event");
        var (e, context) = _probe.Seen.First(s => s.Event.Account == acc);
        Assert.That(e.Node, Is.EqualTo("node1"));
        Assert.That(e.Ip, Is.EqualTo("127.0.0.1"));
        Assert.That(e.EventId, Does.StartWith("node1:"));
        Assert.That(context.Topic, Is.EqualTo(SystemEvents.Online.Name), "handlers see the event topic");
        Assert.That(context.Id, Does.Match($"^{_onlineKafkaTopic}/\\d+/\\d+$"), "it came from the configured Kafka topic, not in-process");
    }

    [Test]
    public async Task LiveRoomEventsReachTheLiveModulesDatalog()
    {
        string liveId = "live-" + Guid.NewGuid().ToString("N")[..8];
        string startId = await _kafka.ProduceAsync(LiveEvents.Base.Name, liveId, $$$"""
            {"namespace":"socialgame","event":"live.start","live_id":"{{{liveId}}}","uid":10001,"owner":10001,"live_type":"audio",
             "title":"hello","cover":"c.png","pub_stat":1,"status":1,"publish_addr":"rtmp://p","stream_mix_addr":"m",
             "stream_multi_addr":"mm","stream_link_addr":"l","share_addr":"s","landscape":0,"start_time":"2024-01-01 10:00:00",
             "stop_time":"","longitude":"121.4","latitude":"31.2","location":"Shanghai","slot_id":1,"slot_num":8,"gender":2,
             "extra":{"theme":"night"}}
            """);
        string ownerId = await _kafka.ProduceAsync(LiveEvents.OwnerSet.Name, liveId, $$"""
            {"namespace":"socialgame","live_id":"{{liveId}}","room_id":"r1","slot_id":1,"uid":10001,"uid_slot":1,"owner":10002,
             "owner_slot":2,"live_type":"audio","extra":null}
            """);

        Assert.That(await Eventually.TrueAsync(() => DataLogOf(liveId).Count == 2, Wait), Is.True,
            "both events were written to the datalog");
        var start = DataLogOf(liveId).Single(e => e["op"] == "live event");
        Assert.That(start["id"], Is.EqualTo(startId));
        Assert.That(start["event"], Is.EqualTo(LiveEvents.Start));
        Assert.That(start["owner"], Is.EqualTo("10001"));
        Assert.That(start["slot_num"], Is.EqualTo("8"));
        Assert.That(start["extra"], Does.Contain("night"));
        var owner = DataLogOf(liveId).Single(e => e["op"] == "live owner set");
        Assert.That(owner["id"], Is.EqualTo(ownerId));
        Assert.That(owner["owner"], Is.EqualTo("10002"));
        Assert.That(owner["uid_slot"], Is.EqualTo("1"));
    }

    private static List<Dictionary<string, string>> DataLogOf(string liveId) =>
        TestLogging.DataLogLines()
            .Where(line => line.Contains(liveId, StringComparison.Ordinal) && line.Contains("\"op\":\"live ", StringComparison.Ordinal))
            .Select(line => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(line)!
                .ToDictionary(p => p.Key, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.ToString()))
            .ToList();

    /// <summary>Records the online events the node's bus delivers.</summary>
    private sealed class OnlineProbe : IGameModule
    {
        public ConcurrentQueue<(OnlineEvent Event, EventContext Context)> Seen { get; } = new();

        public string Name => "online probe";

        public void Register(IModuleBuilder builder) =>
            builder.Subscribe(SystemEvents.Online, "online probe", (e, c, _) =>
            {
                Seen.Enqueue((e, c));
                return Task.CompletedTask;
            });
    }
}
