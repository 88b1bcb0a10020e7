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
    private readonly Channel<(string Topic, string Id, string Json)> _queue = Channel.CreateUnbounded<(string, string, string)>(new() { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private long _sequence;

    public InProcessEventBus(EventDispatcher dispatcher)
    {
        _dispatcher = dispatcher;
        _pump = Task.Run(PumpAsync);
    }

    public IReadOnlyCollection<string> Topics => _dispatcher.Topics;

    public void Subscribe<T>(EventTopic<T> topic, string handlerName, Func<T, EventContext, CancellationToken, Task> handler) where T : class =>
        _dispatcher.Subscribe(topic.Name, handlerName, handler);

    public Task PublishAsync<T>(EventTopic<T> topic, string key, T message, CancellationToken ct = default) where T : class
    {
        string json = JsonSerializer.Serialize(message, EventDispatcher.Json);
        string id = $"{topic.Name}/local/{Interlocked.Increment(ref _sequence)}";
        return _queue.Writer.WriteAsync((topic.Name, id, json), ct).AsTask();
    }

    /// <summary>Feeds a raw JSON message, as a broker would (for tests of unreadable input).</summary>
    public ValueTask PublishRawAsync(string topic, string json) =>
        _queue.Writer.WriteAsync((topic, $"{topic}/local/{Interlocked.Increment(ref _sequence)}", json));

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var (topic, id, json) in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
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
                    Log.Error(ex, "in-process event {0} failed", id);
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
    }
}
