namespace SocialGame.Tools.Bots;

/// <summary>What the bots do. <see cref="StepAsync"/> is one logical action of one bot (one or a few requests).</summary>
public interface IBotScenario
{
    /// <summary>Before the run (e.g. fund the bots through GM commands).</summary>
    Task SetupAsync(BotFleet fleet, CancellationToken ct) => Task.CompletedTask;

    Task StepAsync(Bot bot, long? scheduled, CancellationToken ct);
}

/// <summary>Heartbeats only: the transport, the dispatcher and the serial queues, no Redis.</summary>
public sealed class HeartbeatScenario : IBotScenario
{
    public Task StepAsync(Bot bot, long? scheduled, CancellationToken ct) => bot.CallAsync("heartbeat", 1, 2, null, scheduled);
}

/// <summary>Logged in and quiet: one heartbeat every 30 s keeps the connection (for memory per connection).</summary>
public sealed class IdleScenario : IBotScenario
{
    public async Task StepAsync(Bot bot, long? scheduled, CancellationToken ct)
    {
        await bot.CallAsync("heartbeat", 1, 2, null, scheduled).ConfigureAwait(false);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}

/// <summary>A player's idle traffic: heartbeats with reads of the player base mixed in, and bargains when given.</summary>
public sealed class MixedScenario(IBotScenario? activity) : IBotScenario
{
    private long _step;

    public Task SetupAsync(BotFleet fleet, CancellationToken ct) => activity?.SetupAsync(fleet, ct) ?? Task.CompletedTask;

    public Task StepAsync(Bot bot, long? scheduled, CancellationToken ct) => (Interlocked.Increment(ref _step) % 10) switch
    {
        0 => bot.CallAsync("getwallet", 10, 2, null, scheduled),
        1 => bot.CallAsync("getprofile", 10, 1, null, scheduled),
        2 => bot.CallAsync("getinbox", 10, 5, null, scheduled),
        3 or 4 or 5 when activity is not null => activity.StepAsync(bot, scheduled, ct),
        _ => bot.CallAsync("heartbeat", 1, 2, null, scheduled),
    };
}
