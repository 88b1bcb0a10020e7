using System.Globalization;
using System.Text;

namespace SocialGame.Core.Logging;

/// <summary>
/// Text as it may stand in a log line. Characters that could end a line, hide text or disguise it — control
/// characters (line feeds, carriage returns, terminal escapes), line and paragraph separators, zero-width and
/// bidi formatting characters, unpaired surrogates — are written as visible escapes (<c>\n</c>, <c>\x1b</c>,
/// <c>\u202e</c>), so a value from a client can never start a line of its own. The server.log and console
/// layouts pass every message through it (<see cref="EscapeLayoutRenderer"/>); <see cref="Excerpt"/> also cuts
/// a value that need not be logged whole.
/// </summary>
public static class LogText
{
    /// <summary>How much of a refused value is logged by default.</summary>
    public const int ExcerptLength = 64;

    /// <summary><paramref name="value"/> with every such character escaped (the same string when there is none).</summary>
    public static string Escape(string? value) => Escape(value, keepLines: false);

    /// <summary>
    /// With <paramref name="keepLines"/>, line feeds stay (for stack traces) but every line after the first is
    /// indented, so none of them can pass for an entry of its own.
    /// </summary>
    public static string Escape(string? value, bool keepLines)
    {
        if (string.IsNullOrEmpty(value)) return value ?? "";
        int first = FirstUnsafe(value, keepLines);
        if (first < 0) return value;
        var sb = new StringBuilder(value.Length + 16);
        sb.Append(value, 0, first);
        Append(sb, value.AsSpan(first), keepLines);
        return sb.ToString();
    }

    /// <summary>
    /// At most <paramref name="max"/> characters of <paramref name="value"/>, escaped, with the full length
    /// when it was cut: what a log keeps of a value it refused.
    /// </summary>
    public static string Excerpt(string? value, int max = ExcerptLength)
    {
        if (value is null) return "";
        if (value.Length <= max) return Escape(value);
        int cut = char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        return Escape(value[..cut]) + string.Create(CultureInfo.InvariantCulture, $"...({value.Length} characters)");
    }

    /// <summary>
    /// Escapes, in JSON text rendered from <paramref name="from"/> on, the characters JSON may leave raw but that
    /// end a line for some readers or hide text (C1 controls, DEL, line and paragraph separators, zero-width and
    /// bidi characters) as <c>\uXXXX</c>, which decodes to the same value; an unpaired surrogate becomes U+FFFD.
    /// JSON's own escaping already covers quotes, backslashes and the characters below U+0020.
    /// </summary>
    public static void EscapeJson(StringBuilder json, int from)
    {
        bool nonAscii = false;
        foreach (var chunk in json.GetChunks())
            if (chunk.Span.ContainsAnyExceptInRange((char)0, (char)0x7E)) nonAscii = true;
        if (!nonAscii) return;
        string text = json.ToString(from, json.Length - from);
        if (FirstUnsafe(text, keepLines: true) < 0) return;
        json.Length = from;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x7F) json.Append(c);
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) json.Append(c).Append(text[++i]);
            else if (char.IsSurrogate(c)) json.Append("\\ufffd");
            else if (Unsafe(c)) json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else json.Append(c);
        }
    }

    private static int FirstUnsafe(string value, bool keepLines)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c < 0x20 || c >= 0x7F && NeedsEscape(value, i))
            {
                if (keepLines && c == '\n' && (i + 1 == value.Length || value[i + 1] is ' ' or '\t')) continue;
                return i;
            }
        }
        return -1;
    }

    private static bool NeedsEscape(string value, int i)
    {
        char c = value[i];
        if (char.IsHighSurrogate(c)) return i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]);
        if (char.IsLowSurrogate(c)) return i == 0 || !char.IsHighSurrogate(value[i - 1]);
        return Unsafe(c);
    }

    private static bool Unsafe(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator;

    private static void Append(StringBuilder sb, ReadOnlySpan<char> text, bool keepLines)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }
            if (keepLines && (c == '\n' || c == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                if (c == '\r') i++;
                sb.Append('\n');
                if (i + 1 < text.Length && text[i + 1] is not (' ' or '\t')) sb.Append("    ");
                continue;
            }
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c)) sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                    else if (char.IsSurrogate(c) || Unsafe(c)) sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    else sb.Append(c);
                    break;
            }
        }
    }
}
