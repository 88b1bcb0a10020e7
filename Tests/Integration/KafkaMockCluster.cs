using System.Text.Json;
using Confluent.Kafka;
using SocialGame.Core.Options;

namespace SocialGame.Tests.Integration;

/// <summary>
/// librdkafka's built-in mock cluster: an admin client created with test.mock.num.brokers starts
/// in-process brokers on loopback ports, and real producers and consumers connect to them by address.
/// Topics are created by the first produce. Client settings are tuned so that group joins and
/// topic discovery take seconds instead of the production defaults.
/// </summary>
public sealed class KafkaMockCluster : IDisposable
{
    private readonly IAdminClient _admin;
    private readonly IProducer<string, string> _producer;

    public KafkaMockCluster()
    {
        var config = new AdminClientConfig { BootstrapServers = "localhost:1" };
        config.Set("test.mock.num.brokers", "1");
        _admin = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).Build();
        var metadata = _admin.GetMetadata(TimeSpan.FromSeconds(10));
        Bootstrap = string.Join(",", metadata.Brokers.Select(b => $"{b.Host}:{b.Port}"));
        _producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = Bootstrap, LingerMs = 0 })
            .SetLogHandler((_, _) => { })
            .Build();
    }

    /// <summary>The mock brokers' addresses, as read from the cluster metadata.</summary>
    public string Bootstrap { get; }

    /// <summary>Kafka options for a bus or a node on this cluster, with group joins and topic discovery in a few seconds.</summary>
    public KafkaOptions Options(string groupId)
    {
        var options = new KafkaOptions { Brokers = Bootstrap, GroupId = groupId, StopGraceMs = 500 };
        Tune(options);
        return options;
    }

    /// <summary>Fast consumer settings: short session, frequent heartbeats and metadata refreshes (where a new group starts is the server's
    /// own setting).</summary>
    public static void Tune(KafkaOptions options)
    {
        // The mock coordinator waits 3 s before the first election of a group (group.initial.rebalance.delay.ms)
        // and expires members silent for a session meanwhile: the session must outlast that wait.
        options.ConsumerSettings["session.timeout.ms"] = "4000";
        options.ConsumerSettings["heartbeat.interval.ms"] = "300";
        options.ConsumerSettings["topic.metadata.refresh.interval.ms"] = "200";
        options.ConsumerSettings["auto.commit.interval.ms"] = "200";
        options.ConsumerSettings["fetch.wait.max.ms"] = "50";
        options.ProducerSettings["linger.ms"] = "0";
    }

    /// <summary>Produces one raw message (as another system would) and returns the id the bus will give it:
    /// topic/partition/offset.</summary>
    public async Task<string> ProduceAsync(string topic, string key, string value)
    {
        var delivery = await _producer.ProduceAsync(topic, new Message<string, string> { Key = key, Value = value });
        return $"{delivery.Topic}/{delivery.Partition.Value}/{delivery.Offset.Value}";
    }

    /// <summary>Produces one raw message to a given partition; returns its topic/partition/offset.</summary>
    public async Task<string> ProduceToAsync(string topic, int partition, string value)
    {
        var delivery = await _producer.ProduceAsync(new TopicPartition(topic, partition),
            new Message<string, string> { Key = "p" + partition, Value = value });
        return $"{delivery.Topic}/{delivery.Partition.Value}/{delivery.Offset.Value}";
    }

    public Task<string> ProduceJsonAsync<T>(string topic, string key, T value) => ProduceAsync(topic, key, JsonSerializer.Serialize(value));

    /// <summary>The group's committed offset of one partition (Offset.Unset when none).</summary>
    public long Committed(string groupId, string topic, int partition)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = Bootstrap, GroupId = groupId })
            .SetLogHandler((_, _) => { })
            .Build();
        var committed = consumer.Committed([new TopicPartition(topic, partition)], TimeSpan.FromSeconds(10));
        return committed.Single().Offset.Value;
    }

    public static string NewTopic(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 200)];

    public void Dispose()
    {
        _producer.Dispose();
        _admin.Dispose();
    }
}
