using System.Text.Json;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Generators;

namespace SocialGame.Tools.Repl;

public enum ReplAction { Nothing, Quit, Help, Login, Request }

/// <summary>One typed line: what to do and, for a request, what to send.</summary>
public sealed record ReplCommand(ReplAction Action, int Module = 0, int OpId = 0, object? Data = null, string? Account = null)
{
    public const string Usage = """
        login ACC                      log in as ACC (a token is made with the configured secret); again after every reconnect
        //gm TEXT  or  gm TEXT         a GM command as typed in chat, e.g. //gm help, //gm addmoney alice gold 100
        MODULE OPID [{json}]           any request, by number or name: 6 1 {"id":1}, bargain getconfig {"id":1}
        help                           this text
        quit                           leave (Ctrl-D too)
        Up/Down browse earlier lines; answers show result names; pushes appear as they arrive.
        """;

    /// <summary>Reads a line; a line that cannot be sent throws <see cref="FormatException"/> saying why.</summary>
    public static ReplCommand Parse(string line)
    {
        line = line.Trim();
        if (line.Length == 0) return new ReplCommand(ReplAction.Nothing);
        if (line is "quit" or "exit") return new ReplCommand(ReplAction.Quit);
        if (line is "help" or "?") return new ReplCommand(ReplAction.Help);
        if (line.StartsWith("login ", StringComparison.Ordinal)) return new ReplCommand(ReplAction.Login, Account: line[6..].Trim());
        if (line.StartsWith("//gm", StringComparison.OrdinalIgnoreCase)) return Gm(line);
        if (line.StartsWith("gm ", StringComparison.Ordinal)) return Gm("//gm " + line[3..].Trim());
        var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) throw new FormatException("expected: MODULE OPID [{json}] (help lists the commands)");
        int module = ModuleOf(parts[0]);
        int opid = OpOf(module, parts[1]);
        object? data = parts.Length == 3 ? InteractiveClient.JsonToObject(ParseJson(parts[2])) : null;
        return new ReplCommand(ReplAction.Request, module, opid, data);
    }

    private static ReplCommand Gm(string text) =>
        new(ReplAction.Request, (int)ModuleType.Gm, GmProtocol.CommandOp, new Dictionary<string, object?> { ["text"] = text });

    private static int ModuleOf(string word)
    {
        if (int.TryParse(word, out int number)) return number;
        foreach (var m in Enum.GetValues<ModuleType>())
            if (ProtocolText.SnakeCase(m.ToString()) == word) return (int)m;
        throw new FormatException($"no module {word}: "
            + string.Join(", ", Enum.GetValues<ModuleType>().Select(m => ProtocolText.SnakeCase(m.ToString()))));
    }

    private static int OpOf(int module, string word)
    {
        if (int.TryParse(word, out int number)) return number;
        var ops = ProtocolCatalog.All.Where(o => (int)o.Module == module && o.Kind == OpKind.Request).ToList();
        return ops.FirstOrDefault(o => o.Name == word)?.OpId
            ?? throw new FormatException($"no request {word} in module {module}: " + string.Join(", ", ops.Select(o => o.Name)));
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
}
