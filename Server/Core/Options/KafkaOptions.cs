using System.Text.RegularExpressions;

namespace SocialGame.Core.Options;

/// <summary>The <c>kafka</c> section of <c>Config/server.json</c>.</summary>
public sealed partial class KafkaOptions : IValidatableOptions
{
    /// <summary>librdkafka settings the server sets itself; refused in the settings maps.</summary>
    public static readonly IReadOnlySet<string> ReservedSettings = new HashSet<string>(StringComparer.Ordinal)
    {
        "bootstrap.servers", "metadata.broker.list", "group.id", "enable.auto.commit", "enable.auto.offset.store",
        "enable.idempotence", "acks", "request.required.acks", "message.timeout.ms", "delivery.timeout.ms",
    };

    /// <summary>Bootstrap servers (env SOCIALGAME_KAFKA); empty: events are fed in-process.</summary>
    public string Brokers { get; set; } = "";
    /// <summary>Consumer group of the server's nodes (every node consumes its share of each topic).</summary>
    public string GroupId { get; set; } = "socialgame";
    /// <summary>
    /// Kafka topic for an event topic the code uses (e.g. <c>"socialgame_user_online": "prod_user_online"</c>);
    /// a topic not listed keeps its own name.
    /// </summary>
    public Dictionary<string, string> Topics { get; set; } = [];
    /// <summary>A publish not acknowledged by the brokers (acks=all) in this time fails (librdkafka message.timeout.ms).</summary>
    public int PublishTimeoutMs { get; set; } = 5000;
    /// <summary>A stop waits this long for the handler in progress before cancelling it (its message is then delivered again).</summary>
    public int StopGraceMs { get; set; } = 3000;
    /// <summary>Extra librdkafka settings for the producer and the consumer (security, timeouts).</summary>
    public Dictionary<string, string> Settings { get; set; } = [];
    /// <summary>Extra librdkafka settings for the consumer only (e.g. auto.offset.reset, session.timeout.ms).</summary>
    public Dictionary<string, string> ConsumerSettings { get; set; } = [];
    /// <summary>Extra librdkafka settings for the producer only (e.g. linger.ms, compression.type).</summary>
    public Dictionary<string, string> ProducerSettings { get; set; } = [];

    /// <summary>The Kafka topic an event topic is read from and written to.</summary>
    public string KafkaTopic(string topic) => Topics.TryGetValue(topic, out var mapped) ? mapped : topic;

    public void Validate(OptionsValidator v)
    {
        v.NotEmpty("groupId", GroupId);
        v.Range("publishTimeoutMs", PublishTimeoutMs, 100, 300_000);
        v.Range("stopGraceMs", StopGraceMs, 0, 60_000);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (topic, mapped) in Topics)
        {
            if (!IsTopicName(topic)) v.Error($"topics.{topic}", "the key must be a topic name (letters, digits, '.', '_', '-')");
            if (!IsTopicName(mapped)) v.Error($"topics.{topic}", $"must be a topic name (letters, digits, '.', '_', '-'), got '{mapped}'");
            else if (seen.TryGetValue(mapped, out var other)) v.Error($"topics.{topic}", $"'{mapped}' is already the topic of {other}");
            else seen[mapped] = topic;
        }
        CheckSettings(v, "settings", Settings);
        CheckSettings(v, "consumerSettings", ConsumerSettings);
        CheckSettings(v, "producerSettings", ProducerSettings);
    }

    public static bool IsTopicName(string name) => TopicName().IsMatch(name);

    private static void CheckSettings(OptionsValidator v, string field, Dictionary<string, string> settings)
    {
        foreach (var (key, value) in settings)
        {
            if (string.IsNullOrWhiteSpace(key)) v.Error(field, "a setting name must not be empty");
            else if (ReservedSettings.Contains(key))
                v.Error($"{field}.{key}", "is set by the server (brokers, groupId, publishTimeoutMs or fixed)");
            else if (value is null) v.Error($"{field}.{key}", "must be a string");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,249}$")]
    private static partial Regex TopicName();
}
