using System.Text.Json;
using NLog;
using SocialGame.Core;
using SocialGame.Core.Gm;
using SocialGame.Core.Logging;
using SocialGame.Core.Sessions;
using SocialGame.Modules.Common;
using SocialGame.Protocol;

namespace SocialGame.Modules.Gm;

/// <summary>
/// Runs a GM chat command for an account: GM accounts only (not_gm for the others), every account the command
/// names must be known (unknown_account otherwise, before anything changes), and every attempt is written to the
/// log and the datalog. The chat entry (gm/1) and the bargain GM op (6/1000) both go through it.
/// </summary>
public sealed class GmRunner(GmCommandRegistry registry, IReadOnlySet<string> gmAccounts, Func<string, Task<bool>> accountExists)
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    public const int MaxTextLength = 1024;

    public static GmRunner Create(ServerServices services, GmCommandRegistry registry, Player.PlayerBase player) =>
        new(registry, services.Options.Gm.Accounts.ToHashSet(StringComparer.Ordinal), player.Profiles.ExistsAsync);

    public bool IsGm(string account) => gmAccounts.Contains(account);

    public async Task<GmResult> RunAsync(string account, ISession session, string? text, CancellationToken ct)
    {
        string logged = JsonSerializer.Serialize(text);
        if (!IsGm(account))
        {
            Log.Warn("{0} is not a GM but sent: {1}", session, logged);
            DataLog.Write("gm", ("acc", account), ("text", text), ("result", (int)ResultCode.NotGm));
            return new GmResult(ResultCode.NotGm, "不是GM账号 not a GM account");
        }
        GmResult result;
        if (!Validate.Text(text, MaxTextLength))
        {
            result = new GmResult(ResultCode.ParamError, "usage: //gm <command> [args...]; //gm help lists the commands");
        }
        else
        {
            var (command, args) = registry.Find(text!);
            result = command is null
                ? new GmResult(ResultCode.GmUnknownCommand, "unknown command; //gm help lists the commands")
                : await UnknownAccountAsync(command, args).ConfigureAwait(false) ??
                  await command.ExecuteAsync(new GmContext(account, session), args, ct).ConfigureAwait(false);
        }
        Log.Info("gm {0}: {1} -> {2}", account, logged, result.Code);
        DataLog.Write("gm", ("acc", account), ("text", text), ("result", (int)result.Code), ("output", result.Output));
        return result;
    }

    private async Task<GmResult?> UnknownAccountAsync(IGmCommand command, IReadOnlyList<string> args)
    {
        // a malformed account is left to the command's own usage check
        foreach (string account in command.AccountsIn(args).Where(Validate.Account).Distinct(StringComparer.Ordinal))
            if (!await accountExists(account).ConfigureAwait(false))
                return new GmResult(ResultCode.UnknownAccount, $"未知账号 unknown account: {account} (it has no profile: never logged in, or deleted)");
        return null;
    }
}
