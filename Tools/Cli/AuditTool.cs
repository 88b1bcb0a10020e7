using SocialGame.Core.Options;
using SocialGame.Core.Storage;
using SocialGame.Modules.Player;

namespace SocialGame.Tools;

/// <summary>
/// <c>./run.sh audit</c>: recomputes every balance from its ledger on every primary (each master of a cluster); exit 1 when
/// any differs, 3 when a primary could not be reached (the report names it).
/// </summary>
public static class AuditTool
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = ServerConfig.Load(ServerConfig.ResolveDir(args), forServer: false);
        string address = ToolMain.Option(args, "--redis")
            ?? (options.Redis.Address == "unused:0" ? "127.0.0.1:6390" : options.Redis.Address);
        await using var redis = await RedisStore.ConnectAsync(new RedisOptions { Address = address, ConnectTimeoutMs = 3000,
            OperationTimeoutMs = 10000 });
        if (!redis.IsConnected)
        {
            await Console.Error.WriteLineAsync($"redis {address} is not reachable (set SOCIALGAME_REDIS or start the server with " +
                $"./run.sh)");
            return 2;
        }
        var report = await new LedgerAudit(redis).RunAsync();
        Console.WriteLine(report);
        return report.Mismatches.Count > 0 ? 1 : report.Complete ? 0 : 3;
    }
}
