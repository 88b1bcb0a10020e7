using System.Text;
using System.Text.Json;

namespace SocialGame.Core.Admin;

/// <summary>
/// The check every admin request body passes before a route sees it: one well-formed JSON value (UTF-8, no
/// comments, at most 32 levels deep) in which no object repeats a key. A problem names the field it was found at.
/// </summary>
internal static class AdminJson
{
    public const int MaxDepth = 32;

    public sealed record Problem(string Field, string Message);

    private sealed class Scope(bool isObject)
    {
        public bool IsObject { get; } = isObject;
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
        public string? Name { get; set; }
        public int Index { get; set; } = -1;
    }

    public static Problem? Check(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth,
            CommentHandling = JsonCommentHandling.Disallow });
        var scopes = new List<Scope>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        NextValue(scopes);
                        scopes.Add(new Scope(reader.TokenType == JsonTokenType.StartObject));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        scopes.RemoveAt(scopes.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var scope = scopes[^1];
                        scope.Name = reader.GetString()!;
                        if (!scope.Names.Add(scope.Name)) return new Problem(Path(scopes), "appears twice");
                        break;
                    default:
                        NextValue(scopes);
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            return new Problem(Path(scopes), "is not valid JSON (" + FirstSentence(ex.Message) + ")");
        }
        catch (InvalidOperationException ex)
        {
            // a property name that is not valid UTF-8
            return new Problem(Path(scopes), "is not valid JSON (" + FirstSentence(ex.Message) + ")");
        }
        return null;
    }

    private static void NextValue(List<Scope> scopes)
    {
        if (scopes.Count > 0 && !scopes[^1].IsObject) scopes[^1].Index++;
    }

    /// <summary>Where the reader is: <c>trigger.kind</c>, <c>rooms[2]</c>, or <c>(body)</c> at the top.</summary>
    private static string Path(List<Scope> scopes)
    {
        var path = new StringBuilder();
        foreach (var scope in scopes)
        {
            if (scope.IsObject && scope.Name is not null) path.Append(path.Length > 0 ? "." : "").Append(scope.Name);
            else if (!scope.IsObject && scope.Index >= 0) path.Append('[').Append(scope.Index).Append(']');
        }
        return path.Length > 0 ? path.ToString() : "(body)";
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOfAny(['.', '\n']);
        return end > 0 ? message[..end] : message;
    }
}
