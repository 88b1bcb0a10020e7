using System.Security.Cryptography;
using System.Text;
using SocialGame.Core.Time;

namespace SocialGame.Core.Admin;

/// <summary>The answer to "may this caller use this route": the operator, or 401 (no or bad credentials) / 403 (a role too low).</summary>
internal sealed record AdminAuthorization(int Status, OperatorIdentity? Operator, string? Error)
{
    public bool Allowed => Status == 200;
}

/// <summary>
/// Checks the <c>Authorization: Bearer &lt;token&gt;</c> header of an admin request against the route's minimum role,
/// and the scrape token of <c>/metrics</c>.
/// </summary>
internal sealed class AdminGate(OperatorTokens tokens, IClock clock, string metricsToken)
{
    private readonly byte[] _metricsHash = SHA256.HashData(Encoding.UTF8.GetBytes(metricsToken));

    public AdminAuthorization Authorize(string? authorization, OperatorRole minimum) => Authorize(Identify(authorization), minimum);

    /// <summary>The answer for an operator identified otherwise (a console session), or 401 for none.</summary>
    public static AdminAuthorization Authorize(OperatorIdentity? who, OperatorRole minimum)
    {
        if (who is null)
            return new AdminAuthorization(401, null,
                "operator credentials required: Authorization: Bearer <token from POST /admin/login>, or a console session");
        return who.May(minimum)
            ? new AdminAuthorization(200, who, null)
            : new AdminAuthorization(403, who, $"role {OperatorRoles.Name(who.Role)} may not do this; it needs " +
                $"{OperatorRoles.Name(minimum)}");
    }

    /// <summary>Whether <c>/metrics</c> may be read: no scrape token configured, the scrape token, or an operator's token.</summary>
    public bool MayScrape(string? authorization)
    {
        if (metricsToken.Length == 0) return true;
        string? given = Bearer(authorization);
        if (given is null) return false;
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _metricsHash)
            || Identify(authorization) is not null;
    }

    private OperatorIdentity? Identify(string? authorization) =>
        Bearer(authorization) is { } token ? tokens.Verify(token, clock.UtcNow.ToUnixTimeSeconds()) : null;

    private static string? Bearer(string? authorization) =>
        authorization is { Length: > 7 and <= 512 } && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization[7..].Trim()
            : null;
}
