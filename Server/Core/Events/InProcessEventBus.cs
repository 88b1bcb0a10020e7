using System.Text.Json;
using System.Threading.Channels;
using NLog;

namespace SocialGame.Core.Events;

/// <summary>
/// The event bus without a broker: published events are serialised to JSON and handed to the same
/// dispatcher the Kafka consumer uses, one at a time in publish order, off the publisher's thread.
/// </summary>
internal sealed class InProcessEventBus : IEventBus, IAsyncDisposable
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly EventDispatcher _dispatcher;
    private readonly Channel<Entry> _queue = Channel.CreateUnbounded<Entry>(new() { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private long _sequence;

    public InProcessEventBus(EventDispatcher dispatcher)
    {
        _dispatcher = dispatcher;
        _pump = Task.Run(PumpAsync);
    }

    public IReadOnlyCollection<string> Topics => _dispatcher.Topics;

    public void Subscribe<T>(EventTopic<T> topic, string handlerName, Func<T, EventContext, CancellationToken, Task> handler) where T
        : class =>
        _dispatcher.Subscribe(topic.Name, handlerName, handler);

    public Task PublishAsync<T>(EventTopic<T> topic, string key, T message, CancellationToken ct = default) where T : class
    {
        string json = JsonSerializer.Serialize(message, EventDispatcher.Json);
        string id = $"{topic.Name}/local/{Interlocked.Increment(ref _sequence)}";
        return _queue.Writer.WriteAsync(new Entry(topic.Name, id, json), ct).AsTask();
    }

    /// <summary>Feeds a raw JSON message, as a broker would (for tests of unreadable input).</summary>
    public ValueTask PublishRawAsync(string topic, string json) =>
        _queue.Writer.WriteAsync(new Entry(topic, $"{topic}/local/{Interlocked.Increment(ref _sequence)}", json));

    /// <summary>
    /// Completes when every event published before the call has been handled (a fence through the same queue):
    /// the idle signal tests wait on instead of sleeping. Completes at once after a stop.
    /// </summary>
    public Task IdleAsync()
    {
        var fence = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Entry("", "", "", fence))) fence.TrySetResult();
        return fence.Task;
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var (topic, id, json, fence) in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                if (fence is not null)
                {
                    fence.TrySetResult();
                    continue;
                }
                try
                {
                    await _dispatcher.DispatchAsync(topic, id, json, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    Log.Error(ex, "in-process event {EventId} failed", id);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAny(_pump, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _pump.ConfigureAwait(false);
        while (_queue.Reader.TryRead(out var left)) left.Fence?.TrySetResult();
    }

    /// <summary>A published event, or (with <see cref="Fence"/>) the marker <see cref="IdleAsync"/> waits for.</summary>
    private readonly record struct Entry(string Topic, string Id, string Json, TaskCompletionSource? Fence = null);
}
