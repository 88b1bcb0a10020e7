using System.Text;
using System.Text.Json;
using SocialGame.Client;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Generators;

namespace SocialGame.Tools.Repl;

/// <summary>How the interactive client shows what the server sent: names for modules, operations and result codes, text as lines.</summary>
public static class ReplFormat
{
    private static readonly JsonSerializerOptions Json =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>"help_over (19)"; a code the table does not know as its number.</summary>
    public static string ResultText(int code) =>
        Enum.IsDefined(typeof(ResultCode), code) ? $"{ProtocolText.SnakeCase(((ResultCode)code).ToString())} ({code})" : $"result {code}";

    /// <summary>"bargain/getconfig (6/1)", or the numbers alone for an operation the catalogue does not have.</summary>
    public static string OpText(int module, int opid)
    {
        var op = ProtocolCatalog.All.FirstOrDefault(o => (int)o.Module == module && o.OpId == opid);
        return op is null ? $"{module}/{opid}" : $"{ProtocolText.SnakeCase(op.Module.ToString())}/{op.Name} ({module}/{opid})";
    }

    /// <summary>
    /// An answer: a header with the result's name, then each line of a text output (a GM command's), then the other
    /// fields as JSON. A push (no result): its name and its fields.
    /// </summary>
    public static string Frame(Frame frame)
    {
        var sb = new StringBuilder();
        bool answer = frame.Data.ContainsKey("result");
        sb.Append(answer ? "<< " : "<< push ").Append(OpText(frame.ModuleType, frame.OpId));
        if (answer) sb.Append(": ").Append(ResultText(frame.Result));
        var rest = frame.Data.Where(kv => kv.Key != "result" && !(answer && kv.Key == "output")).ToDictionary(kv => kv.Key, kv => kv.Value);
        if (!answer && rest.Count > 0) sb.Append(' ').Append(JsonSerializer.Serialize(rest, Json));
        if (answer && frame.GetString("output") is { Length: > 0 } output)
            foreach (string line in output.Split('\n')) sb.Append("\n   ").Append(line);
        if (answer && rest.Count > 0) sb.Append("\n   ").Append(JsonSerializer.Serialize(rest, Json));
        return sb.ToString();
    }
}
