namespace SocialGame.Tools;

/// <summary>The tools behind <c>./run.sh token|client|protocol</c>.</summary>
public static class ToolMain
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0) return Usage();
        var rest = args[1..];
        try
        {
            return args[0] switch
            {
                "token" => TokenTool.Run(rest),
                "client" => await InteractiveClient.RunAsync(rest),
                "protocol" => ProtocolTool.Run(rest),
                "audit" => await AuditTool.RunAsync(rest),
                "pay" => await PayTool.RunAsync(rest),
                "bots" => await Bots.BotsTool.RunAsync(rest),
                "benchconfig" => BenchConfigTool.Run(rest),
                "operator-hash" => OperatorHashTool.Run(rest, Console.In, Console.Out, Console.Error),
                _ => Usage(),
            };
        }
        catch (Core.Options.ConfigException ex)
        {
            await Console.Error.WriteLineAsync("configuration error: " + ex.Message);
            return 2;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage:
              token ACC [--ttl SECONDS] [--config DIR]     print a login token for ACC (last line: the token)
              client [--host H] [--port P] [--config DIR]  interactive client
              protocol [--root DIR] [--check]              write (or check) Protocol/PROTOCOL.md and the Lua constants
              audit [--redis HOST:PORT] [--config DIR]     recompute every balance from the ledger (exit 1 on a difference)
              pay ORDERID [--txid ID] [--config DIR]       play the payment platform's signed callback for an order
              bots [options]                               load-test bots (bots --help for the options)
              benchconfig [--out DIR] [--limits lifted|shipped]  a configuration copy for load tests (never for production)
              operator-hash [--iterations N]              the PBKDF2 hash of the password on standard input's first line
            """);
        return 2;
    }

    public static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
