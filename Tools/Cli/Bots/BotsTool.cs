using SocialGame.Core.Auth;
using SocialGame.Core.Options;

namespace SocialGame.Tools.Bots;

/// <summary><c>./run.sh bots ...</c>: the load-test bots.</summary>
public static class BotsTool
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(BotOptions.Usage);
            return 0;
        }
        BotOptions options;
        try
        {
            options = BotOptions.Parse(args);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message + "\n" + BotOptions.Usage);
            return 2;
        }
        var server = ServerConfig.Load(ServerConfig.ResolveDir(args), forServer: false);
        var tokens = new TokenService(server.Auth.Secret, server.Auth.MaxTokenLifetimeSeconds);
        var fleet = new BotFleet(options, tokens, options.Host ?? server.Host, options.Port ?? server.Port);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var (stats, seconds) = await fleet.RunAsync(Create(options), Console.WriteLine, cancel.Token);
        Console.WriteLine();
        Console.Write(stats.Table(seconds));
        if (options.Output is { } path)
        {
            await File.WriteAllTextAsync(path, stats.Json(options, seconds));
            Console.WriteLine($"wrote {path}");
        }
        return 0;
    }

    public static IBotScenario Create(BotOptions options) => options.Scenario switch
    {
        "heartbeat" => new HeartbeatScenario(),
        "mixed" => new MixedScenario(new BargainScenario(options.Activity)),
        "bargain" => new BargainScenario(options.Activity),
        "help" => new BargainScenario(options.Activity, reads: false),
        "idle" => new IdleScenario(),
        "store" => new StoreScenario(),
        _ => throw new FormatException($"scenario {options.Scenario} is not available"),
    };
}
