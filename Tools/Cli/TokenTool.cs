using SocialGame.Core.Auth;
using SocialGame.Core.Options;
using SocialGame.Core.Sessions;

namespace SocialGame.Tools;

/// <summary>Mints a login token with the configured secret.</summary>
public static class TokenTool
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("usage: token ACC [--ttl SECONDS] [--config DIR]");
            return 2;
        }
        if (!AccountName.IsValid(args[0]))
        {
            Console.Error.WriteLine("not an account name the server accepts: " + AccountName.Rule);
            return 2;
        }
        var options = ServerConfig.Load(ServerConfig.ResolveDir(args), forServer: false);
        long ttl = long.TryParse(ToolMain.Option(args, "--ttl"), out long t) ? t : 86400;
        Console.WriteLine(Mint(options, args[0], ttl));
        return 0;
    }

    public static string Mint(ServerOptions options, string account, long ttlSeconds) =>
        new TokenService(options.Auth.Secret, options.Auth.MaxTokenLifetimeSeconds)
            .Mint(account, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + ttlSeconds);
}
