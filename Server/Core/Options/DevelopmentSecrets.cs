using NLog;
using SocialGame.Core.Admin;

namespace SocialGame.Core.Options;

/// <summary>
/// The secrets shipped for local development (token secrets, the payment secret, the development operator's
/// password) are public: in development mode the server warns about each one in use; otherwise it refuses to
/// start, naming the file and the setting.
/// </summary>
public static class DevelopmentSecrets
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    /// <summary>Refuses (outside development mode) or warns about a shipped secret found in <paramref name="file"/> at
    /// <paramref name="field"/>.</summary>
    public static void Refuse(bool development, string file, string field, string risk)
    {
        if (!development)
            throw new ConfigException($"{file}: {field}: is the shipped development secret ({risk}); set a real one (README.md, " +
                "Security) " +
                "or, for a local run only, start in development mode (SOCIALGAME_DEVELOPMENT=1, as ./run.sh does)");
        Log.Warn("{File}: {Field} is the development secret: {Risk}. Set a real secret before going live.", file, field, risk);
    }

    /// <summary>The checks of server.json: <c>auth.secret</c>, <c>admin.tokenSecret</c> and every operator's password.</summary>
    public static void CheckServer(ServerOptions options, string file)
    {
        if (options.Auth.Secret == ServerOptions.DevelopmentSecret)
            Refuse(options.Development, file, "auth.secret", "anyone can mint login tokens");
        if (options.Admin.TokenSecret == AdminOptions.DevelopmentTokenSecret)
            Refuse(options.Development, file, "admin.tokenSecret", "anyone can mint operator tokens");
        var operators = options.Admin.Operators;
        for (int i = 0; i < operators.Count; i++)
        {
            // A full check is a deliberately slow hash per operator: done where it matters, outside development mode.
            bool shipped = options.Development
                ? operators[i].PasswordHash == AdminOptions.DevelopmentOperatorHash
                : OperatorPassword.Verify(AdminOptions.DevelopmentOperatorPassword, operators[i].PasswordHash);
            if (shipped)
                Refuse(options.Development, file, $"admin.operators[{i}].passwordHash",
                    $"operator {operators[i].Name} has the published development password");
        }
    }
}
