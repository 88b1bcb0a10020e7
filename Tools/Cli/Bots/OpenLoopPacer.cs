using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SocialGame.Tools.Bots;

/// <summary>
/// The open loop: one thread starts every bot's steps at their scheduled times, whatever the answers do.
/// A step runs on this thread only until its request is written; answers are awaited elsewhere. The thread
/// sleeps between steps with sub-millisecond precision: timers (Task.Delay) fire a millisecond or more late
/// and hand over to the thread pool, and that lateness would be counted in every latency, which runs
/// from the scheduled time. What lateness remains is reported as the send lag.
/// </summary>
public static partial class OpenLoopPacer
{
    /// <summary>Above this many unanswered requests a bot skips its step (the server is not answering).</summary>
    public const int MaxInFlightPerBot = 1000;

    public static Task RunAsync(IReadOnlyList<Bot> bots, IBotScenario scenario, BotOptions options, BotStats stats,
        CancellationTokenSource stop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                var inFlight = Run(bots, scenario, options, stats, stop);
                Task.WhenAll(inFlight).ContinueWith(t => done.TrySetFromTask(t), TaskScheduler.Default);
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        }) { IsBackground = true, Name = "bots open loop" };
        thread.Start();
        return done.Task;
    }

    private static List<Task> Run(IReadOnlyList<Bot> bots, IBotScenario scenario, BotOptions options, BotStats stats,
        CancellationTokenSource stop)
    {
        long interval = (long)(Stopwatch.Frequency * bots.Count / options.Rate);
        var due = new PriorityQueue<int, long>(bots.Count);
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < bots.Count; i++) due.Enqueue(i, start + (long)(Random.Shared.NextDouble() * interval));
        var inFlight = new List<Task>[bots.Count];
        for (int i = 0; i < bots.Count; i++) inFlight[i] = [];
        while (!stop.IsCancellationRequested && due.TryPeek(out int index, out long next))
        {
            long wait = next - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                Sleep(wait);
                continue;
            }
            due.Dequeue();
            var bot = bots[index];
            if (bot.Client.IsClosed) continue;
            stats.SendLag(-wait * 1_000_000 / Stopwatch.Frequency);
            var mine = inFlight[index];
            mine.RemoveAll(t => t.IsCompleted);
            if (mine.Count < MaxInFlightPerBot) mine.Add(scenario.StepAsync(bot, next, stop.Token));
            due.Enqueue(index, next + interval);
            if (options.Requests > 0 && stats.Requests >= options.Requests) stop.Cancel();
        }
        return inFlight.SelectMany(l => l).ToList();
    }

    /// <summary>Sleeps about <paramref name="ticks"/> (Stopwatch ticks): nanosleep on Linux, whole milliseconds elsewhere.</summary>
    private static void Sleep(long ticks)
    {
        long micros = Math.Min(ticks * 1_000_000 / Stopwatch.Frequency, 100_000);
        if (OperatingSystem.IsLinux()) _ = usleep((uint)Math.Max(1, micros));
        else Thread.Sleep(TimeSpan.FromMilliseconds(Math.Max(1, micros / 1000)));
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int usleep(uint micros);
}
