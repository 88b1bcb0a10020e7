using System.Text.RegularExpressions;
using MessagePack;
using SocialGame.Protocol.Wire;

namespace SocialGame.Core.Dispatch;

/// <summary>A request's data as an operator reads it in an error log.</summary>
internal static partial class RequestData
{
    /// <summary>Fields whose values never go to the log (a login token is a bearer credential until it expires).</summary>
    [GeneratedRegex("\"(token|sign|secret|password)\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\"", RegexOptions.IgnoreCase)]
    private static partial Regex Secrets();

    /// <summary>The data as JSON with secrets masked, cut at 512 characters; undecodable data as its length.</summary>
    public static string ToLogJson(ReadOnlyMemory<byte> data)
    {
        if (data.IsEmpty) return "{}";
        try
        {
            string json = Secrets().Replace(MessagePackSerializer.ConvertToJson(data, ProtocolSerializer.Options), "\"$1\":\"***\"");
            return json.Length > 512 ? json[..512] + "..." : json;
        }
        catch (MessagePackSerializationException)
        {
            return $"<{data.Length} bytes>";
        }
    }
}
