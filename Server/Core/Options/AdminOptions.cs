using SocialGame.Core.Admin;

namespace SocialGame.Core.Options;

/// <summary>
/// <c>admin</c> in server.json: the operator accounts of the admin port, the signing secret of their tokens,
/// the login lockout, the request body cap and the optional scrape token of <c>/metrics</c>.
/// </summary>
public sealed class AdminOptions : IValidatableOptions
{
    /// <summary>The token secret shipped in the development configuration; refused outside development mode.</summary>
    public const string DevelopmentTokenSecret = "socialgame-development-admin-secret";
    /// <summary>The password of the operator shipped in the development configuration; refused outside development mode.</summary>
    public const string DevelopmentOperatorPassword = "socialgame-development-operator";
    /// <summary>The hash of <see cref="DevelopmentOperatorPassword"/> in the shipped server.json.</summary>
    public const string DevelopmentOperatorHash =
        "pbkdf2-sha256$600000$ZFDtMGg/9/r1FtN3f29IzQ==$JO9rGa8Tic29Sy45QmVkdRGtCVmqb/m0NH7LReUF7gc=";

    /// <summary>HMAC-SHA256 secret of operator tokens (at least 16 characters).</summary>
    public string TokenSecret { get; set; } = DevelopmentTokenSecret;
    /// <summary>How long a token from <c>POST /admin/login</c> is good for.</summary>
    public int TokenLifetimeSeconds { get; set; } = 8 * 3600;
    /// <summary>Failed logins of one operator after which logins are refused until <see cref="LockoutSeconds"/> after the first.</summary>
    public int MaxFailedLogins { get; set; } = 5;
    public int LockoutSeconds { get; set; } = 900;
    /// <summary>Largest request body in bytes; a longer one answers 413 without being read.</summary>
    public int MaxBodyBytes { get; set; } = 16384;
    /// <summary>Empty: <c>/metrics</c> is open. Set: it needs <c>Authorization: Bearer</c> with this value (or an operator
    /// token).</summary>
    public string MetricsToken { get; set; } = "";
    public List<OperatorAccount> Operators { get; set; } = [];

    public void Validate(OptionsValidator v)
    {
        if (TokenSecret.Length < 16) v.Error("tokenSecret", "must be at least 16 characters");
        v.Range("tokenLifetimeSeconds", TokenLifetimeSeconds, 60, 7 * 86400);
        v.Range("maxFailedLogins", MaxFailedLogins, 1, 1000);
        v.Range("lockoutSeconds", LockoutSeconds, 1, 86400);
        v.Range("maxBodyBytes", MaxBodyBytes, 256, 1024 * 1024);
        if (MetricsToken.Length is > 0 and < 16) v.Error("metricsToken", "must be empty or at least 16 characters");
        for (int i = 0; i < Operators.Count; i++)
        {
            if (Operators[i] is null) v.Error($"operators[{i}]", "is null");
            else Operators[i].Validate(v.At($"operators[{i}]."));
        }
        foreach (var dup in Operators.Where(o => o is not null).GroupBy(o => o.Name).Where(g => g.Count() > 1))
            v.Error("operators", $"operator '{dup.Key}' appears twice");
    }
}

/// <summary>One operator of the admin port: a name, a role and a PBKDF2 hash of the password (<c>./run.sh operator-hash</c>).</summary>
public sealed class OperatorAccount : IValidatableOptions
{
    public string Name { get; set => field = value ?? ""; } = "";
    public OperatorRole Role { get; set; }
    public string PasswordHash { get; set => field = value ?? ""; } = "";

    public void Validate(OptionsValidator v)
    {
        if (!OperatorDirectory.ValidName(Name)) v.Error("name", "must be 1-32 letters, digits, '-' or '_'");
        if (!Enum.IsDefined(Role)) v.Error("role", "must be viewer, operator or admin");
        if (OperatorPassword.Problem(PasswordHash) is { } problem) v.Error("passwordHash", problem);
    }
}
