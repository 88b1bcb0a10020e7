using System.Security.Cryptography;
using System.Text;
using SocialGame.Core.Storage;
using SocialGame.Core.Storage.Keys;
using StackExchange.Redis;

namespace SocialGame.Core.Admin;

/// <summary>A signed-in web console session: the operator (its role read from the directory at each use) and its CSRF token.</summary>
public sealed record ConsoleSession(OperatorIdentity Operator, string Csrf);

/// <summary>
/// The operators' web console sessions, kept in Redis so every node knows them and a sign-out ends them everywhere:
/// the cookie holds a random id, Redis the SHA-256 of it with the operator's name, the session's CSRF token and a
/// fingerprint of the operator's password hash (a changed password or a removed operator ends the session), for
/// <c>admin.tokenLifetimeSeconds</c>.
/// </summary>
public sealed class ConsoleSessions(RedisStore redis, OperatorDirectory directory, int lifetimeSeconds)
{
    public const string CookieName = "sg_console";
    public const string CsrfHeader = "X-CSRF-Token";

    public int LifetimeSeconds => lifetimeSeconds;

    /// <summary>Opens a session for a signed-in operator: the cookie's value and the CSRF token.</summary>
    public async Task<(string Id, string Csrf)> OpenAsync(OperatorIdentity who)
    {
        string id = Random(32), csrf = Random(24);
        string fingerprint = Fingerprint(directory.Find(who.Name)!.PasswordHash);
        await redis.Db.StringSetAsync(Key(id), $"{who.Name}|{csrf}|{fingerprint}", TimeSpan.FromSeconds(lifetimeSeconds))
            .ConfigureAwait(false);
        return (id, csrf);
    }

    /// <summary>The session a cookie names, or null (unknown, expired, signed out, or its operator removed or its password
    /// changed).</summary>
    public async Task<ConsoleSession?> FindAsync(string? id)
    {
        if (id is not { Length: > 0 and <= 128 }) return null;
        var value = await redis.Db.StringGetAsync(Key(id)).ConfigureAwait(false);
        if (value.IsNull) return null;
        var parts = value.ToString().Split('|');
        if (parts.Length != 3) return null;
        var account = directory.Find(parts[0]);
        if (account is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(parts[2]),
                Encoding.ASCII.GetBytes(Fingerprint(account.PasswordHash))))
            return null;
        return new ConsoleSession(new OperatorIdentity(account.Name, account.Role), parts[1]);
    }

    /// <summary>Whether <paramref name="given"/> is the session's CSRF token.</summary>
    public static bool CsrfMatches(ConsoleSession session, string? given) =>
        given is { Length: > 0 and <= 128 } &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given), Encoding.ASCII.GetBytes(session.Csrf));

    /// <summary>Signs out: the session ends on every node.</summary>
    public Task CloseAsync(string? id) => id is { Length: > 0 and <= 128 } ? redis.Db.KeyDeleteAsync(Key(id)) : Task.CompletedTask;

    private static RedisKey Key(string id) =>
        CoreKeys.ConsoleSession(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id))));

    private static string Fingerprint(string passwordHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("console|" + passwordHash)))[..16];

    private static string Random(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
