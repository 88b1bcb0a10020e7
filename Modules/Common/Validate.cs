using System.Globalization;
using System.Text;

namespace SocialGame.Modules.Common;

/// <summary>Field checks shared by handlers: every client value is checked before it reaches a service.</summary>
public static class Validate
{
    public const int MaxAccountLength = 64;

    /// <summary>
    /// Characters an account may not contain because they mean something in Redis keys (<c>{ }</c> hash tags,
    /// <c>:</c> separators, <c>* ? [ ] \</c> in SCAN patterns), in JSON (<c>" \</c>) or in stored entries (<c>|</c>).
    /// </summary>
    public const string AccountForbidden = "{}\":*?[]\\|";

    /// <summary>
    /// An account: 1-64 characters, none of them <see cref="AccountForbidden"/>, whitespace, a control
    /// character, or an invisible or direction-changing one (zero-width, bidi controls, fillers), and no
    /// unpaired surrogate — so it reads as what it is in keys, JSON and logs.
    /// </summary>
    public static bool Account(string? value)
    {
        if (value is not { Length: > 0 and <= MaxAccountLength }) return false;
        var span = value.AsSpan();
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out var rune, out int used) != global::System.Buffers.OperationStatus.Done) return false;
            if (!AccountRune(rune)) return false;
            span = span[used..];
        }
        return true;
    }

    private static bool AccountRune(Rune rune)
    {
        if (rune.IsAscii) return rune.Value is > 0x20 and < 0x7F && !AccountForbidden.Contains((char)rune.Value);
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

    /// <summary>Characters that show as nothing though their category says otherwise (fillers, the blank braille cell, selectors).</summary>
    private static bool Invisible(int c) =>
        c is 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x180E or 0x2800 or 0x3164 or 0xFFA0 or 0xFFFC ||
        c is >= 0x180B and <= 0x180F || c is >= 0xFE00 and <= 0xFE0F || c is >= 0xE0100 and <= 0xE01EF;

    /// <summary>An optional free-text field: absent, or at most <paramref name="max"/> characters without control characters.</summary>
    public static bool OptionalText(string? value, int max) =>
        value is null || (value.Length <= max && !value.Any(char.IsControl));

    public static bool Text(string? value, int max) => value is { Length: > 0 } && OptionalText(value, max);
}
