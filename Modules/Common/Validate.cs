using System.Buffers;
using SocialGame.Core.Sessions;

namespace SocialGame.Modules.Common;

/// <summary>Field checks shared by handlers: every client value is checked before it reaches a service.</summary>
internal static class Validate
{
    public const int MaxAccountLength = AccountName.MaxLength;

    /// <summary>An account name (<see cref="AccountName"/>): nothing in it means something in keys, JSON or logs, or hides
    /// itself.</summary>
    public static bool Account(string? value) => AccountName.IsValid(value);

    /// <summary>An optional free-text field: absent, or at most <paramref name="max"/> characters without control characters.</summary>
    public static bool OptionalText(string? value, int max) =>
        value is null || (value.Length <= max && !HasControl(value));

    public static bool Text(string? value, int max) => value is { Length: > 0 } && OptionalText(value, max);

    /// <summary>A key the client makes per request (reqid): 1-64 ASCII letters, digits, '-' or '_'.</summary>
    public static bool RequestId(string? value) =>
        value is { Length: > 0 and <= 64 } && !value.AsSpan().ContainsAnyExcept(RequestIdChars);

    private static readonly SearchValues<char> RequestIdChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static bool HasControl(string value)
    {
        foreach (char c in value)
            if (char.IsControl(c)) return true;
        return false;
    }
}
