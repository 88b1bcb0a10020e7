using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SocialGame.Core.Auth;

public enum TokenCheck
{
    Ok,
    Malformed,
    Expired,
    TooFarAhead,
    BadSignature,
}

/// <summary>
/// Login tokens: <c>"&lt;expires_unix_seconds&gt;.&lt;hex HMAC-SHA256(secret, acc + "|" + expires)&gt;"</c>.
/// </summary>
public sealed class TokenService(string secret, int maxLifetimeSeconds)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(secret);

    public string Mint(string account, long expiresUnixSeconds) =>
        expiresUnixSeconds.ToString(CultureInfo.InvariantCulture) + "." + Convert.ToHexStringLower(Sign(account, expiresUnixSeconds));

    public TokenCheck Verify(string account, string token, long nowUnixSeconds)
    {
        int dot = token.IndexOf('.');
        if (dot <= 0 || dot > 19 || token.Length - dot - 1 != 64) return TokenCheck.Malformed;
        if (!long.TryParse(token.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out long expires))
            return TokenCheck.Malformed;
        byte[] given;
        try
        {
            given = Convert.FromHexString(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return TokenCheck.Malformed;
        }
        if (!CryptographicOperations.FixedTimeEquals(given, Sign(account, expires))) return TokenCheck.BadSignature;
        if (expires <= nowUnixSeconds) return TokenCheck.Expired;
        if (expires - nowUnixSeconds > maxLifetimeSeconds) return TokenCheck.TooFarAhead;
        return TokenCheck.Ok;
    }

    private byte[] Sign(string account, long expires) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(account + "|" + expires.ToString(CultureInfo.InvariantCulture)));
}
