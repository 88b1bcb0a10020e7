using System.Buffers;
using System.Security.Cryptography;

namespace SocialGame.Modules.Bargain;

/// <summary>Bargain codes: made from a cryptographic random source, read back case-insensitively.</summary>
internal static class BargainCodes
{
    /// <summary>A new code of the configured length range and alphabet.</summary>
    public static string New(BargainCodeOptions options)
    {
        int length = RandomNumberGenerator.GetInt32(options.MinLength, options.MaxLength + 1);
        return RandomNumberGenerator.GetString(options.Alphabet, length);
    }

    /// <summary>
    /// The code a client sent, upper-cased, or null when it cannot be a code (length outside 8-10 or a
    /// character outside the unambiguous alphabet).
    /// </summary>
    public static string? Normalize(string? text)
    {
        if (text is not { Length: >= BargainCodeOptions.ShortestCode and <= BargainCodeOptions.LongestCode }) return null;
        string code = text.ToUpperInvariant();
        return code.AsSpan().ContainsAnyExcept(Unambiguous) ? null : code;
    }

    private static readonly SearchValues<char> Unambiguous = SearchValues.Create(BargainCodeOptions.Unambiguous);
}
