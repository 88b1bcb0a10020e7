using System.Text.Json;
using SocialGame.Core.Options;
using SocialGame.Tools.Repl;

namespace SocialGame.Tools;

/// <summary>
/// <c>./run.sh client [--login ACC]</c>: the GM's and developer's console. A prompt with history; <c>//gm ...</c> as
/// typed in chat, <c>login ACC</c>, or any request by number or name; answers with result names and text output as
/// lines, pushes as they arrive. The connection is kept alive with heartbeats and comes back (logged in again) after
/// any close, which is reported with its reason; only <c>quit</c> or the end of the input leaves.
/// </summary>
public static class InteractiveClient
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine("client [--host H] [--port P] [--login ACC] [--config DIR]\n" + ReplCommand.Usage);
            return 0;
        }
        var options = ServerConfig.Load(ServerConfig.ResolveDir(args), forServer: false);
        string host = ToolMain.Option(args, "--host") ?? options.Host;
        int port = int.TryParse(ToolMain.Option(args, "--port"), out int p) ? p : options.Port;
        string? home = Environment.GetEnvironmentVariable("HOME");
        using var terminal = new Terminal(home is null ? null : Path.Combine(home, ".socialgame_client_history"));
        await using var connection = new ReplConnection(host, port, acc => TokenTool.Mint(options, acc, 86400), terminal.Print,
            HeartbeatInterval(options));
        terminal.SetPrompt(() => $"{connection.Account ?? "-"}@{connection.Endpoint}> ");
        terminal.Print($"SocialGame client for {host}:{port}. Type help for the commands.");
        connection.Start();
        if (ToolMain.Option(args, "--login") is { } first) await RunLineAsync(connection, terminal.Print, "login " + first);
        while (terminal.ReadLine() is { } line)
        {
            if (!await RunLineAsync(connection, terminal.Print, line)) break;
        }
        return 0;
    }

    /// <summary>A heartbeat well inside the server's idle close (a third of it, at most every 30 s).</summary>
    public static TimeSpan HeartbeatInterval(ServerOptions options) =>
        TimeSpan.FromSeconds(Math.Clamp(options.IdleSeconds / 3.0, 0.5, 30));

    /// <summary>Runs one typed line, printing what came of it; false for quit.</summary>
    public static async Task<bool> RunLineAsync(ReplConnection connection, Action<string> print, string line)
    {
        ReplCommand command;
        try
        {
            command = ReplCommand.Parse(line);
        }
        catch (FormatException ex)
        {
            print("?? " + ex.Message);
            return true;
        }
        switch (command.Action)
        {
            case ReplAction.Quit:
                return false;
            case ReplAction.Help:
                print(ReplCommand.Usage);
                return true;
            case ReplAction.Login:
                if (await connection.LoginAsync(command.Account!) is { } login) print(ReplFormat.Frame(login));
                return true;
            case ReplAction.Request:
                if (await connection.RequestAsync(command.Module, command.OpId, command.Data) is { } reply) print(ReplFormat.Frame(reply));
                return true;
            default:
                return true;
        }
    }

    /// <summary>JSON to plain objects MessagePack writes naturally (integers stay integers).</summary>
    public static object? JsonToObject(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => JsonToObject(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Select(JsonToObject).ToArray(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out long l) ? (object)l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
