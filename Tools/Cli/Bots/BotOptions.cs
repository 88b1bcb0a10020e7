using System.Globalization;

namespace SocialGame.Tools.Bots;

/// <summary>Command-line options of <c>./run.sh bots</c>.</summary>
public sealed class BotOptions
{
    public int Bots { get; set; } = 200;
    public double DurationSeconds { get; set; } = 30;
    /// <summary>Stop after this many requests in all (0: run for the duration).</summary>
    public long Requests { get; set; }
    public double RampSeconds { get; set; } = 2;
    /// <summary>Seconds of load before the measured duration; nothing of it is counted (JIT, caches, connection set-up).</summary>
    public double WarmupSeconds { get; set; }
    /// <summary>Open loop: requests per second over all bots, each sent on schedule. 0: closed loop (each bot waits for its
    /// answer).</summary>
    public double Rate { get; set; }
    public string Scenario { get; set; } = "heartbeat";
    public string? Host { get; set; }
    public int? Port { get; set; }
    public string? Output { get; set; }
    /// <summary>Spread source addresses over 127.0.0.2-127.0.0.254 (off for a non-loopback target).</summary>
    public bool SpreadSources { get; set; } = true;
    public string Prefix { get; set; } = "bot";
    public int Activity { get; set; } = 1;

    public const string Usage = """
        bots [--bots N] [--duration S | --requests N] [--warmup S] [--ramp S] [--rate R]
             [--scenario heartbeat|bargain|help|mixed|idle|store]
             [--host H] [--port P] [--out FILE.json] [--prefix NAME] [--activity ID] [--no-spread] [--config DIR]
          --rate R   open loop: R requests/s over all bots, latency measured from the scheduled send time
                     (default 0: closed loop, each bot sends its next request when the last is answered)
          --warmup S the same load for S seconds first, not counted
          scenario help: bargain without the bots' reads of their own bargain (every request a help)
          scenario store: every request buys one koi (aquarium store item 201, a daily limit) with gold
          --help     this text
        A server with its shipped configuration limits each connection (Config/server.json rateLimit: 20/s, burst 40)
        and answers the rest click_too_fast; load-test one started with the load-test configuration:
          dotnet Tools/Cli/bin/Release/net10.0/SocialGame.Tools.dll benchconfig --out .data/bench/config
          SOCIALGAME_CONFIG=.data/bench/config ./run.sh
        """;

    public static BotOptions Parse(string[] args)
    {
        var o = new BotOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--bots": o.Bots = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--duration": o.DurationSeconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--requests": o.Requests = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--warmup": o.WarmupSeconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--ramp": o.RampSeconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--rate": o.Rate = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--scenario": o.Scenario = Next(); break;
                case "--host": o.Host = Next(); break;
                case "--port": o.Port = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--out": o.Output = Next(); break;
                case "--prefix": o.Prefix = Next(); break;
                case "--activity": o.Activity = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--no-spread": o.SpreadSources = false; break;
                case "--config": Next(); break;
                default: throw new FormatException($"unknown option {args[i]}");
            }
        }
        if (o.Bots is < 1 or > 100_000) throw new FormatException("--bots must be 1-100000");
        if (o.DurationSeconds <= 0 && o.Requests <= 0) throw new FormatException("--duration or --requests must be positive");
        if (o.Rate < 0 || o.RampSeconds < 0 || o.WarmupSeconds < 0)
            throw new FormatException("--rate, --ramp and --warmup must not be negative");
        if (o.Scenario is not ("heartbeat" or "bargain" or "help" or "mixed" or "idle" or "store"))
            throw new FormatException("--scenario must be heartbeat, bargain, help, mixed, idle or store");
        return o;
    }
}
