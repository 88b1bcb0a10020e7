using SocialGame.Core.Sessions;

namespace SocialGame.Modules.Common;

/// <summary>Field checks shared by handlers: every client value is checked before it reaches a service.</summary>
public static class Validate
{
    public const int MaxAccountLength = AccountName.MaxLength;

    /// <summary>An account name (<see cref="AccountName"/>): nothing in it means something in keys, JSON or logs, or hides itself.</summary>
    public static bool Account(string? value) => AccountName.IsValid(value);

    /// <summary>An optional free-text field: absent, or at most <paramref name="max"/> characters without control characters.</summary>
    public static bool OptionalText(string? value, int max) =>
        value is null || (value.Length <= max && !value.Any(char.IsControl));

    public static bool Text(string? value, int max) => value is { Length: > 0 } && OptionalText(value, max);
}
