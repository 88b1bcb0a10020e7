using System.Globalization;

namespace SocialGame.Modules.Common;

/// <summary>
/// Client versions compared part by part as numbers (1.10.0 is above 1.9.9; a missing part counts as 0, so
/// 3.4 equals 3.4.0). Configured versions are 1-4 numeric parts; a client's reported version may carry a
/// suffix after its numbers ("3.4.0-beta" reads as 3.4.0).
/// </summary>
internal static class ClientVersion
{
    public const int MaxParts = 4;

    /// <summary>A configured version: 1-4 dot-separated numbers, nothing else.</summary>
    public static bool TryParse(string? text, out int[] parts)
    {
        parts = [];
        if (string.IsNullOrEmpty(text) || text.Length > 32) return false;
        var split = text.Split('.');
        if (split.Length > MaxParts) return false;
        var result = new int[split.Length];
        for (int i = 0; i < split.Length; i++)
            if (split[i].Length is 0 or > 6 || !split[i].All(char.IsAsciiDigit) ||
                !int.TryParse(split[i], NumberStyles.None, CultureInfo.InvariantCulture, out result[i])) return false;
        parts = result;
        return true;
    }

    /// <summary>A client's version: its leading dot-separated numbers (at least one), any suffix ignored.</summary>
    public static bool TryParseClient(string? text, out int[] parts)
    {
        parts = [];
        if (string.IsNullOrEmpty(text) || text.Length > 32) return false;
        var list = new List<int>();
        int i = 0;
        while (list.Count < MaxParts)
        {
            int start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]) && i - start < 6) i++;
            if (i == start) break;
            list.Add(int.Parse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture));
            if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1])) i++;
            else break;
        }
        if (list.Count == 0) return false;
        parts = [.. list];
        return true;
    }

    public static int Compare(int[] a, int[] b)
    {
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            int x = i < a.Length ? a[i] : 0, y = i < b.Length ? b[i] : 0;
            if (x != y) return x < y ? -1 : 1;
        }
        return 0;
    }

    /// <summary>Compares two configured versions (both must parse).</summary>
    public static int Compare(string a, string b)
    {
        if (!TryParse(a, out var x) || !TryParse(b, out var y)) throw new FormatException($"not versions: '{a}', '{b}'");
        return Compare(x, y);
    }

    /// <summary>
    /// Whether a client's version is in [min, max] (both inclusive, empty: unbounded). Without a range every
    /// client matches; with one, a client that reported no readable version does not.
    /// </summary>
    public static bool InRange(string? clientVersion, string min, string max)
    {
        if (min.Length == 0 && max.Length == 0) return true;
        if (!TryParseClient(clientVersion, out var v)) return false;
        if (min.Length > 0 && (!TryParse(min, out var lo) || Compare(v, lo) < 0)) return false;
        if (max.Length > 0 && (!TryParse(max, out var hi) || Compare(v, hi) > 0)) return false;
        return true;
    }
}
