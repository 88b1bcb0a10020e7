using System.Globalization;
using System.Text;

namespace SocialGame.Core.Sessions;

/// <summary>
/// What an account name may be: 1-64 characters, none of them <see cref="Forbidden"/>, whitespace, a control
/// character, or an invisible or direction-changing one (zero-width, bidi controls, fillers, selectors), and no
/// unpaired surrogate — so a name reads as what it is in Redis keys, JSON and logs, and cannot pass for another.
/// </summary>
public static class AccountName
{
    public const int MaxLength = 64;

    /// <summary>
    /// Characters that mean something in Redis keys (<c>{ }</c> hash tags, <c>:</c> separators, <c>* ? [ ] \</c>
    /// in SCAN patterns), in JSON (<c>" \</c>) or in stored entries (<c>|</c>).
    /// </summary>
    public const string Forbidden = "{}\":*?[]\\|";

    /// <summary>The rule in words, for messages.</summary>
    public const string Rule = "1-64 characters without { } \" : * ? [ ] \\ |, whitespace, control, zero-width or bidi characters";

    public static bool IsValid(string? value)
    {
        if (value is not { Length: > 0 and <= MaxLength }) return false;
        var span = value.AsSpan();
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out var rune, out int used) != System.Buffers.OperationStatus.Done || !Allowed(rune))
                return false;
            span = span[used..];
        }
        return true;
    }

    private static bool Allowed(Rune rune)
    {
        if (rune.IsAscii) return rune.Value is > 0x20 and < 0x7F && !Forbidden.Contains((char)rune.Value);
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.Control:
            case UnicodeCategory.Format: // zero-width characters, bidi embeddings, overrides and isolates, tags
            case UnicodeCategory.SpaceSeparator:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
            case UnicodeCategory.Surrogate:
            case UnicodeCategory.PrivateUse:
            case UnicodeCategory.OtherNotAssigned:
                return false;
        }
        return !Invisible(rune.Value);
    }

    /// <summary>Characters that show as nothing though their category says otherwise (fillers, the blank braille cell,
    /// selectors).</summary>
    private static bool Invisible(int c) =>
        c is 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x2800 or 0x3164 or 0xFFA0 or 0xFFFC ||
        c is >= 0x180B and <= 0x180F || c is >= 0xFE00 and <= 0xFE0F || c is >= 0xE0100 and <= 0xE01EF;
}
