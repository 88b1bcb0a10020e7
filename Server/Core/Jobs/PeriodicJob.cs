using NLog;
using SocialGame.Core.Storage;

namespace SocialGame.Core.Jobs;

/// <summary>
/// Background work that runs a pass every period on every node until stopped (retry passes, due jobs,
/// settlement). A failed pass is logged (a Redis fault as a warning, anything else as an error) and the next
/// pass runs on time; the passes themselves must be safe to repeat and to run on two nodes at once.
/// </summary>
public sealed class PeriodicJob
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private PeriodicJob(string name, TimeSpan period, Func<CancellationToken, Task> pass) =>
        _loop = RunAsync(name, period, pass);

    public static PeriodicJob Start(string name, TimeSpan period, Func<CancellationToken, Task> pass) => new(name, period, pass);

    private async Task RunAsync(string name, TimeSpan period, Func<CancellationToken, Task> pass)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await pass(_stop.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
                {
                    Log.Warn("{Job}: pass failed: {Error}", name, ex.Message);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.Error(ex, "{Job}: pass failed", name);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Stops after the pass in progress, if any.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
    }
}
