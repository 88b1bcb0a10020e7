using System.Text.RegularExpressions;
using MessagePack;
using SocialGame.Protocol.Wire;

namespace SocialGame.Core.Dispatch;

/// <summary>A request's data as an operator reads it in an error log.</summary>
internal static partial class RequestData
{
    /// <summary>A field whose value never goes to the log (a login token is a bearer credential until it expires), and its colon.</summary>
    private const string SecretKey = "\"(token|sign|secret|password)\"\\s*:\\s*";

    /// <summary>A secret field with its string value.</summary>
    [GeneratedRegex(SecretKey + "\"(?:[^\"\\\\]|\\\\.)*\"", RegexOptions.IgnoreCase)]
    private static partial Regex Secrets();

    /// <summary>A secret field left after <see cref="Secrets"/>: its value is no string (a number, a list, a map).</summary>
    [GeneratedRegex(SecretKey + "(?!\"\\*\\*\\*\")", RegexOptions.IgnoreCase)]
    private static partial Regex Unmasked();

    /// <summary>
    /// The data as JSON with secrets masked, cut at 512 characters; undecodable data, or data with a secret field whose value
    /// is no string (which the mask would not cover), as its length only.
    /// </summary>
    public static string ToLogJson(ReadOnlyMemory<byte> data)
    {
        if (data.IsEmpty) return "{}";
        try
        {
            string json = Secrets().Replace(MessagePackSerializer.ConvertToJson(data, ProtocolSerializer.Options), "\"$1\":\"***\"");
            if (Unmasked().IsMatch(json)) return $"<{data.Length} bytes with a secret field that is no string>";
            return json.Length > 512 ? json[..512] + "..." : json;
        }
        catch (MessagePackSerializationException)
        {
            return $"<{data.Length} bytes>";
        }
    }
}
