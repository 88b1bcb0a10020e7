
namespace SocialGame.Core.Options;

/// <summary>Reads <c>server.json</c> from the configuration folder, applies the environment, validates.</summary>
internal static class ServerConfig
{
    public const string FileName = "server.json";

    /// <summary>
    /// Loads and validates. <paramref name="forServer"/> false (the tools) does not require a Redis address.
    /// </summary>
    public static ServerOptions Load(string configDir, Func<string, string?>? env = null, bool forServer = true)
    {
        string path = Path.Combine(configDir, FileName);
        var options = ConfigLoader.Load<ServerOptions>(path, validate: false);
        options.ApplyEnvironment(env ?? Environment.GetEnvironmentVariable);
        if (!forServer && string.IsNullOrWhiteSpace(options.Redis.Address)) options.Redis.Address = "unused:0";
        ConfigLoader.Validate(options, path);
        return options;
    }

    /// <summary>The configuration folder: --config DIR, else SOCIALGAME_CONFIG, else ./Config.</summary>
    public static string ResolveDir(string[] args)
    {
        int i = Array.IndexOf(args, "--config");
        if (i >= 0 && i + 1 < args.Length) return args[i + 1];
        return Environment.GetEnvironmentVariable("SOCIALGAME_CONFIG") is { Length: > 0 } dir ? dir : "Config";
    }
}
