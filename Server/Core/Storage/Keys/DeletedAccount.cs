using System.Security.Cryptography;

namespace SocialGame.Core.Storage.Keys;

/// <summary>
/// The name a deleted account's kept records show in its place (red-packet grabs, bargain helpers, pass gifts):
/// <see cref="Placeholder"/> and a random tag, not derived from the account, so it cannot be traced back.
/// </summary>
public static class DeletedAccount
{
    public const string Placeholder = "已注销用户/deleted user#";

    /// <summary>A new anonymous name (10 hex digits after the placeholder): one per deletion pass of a module.</summary>
    public static string NewName() => Placeholder + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
}
