using System.Diagnostics;
using System.Net;
using SocialGame.Client;
using SocialGame.Core.Auth;

namespace SocialGame.Tools.Bots;

/// <summary>
/// Runs N bots against a server: connects them (ramped, spread over loopback source addresses),
/// logs them in, runs the scenario closed or open loop, prints a progress line every second and a
/// final table, and writes the numbers as JSON.
/// </summary>
public sealed class BotFleet(BotOptions options, TokenService tokens, string host, int port)
{
    private volatile bool _finishing;

    public BotStats Stats { get; } = new();
    public List<Bot> Bots { get; } = [];
    public BotOptions Options => options;

    public async Task<GameClient> ConnectAsync(string account, int index)
    {
        var local = options.SpreadSources && IsLoopback(host) ? Bot.SourceAddress(index) : null;
        var client = await GameClient.ConnectAsync(host, port, local).ConfigureAwait(false);
        var reply = await client.RequestAsync(1, 1,
            new { acc = account, token = tokens.Mint(account, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 86400) }).ConfigureAwait(false);
        if (reply.Result != 0)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"login of {account} answered {reply.Result}");
        }
        return client;
    }

    /// <summary>Runs a GM command (funding, setup) over a connection of its own.</summary>
    public async Task<Frame> GmAsync(GameClient gm, string text)
    {
        var reply = await gm.RequestAsync(2, 1, new { text }).ConfigureAwait(false);
        if (reply.Result != 0) throw new InvalidOperationException($"{text}: {reply}");
        return reply;
    }

    /// <summary>Gives every bot <paramref name="amount"/> of <paramref name="currency"/> through the GM account.</summary>
    public async Task FundAsync(string currency, long amount)
    {
        var gm = await ConnectAsync("gm", Bots.Count).ConfigureAwait(false);
        try
        {
            foreach (var bot in Bots) await GmAsync(gm, $"//gm addmoney {bot.Account} {currency} {amount}").ConfigureAwait(false);
        }
        finally
        {
            await gm.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static bool IsLoopback(string h) => h == "localhost" || (IPAddress.TryParse(h, out var ip) && IPAddress.IsLoopback(ip));

    public async Task<(BotStats Stats, double Seconds)> RunAsync(IBotScenario scenario, Action<string> print, CancellationToken ct)
    {
        print($"connecting {options.Bots} bots to {host}:{port} (ramp {options.RampSeconds}s, scenario {options.Scenario}, " +
              (options.Rate > 0 ? $"open loop {options.Rate}/s)" : "closed loop)"));
        var connects = new List<Task>();
        for (int i = 0; i < options.Bots; i++)
        {
            int index = i;
            connects.Add(Task.Run(async () =>
            {
                string account = options.Prefix + index;
                var client = await ConnectAsync(account, index).ConfigureAwait(false);
                var bot = new Bot(index, account, client, Stats);
                lock (Bots) Bots.Add(bot);
                _ = CountPushesAsync(bot, ct);
            }, ct));
            if (options.RampSeconds > 0)
                await Task.Delay(TimeSpan.FromSeconds(options.RampSeconds / options.Bots), ct).ConfigureAwait(false);
        }
        await Task.WhenAll(connects).ConfigureAwait(false);
        Bots.Sort((a, b) => a.Index.CompareTo(b.Index));
        await scenario.SetupAsync(this, ct).ConfigureAwait(false);
        print($"{Bots.Count} bots logged in; running");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (options.DurationSeconds > 0 && options.Requests <= 0)
            stop.CancelAfter(TimeSpan.FromSeconds(options.WarmupSeconds + options.DurationSeconds));
        var watch = Stopwatch.StartNew();
        if (options.WarmupSeconds > 0) _ = EndWarmupAsync(watch, print, stop.Token);
        // the progress lines end only once every answer is in, so the last, partial line counts the stragglers too
        using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var progress = ProgressAsync(watch, print, progressStop.Token);
        if (options.Rate > 0) await OpenLoopPacer.RunAsync(Bots, scenario, options, Stats, stop).ConfigureAwait(false);
        else await Task.WhenAll(Bots.Select(b => ClosedLoopAsync(b, scenario, stop))).ConfigureAwait(false);
        double seconds = watch.Elapsed.TotalSeconds;
        Stats.EndMeasuring();
        await stop.CancelAsync().ConfigureAwait(false);
        await progressStop.CancelAsync().ConfigureAwait(false);
        await progress.ConfigureAwait(false);
        _finishing = true;
        foreach (var bot in Bots) await bot.Client.DisposeAsync().ConfigureAwait(false);
        return (Stats, seconds);
    }

    private async Task EndWarmupAsync(Stopwatch watch, Action<string> print, CancellationToken ct)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds), ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        Stats.Reset();
        watch.Restart();
        print($"warm-up of {options.WarmupSeconds}s over; measuring");
    }

    private async Task ClosedLoopAsync(Bot bot, IBotScenario scenario, CancellationTokenSource stop)
    {
        while (!stop.IsCancellationRequested && !bot.Client.IsClosed)
        {
            await scenario.StepAsync(bot, null, stop.Token).ConfigureAwait(false);
            if (options.Requests > 0 && Stats.Requests >= options.Requests) await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task CountPushesAsync(Bot bot, CancellationToken ct)
    {
        try
        {
            await foreach (var _ in bot.Client.Unsolicited.ReadAllAsync(ct).ConfigureAwait(false)) Stats.Push();
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if (!ct.IsCancellationRequested && !_finishing) Stats.Lost();
    }

    /// <summary>A line a second; the interval has its own clock, as the end of the warm-up restarts <paramref name="watch"/>.</summary>
    private async Task ProgressAsync(Stopwatch watch, Action<string> print, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var interval = Stopwatch.StartNew();
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                print(Stats.Progress(watch.Elapsed, interval.Elapsed.TotalSeconds));
                interval.Restart();
            }
        }
        catch (OperationCanceledException)
        {
            // the last, partial interval
            if (interval.Elapsed.TotalSeconds >= 0.05) print(Stats.Progress(watch.Elapsed, interval.Elapsed.TotalSeconds));
        }
    }
}
