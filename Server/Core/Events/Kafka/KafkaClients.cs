using Confluent.Kafka;
using NLog;
using SocialGame.Core.Options;

namespace SocialGame.Core.Events.Kafka;

/// <summary>Builds the producer and consumer configurations from <see cref="KafkaOptions"/> and routes librdkafka's logs to NLog.</summary>
internal static class KafkaClients
{
    private static readonly Logger Log = LogManager.GetLogger("kafka");

    /// <summary>
    /// The consumer: offsets are stored by the bus only after the handlers finished
    /// (enable.auto.offset.store=false) and the stored offsets are committed in the background. A group with no
    /// committed offset (first start, a new group id, offsets expired) starts at the earliest message, not after
    /// the waiting ones (librdkafka's default), so nothing already published is skipped.
    /// </summary>
    public static ConsumerConfig ConsumerConfig(KafkaOptions options, string clientId)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = options.Brokers,
            GroupId = options.GroupId,
            ClientId = clientId,
            EnableAutoCommit = true,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        Apply(config, options.Settings);
        Apply(config, options.ConsumerSettings);
        return config;
    }

    /// <summary>The producer: every in-sync replica acknowledges, idempotent (no duplicates from its own retries).</summary>
    public static ProducerConfig ProducerConfig(KafkaOptions options, string clientId)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = options.Brokers,
            ClientId = clientId,
            Acks = Acks.All,
            EnableIdempotence = true,
            MessageTimeoutMs = options.PublishTimeoutMs,
        };
        Apply(config, options.Settings);
        Apply(config, options.ProducerSettings);
        return config;
    }

    private static void Apply(ClientConfig config, Dictionary<string, string> settings)
    {
        foreach (var (key, value) in settings) config.Set(key, value);
    }

    /// <summary>librdkafka's own log lines (syslog levels) as NLog lines of logger "kafka".</summary>
    public static void WriteLog(LogMessage message)
    {
        var level = message.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error => NLog.LogLevel.Error,
            SyslogLevel.Warning => NLog.LogLevel.Warn,
            SyslogLevel.Notice or SyslogLevel.Info => NLog.LogLevel.Info,
            _ => NLog.LogLevel.Debug,
        };
        Log.Log(level, "{Client} {Facility}: {Text}", message.Name, message.Facility, message.Message);
    }

    /// <summary>A client error: fatal ones at error level, the rest (brokers down, retried by librdkafka) as warnings.</summary>
    public static void WriteError(string client, Error error)
    {
        if (error.IsFatal) Log.Error("{Client}: fatal error {ErrorCode}: {Error}", client, error.Code, error.Reason);
        else Log.Warn("{Client}: {ErrorCode}: {Error}", client, error.Code, error.Reason);
    }
}
