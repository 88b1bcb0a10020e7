using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SocialGame.Core.Admin;

/// <summary>
/// Signed, expiring operator tokens: <c>&lt;name&gt;.&lt;expires unix seconds&gt;.&lt;hex HMAC-SHA256&gt;</c>, signed over the
/// name, the expiry and the operator's current password hash, so a changed password (or a removed operator) ends
/// every token issued before. The role is looked up at each use, so a changed role applies at once.
/// </summary>
public sealed class OperatorTokens(string secret, int lifetimeSeconds, OperatorDirectory directory)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(secret);

    public int LifetimeSeconds => lifetimeSeconds;
    public OperatorDirectory Directory => directory;

    /// <summary>A token for <paramref name="name"/> good until <paramref name="expires"/>; null for an unknown operator.</summary>
    public string? Mint(string name, long expires)
    {
        var account = directory.Find(name);
        if (account is null) return null;
        string stamp = expires.ToString(CultureInfo.InvariantCulture);
        return $"{name}.{stamp}.{Convert.ToHexStringLower(Sign(name, stamp, account.PasswordHash))}";
    }

    /// <summary>The operator a token names, when it is well formed, signed by this secret, not expired and not too far ahead.</summary>
    public OperatorIdentity? Verify(string token, long now)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[2].Length != 64) return null;
        var account = directory.Find(parts[0]);
        if (account is null || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long expires)) return null;
        byte[] given;
        try
        {
            given = Convert.FromHexString(parts[2]);
        }
        catch (FormatException)
        {
            return null;
        }
        if (!CryptographicOperations.FixedTimeEquals(given, Sign(account.Name, parts[1], account.PasswordHash))) return null;
        if (expires <= now || expires - now > lifetimeSeconds) return null;
        return new OperatorIdentity(account.Name, account.Role);
    }

    private byte[] Sign(string name, string expires, string passwordHash) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("operator|" + name + "|" + expires + "|" + passwordHash));
}
