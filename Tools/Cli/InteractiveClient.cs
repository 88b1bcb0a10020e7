using System.Text.Json;
using SocialGame.Client;
using SocialGame.Core.Options;

namespace SocialGame.Tools;

/// <summary>
/// <c>./run.sh client</c>: type <c>6 0 {}</c> (module, opid, JSON data) and see the response as JSON;
/// pushes are printed as they arrive. Shortcuts: <c>login ACC</c> (mints a token with the configured
/// secret), <c>gm TEXT</c>, <c>quit</c>.
/// </summary>
public static class InteractiveClient
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = ServerConfig.Load(ServerConfig.ResolveDir(args), forServer: false);
        string host = ToolMain.Option(args, "--host") ?? options.Host;
        int port = int.TryParse(ToolMain.Option(args, "--port"), out int p) ? p : options.Port;
        await using var client = await GameClient.ConnectAsync(host, port);
        Console.WriteLine($"connected to {host}:{port}. Type: login ACC | gm TEXT | MODULE OPID {{json}} | quit");
        var pushes = Task.Run(async () =>
        {
            await foreach (var frame in client.Unsolicited.ReadAllAsync())
                Console.WriteLine($"<< push {frame.ModuleType}/{frame.OpId} {frame.ToJson()}");
        });
        while (Console.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length == 0) continue;
            if (line is "quit" or "exit") break;
            if (client.IsClosed)
            {
                Console.WriteLine("connection closed by the server");
                return 1;
            }
            try
            {
                var (module, opid, data) = Parse(line, options);
                var response = await client.RequestAsync(module, opid, data);
                Console.WriteLine($"<< {response.ModuleType}/{response.OpId} {response.ToJson()}");
            }
            catch (FormatException ex)
            {
                Console.WriteLine("?? " + ex.Message);
            }
            catch (Exception ex) when (ex is TimeoutException or IOException)
            {
                Console.WriteLine("!! " + ex.Message);
            }
        }
        await client.DisposeAsync();
        await pushes;
        return 0;
    }

    private static (int Module, int OpId, object? Data) Parse(string line, ServerOptions options)
    {
        if (line.StartsWith("login ", StringComparison.Ordinal))
        {
            string acc = line[6..].Trim();
            return (1, 1, new Dictionary<string, object?> { ["acc"] = acc, ["token"] = TokenTool.Mint(options, acc, 86400) });
        }
        if (line.StartsWith("gm ", StringComparison.Ordinal))
            return (2, 1, new Dictionary<string, object?> { ["text"] = line[3..].Trim() });
        var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !int.TryParse(parts[0], out int module) || !int.TryParse(parts[1], out int opid))
            throw new FormatException("expected: MODULE OPID {json}");
        object? data = parts.Length == 3 ? JsonToObject(ParseJson(parts[2])) : null;
        return (module, opid, data);
    }

    private static JsonElement ParseJson(string json)
    {
        try
        {
            return JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException ex)
        {
            throw new FormatException("bad JSON: " + ex.Message);
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
