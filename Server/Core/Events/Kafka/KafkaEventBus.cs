using System.Text.Json;
using Confluent.Kafka;
using NLog;
using SocialGame.Core.Options;

namespace SocialGame.Core.Events.Kafka;

/// <summary>
/// The event bus on Kafka. Modules subscribe before <see cref="StartAsync"/>; then one consumer of
/// the configured group reads every subscribed topic on a thread of its own and hands each message to
/// the shared <see cref="EventDispatcher"/> (retries with backoff, then the dead-letter log). A
/// message's offset is stored only after the dispatcher returned, and stored offsets are committed in
/// the background, on a partition revocation and at the stop: a crash delivers unfinished messages
/// again (handlers are idempotent; the event id of a Kafka message is topic/partition/offset).
/// Published events go through an idempotent producer with acks=all.
/// </summary>
internal sealed class KafkaEventBus : IEventBus, IAsyncDisposable
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly KafkaOptions _options;
    private readonly EventDispatcher _dispatcher;
    private readonly string _clientId;
    private readonly IProducer<string, string> _producer;
    /// <summary>Kafka topic -> the event topic the handlers subscribed to.</summary>
    private readonly Dictionary<string, string> _eventTopics = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopConsuming = new();
    private readonly CancellationTokenSource _stopHandlers = new();
    private readonly object _gate = new();
    private Task? _loop;
    private bool _started;
    private int _disposed;

    public KafkaEventBus(KafkaOptions options, EventDispatcher dispatcher, string clientId)
    {
        if (string.IsNullOrWhiteSpace(options.Brokers)) throw new ArgumentException("kafka.brokers is empty", nameof(options));
        _options = options;
        _dispatcher = dispatcher;
        _clientId = clientId;
        _producer = new ProducerBuilder<string, string>(KafkaClients.ProducerConfig(options, clientId + "-producer"))
            .SetLogHandler((_, m) => KafkaClients.WriteLog(m))
            .SetErrorHandler((_, e) => KafkaClients.WriteError("producer", e))
            .Build();
    }

    public IReadOnlyCollection<string> Topics => _dispatcher.Topics;

    public void Subscribe<T>(EventTopic<T> eventTopic, string handlerName, Func<T, EventContext, CancellationToken, Task> handler) where T
        : class
    {
        string topic = eventTopic.Name;
        lock (_gate)
        {
            if (_started)
                throw new InvalidOperationException($"{handlerName}: subscriptions to {topic} must be made before the consumer starts");
            string kafkaTopic = _options.KafkaTopic(topic);
            if (_eventTopics.TryGetValue(kafkaTopic, out var other) && other != topic)
                throw new InvalidOperationException($"event topics {other} and {topic} both map to the Kafka topic {kafkaTopic}");
            _dispatcher.Subscribe(topic, handlerName, handler);
            _eventTopics[kafkaTopic] = topic;
        }
    }

    /// <summary>Publishes one event as JSON; returns once every in-sync replica has it (or throws after kafka.publishTimeoutMs).</summary>
    public async Task PublishAsync<T>(EventTopic<T> topic, string key, T message, CancellationToken ct = default) where T : class
    {
        string json = JsonSerializer.Serialize(message, EventDispatcher.Json);
        string kafkaTopic = _options.KafkaTopic(topic.Name);
        try
        {
            var delivery = await _producer.ProduceAsync(kafkaTopic, new Message<string, string> { Key = key, Value = json }, ct)
                .ConfigureAwait(false);
            Log.Debug("published {Topic} key {Key} at {Partition}/{Offset}", kafkaTopic, key, delivery.Partition.Value,
                delivery.Offset.Value);
        }
        catch (ProduceException<string, string> ex)
        {
            Log.Error("publish to {Topic} (key {Key}) failed: {ErrorCode}: {Error}", kafkaTopic, key, ex.Error.Code, ex.Error.Reason);
            throw;
        }
    }

    /// <summary>
    /// Starts consuming every subscribed topic (call once, after every module subscribed). The consumer
    /// runs on its own thread, never on a network event loop.
    /// </summary>
    public Task StartAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        List<string> kafkaTopics;
        lock (_gate)
        {
            if (_started) throw new InvalidOperationException("the Kafka consumer is already started");
            if (_disposed != 0) throw new ObjectDisposedException(nameof(KafkaEventBus));
            _started = true;
            kafkaTopics = _eventTopics.Keys.Order(StringComparer.Ordinal).ToList();
        }
        if (kafkaTopics.Count == 0)
        {
            Log.Info("no event subscriptions: the Kafka consumer is not started");
            return Task.CompletedTask;
        }
        var consumer = new ConsumerBuilder<string, string>(KafkaClients.ConsumerConfig(_options, _clientId + "-consumer"))
            .SetLogHandler((_, m) => KafkaClients.WriteLog(m))
            .SetErrorHandler((_, e) => KafkaClients.WriteError("consumer", e))
            .SetPartitionsAssignedHandler((_, partitions) =>
                Log.Info("Kafka partitions assigned: {Partitions}", string.Join(", ", partitions)))
            .SetPartitionsRevokedHandler((c, partitions) => OnRevoked(c, partitions))
            .SetPartitionsLostHandler((_, partitions) => OnLost(partitions))
            .Build();
        consumer.Subscribe(kafkaTopics);
        _loop = Task.Factory.StartNew(() => ConsumeLoop(consumer), CancellationToken.None, TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        Log.Info("Kafka consumer of group {Group} started on {Brokers}: {Topics}", _options.GroupId, _options.Brokers,
            string.Join(", ", kafkaTopics));
        return Task.CompletedTask;
    }

    /// <summary>
    /// The consume loop: a dedicated thread that owns the consumer. It waits for each dispatch to finish
    /// before it stores the offset and reads on, so it blocks on the dispatch deliberately (it is not
    /// async code and no other work runs on this thread).
    /// </summary>
    private void ConsumeLoop(IConsumer<string, string> consumer)
    {
        try
        {
            while (!_stopConsuming.IsCancellationRequested)
            {
                ConsumeResult<string, string>? result;
                try
                {
                    result = consumer.Consume(_stopConsuming.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                catch (ConsumeException ex)
                {
                    LogConsumeError(ex);
                    if (ex.Error.IsFatal) break;
                    _stopConsuming.Token.WaitHandle.WaitOne(100); // no tight loop on a repeating error
                    continue;
                }
                if (result?.Message is null || result.IsPartitionEOF) continue;
                if (!Handle(consumer, result)) break;
            }
        }
        catch (Exception ex)
        {
            Log.Error(ex, "Kafka consume loop failed");
        }
        finally
        {
            Close(consumer);
        }
    }

    /// <summary>Dispatches one message, then stores its offset. False when the stop cancelled the handler (the message is not
    /// stored).</summary>
    private bool Handle(IConsumer<string, string> consumer, ConsumeResult<string, string> result)
    {
        string id = $"{result.Topic}/{result.Partition.Value}/{result.Offset.Value}";
        string topic = _eventTopics.GetValueOrDefault(result.Topic, result.Topic);
        string json = result.Message.Value ?? "";
        try
        {
            _dispatcher.DispatchAsync(topic, id, json, _stopHandlers.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopHandlers.IsCancellationRequested)
        {
            Log.Warn("event {EventId} was still being handled at the stop; it is not committed and will be delivered again", id);
            return false;
        }
        catch (Exception ex)
        {
            // The dispatcher dead-letters every failure itself; this is a fault of the dispatcher, logged with the message.
            Log.Error(ex, "event {EventId} could not be dispatched; raw message: {Raw}", id, json);
        }
        try
        {
            consumer.StoreOffset(result);
        }
        catch (KafkaException ex)
        {
            Log.Warn("offset of event {EventId} not stored ({Error}): the partition moved to another consumer, which may deliver it again",
                id, ex.Error.Reason);
        }
        return true;
    }

    /// <summary>Before partitions go to another consumer, the offsets of the messages handled so far are committed.</summary>
    private static void OnRevoked(IConsumer<string, string> consumer, List<TopicPartitionOffset> partitions)
    {
        Log.Info("Kafka partitions revoked: {Partitions}", string.Join(", ", partitions.Select(p => p.TopicPartition)));
        Commit(consumer, "revocation");
    }

    private static void OnLost(List<TopicPartitionOffset> partitions) =>
        Log.Warn("Kafka partitions lost (this consumer left the group): {Partitions}; their uncommitted messages will be delivered again",
            string.Join(", ", partitions.Select(p => p.TopicPartition)));

    private static void Commit(IConsumer<string, string> consumer, string when)
    {
        try
        {
            var committed = consumer.Commit().Where(c => c.Offset.Value >= 0).ToList();
            if (committed.Count > 0)
                Log.Info("offsets committed at {When}: {Offsets}", when,
                    string.Join(", ", committed.Select(c => $"{c.TopicPartition}@{c.Offset.Value}")));
        }
        catch (TopicPartitionOffsetException ex)
        {
            Log.Warn("offset commit at {When} partly failed: {Error}", when,
                string.Join(", ", ex.Results.Where(r => r.Error.IsError).Select(r => $"{r.TopicPartition}: {r.Error.Reason}")));
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_NoOffset)
        {
            // nothing handled since the last commit
        }
        catch (KafkaException ex)
        {
            Log.Warn("offset commit at {When} failed: {Error}", when, ex.Error.Reason);
        }
    }

    private static void Close(IConsumer<string, string> consumer)
    {
        try
        {
            Commit(consumer, "stop");
            consumer.Close();
        }
        catch (Exception ex)
        {
            Log.Warn("Kafka consumer close: {Error}", ex.Message);
        }
        finally
        {
            consumer.Dispose();
        }
        Log.Info("Kafka consumer closed");
    }

    private static void LogConsumeError(ConsumeException ex)
    {
        if (ex.Error.IsFatal)
            Log.Error("Kafka consumer fatal error, consuming stops: {ErrorCode}: {Error}", ex.Error.Code, ex.Error.Reason);
        else if (ex.Error.Code == ErrorCode.UnknownTopicOrPart) Log.Info("Kafka: {Error}", ex.Error.Reason);
        else Log.Warn("Kafka consume error {ErrorCode}: {Error}", ex.Error.Code, ex.Error.Reason);
    }

    /// <summary>
    /// Stops consuming: the handler in progress gets kafka.stopGraceMs to finish, the offsets are
    /// committed and the consumer leaves its group; then unsent events are flushed.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stopConsuming.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            if (await Task.WhenAny(loop, Task.Delay(_options.StopGraceMs)).ConfigureAwait(false) != loop)
                await _stopHandlers.CancelAsync().ConfigureAwait(false);
            if (await Task.WhenAny(loop, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false) == loop)
                await loop.ConfigureAwait(false);
            else
                Log.Warn("the Kafka consumer did not close within 5 s; it is left to finish on its own");
        }
        await _stopHandlers.CancelAsync().ConfigureAwait(false);
        int unsent = await Task.Run(() => _producer.Flush(TimeSpan.FromSeconds(3))).ConfigureAwait(false);
        if (unsent > 0) Log.Warn("{Unsent} events were not delivered to Kafka before the stop", unsent);
        _producer.Dispose();
        if (_loop is null || _loop.IsCompleted)
        {
            _stopConsuming.Dispose();
            _stopHandlers.Dispose();
        }
    }
}
