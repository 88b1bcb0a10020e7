using System.Globalization;
using NLog;
using SocialGame.Core.Gm;
using SocialGame.Core.Logging;
using SocialGame.Core.Sessions;
using SocialGame.Core.Time;
using SocialGame.Modules.Common;
using SocialGame.Protocol;

namespace SocialGame.Modules.Gm;

/// <summary>
/// Runs a GM chat command for an account: GM accounts only (not_gm for the others), every account the command
/// names must be known (unknown_account otherwise, before anything changes), and every attempt is written to the
/// log and the datalog. The text is checked (length, control characters) before anything is logged; a text that
/// fails, and every attempt of a non-GM account, is logged as a short escaped excerpt. A non-GM account's attempts
/// are logged at most <see cref="RefusalsLogged"/> a minute; the rest are counted and the count is written as a
/// summary. The chat entry (gm/1) and the bargain GM op (6/1000) both go through the one runner of the gm module.
/// </summary>
internal sealed class GmRunner(GmCommandRegistry registry, IReadOnlySet<string> gmAccounts, Func<string, Task<bool>> accountExists,
    LogThrottle refusals)
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    public const int MaxTextLength = 1024;
    /// <summary>A non-GM account's attempts written to the logs per account and minute.</summary>
    public const int RefusalsLogged = 3;

    public static GmRunner Create(GmCommandRegistry registry, IEnumerable<string> gmAccounts, Player.PlayerBase player, IClock clock) =>
        new(registry, gmAccounts.ToHashSet(StringComparer.Ordinal), player.Profiles.ExistsAsync, NewRefusalThrottle(clock));

    /// <summary>The throttle of non-GM attempts: <see cref="RefusalsLogged"/> per account and minute, 10,000 accounts tracked.</summary>
    public static LogThrottle NewRefusalThrottle(IClock clock) => new(RefusalsLogged, TimeSpan.FromMinutes(1), 10_000, clock);

    public bool IsGm(string account) => gmAccounts.Contains(account);

    public async Task<GmResult> RunAsync(string account, ISession session, string? text, CancellationToken ct)
    {
        if (!IsGm(account))
        {
            if (refusals.Admit(account, out long suppressed)) LogRefused(session, text, suppressed);
            return new GmResult(ResultCode.NotGm, "不是GM账号 not a GM account");
        }
        GmResult result;
        if (!Validate.Text(text, MaxTextLength))
        {
            result = new GmResult(ResultCode.ParamError,
                $"usage: //gm <command> [args...] (at most {MaxTextLength} characters); //gm help lists the commands");
            Log.Info("gm {Account}: refused a text of {Length} characters: {Text}", account, text?.Length ?? 0, LogText.Excerpt(text));
            DataLog.Write("gm", ("acc", account), ("text", LogText.Excerpt(text)), ("length", text?.Length ?? 0),
                ("result", (int)result.Code));
            return result;
        }
        return await ExecuteAsync(account, session, text!, null, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a GM command for an operator of the web console (the admin port decided the operator may): as the operator's name, in the
    /// log and the datalog with <c>operator</c>.
    /// </summary>
    public Task<GmResult> RunForOperatorAsync(string operatorName, global::System.Net.IPAddress from, string? text, CancellationToken ct)
    {
        if (!Validate.Text(text, MaxTextLength))
            return Task.FromResult(new GmResult(ResultCode.ParamError,
                $"usage: <command> [args...] (at most {MaxTextLength} characters); help lists the commands"));
        return ExecuteAsync(operatorName, new OperatorSession(operatorName, from), text!, operatorName, ct);
    }

    private async Task<GmResult> ExecuteAsync(string account, ISession session, string text, string? operatorName, CancellationToken ct)
    {
        var (command, args) = registry.Find(text);
        var result = command is null
            ? new GmResult(ResultCode.GmUnknownCommand, "unknown command; //gm help lists the commands")
            : await UnknownAccountAsync(command, args).ConfigureAwait(false) ??
              await command.ExecuteAsync(new GmContext(account, session), args, ct).ConfigureAwait(false);
        Log.Info("gm {Account}: {Text} -> {Result}", account, text, result.Code);
        DataLog.Write("gm", ("acc", account), ("operator", operatorName), ("text", text), ("result", (int)result.Code),
            ("output", result.Output));
        return result;
    }

    /// <summary>
    /// One summary entry per account whose window is over with attempts only counted (with <paramref name="all"/>,
    /// every account's, at a stop).
    /// </summary>
    public void WriteSummaries(bool all = false)
    {
        foreach (var (acc, count) in refusals.TakeSummaries(all))
        {
            Log.Warn("{Account} is not a GM but sent {Count} more attempts, only counted", acc, count);
            DataLog.Write("gm", ("acc", acc), ("result", (int)ResultCode.NotGm), ("suppressed", count));
        }
    }

    private static void LogRefused(ISession session, string? text, long suppressed)
    {
        string excerpt = LogText.Excerpt(text);
        string earlier = suppressed > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({suppressed} earlier attempts only counted)")
            : "";
        Log.Warn("{Session} is not a GM but sent {Length} characters: {Text}{Earlier}", session, text?.Length ?? 0, excerpt, earlier);
        DataLog.Write("gm", ("acc", session.Account), ("text", excerpt), ("length", text?.Length ?? 0), ("result", (int)ResultCode.NotGm),
            ("suppressed", suppressed));
    }

    private async Task<GmResult?> UnknownAccountAsync(IGmCommand command, IReadOnlyList<string> args)
    {
        // a malformed account is left to the command's own usage check
        foreach (string account in command.AccountsIn(args).Where(Validate.Account).Distinct(StringComparer.Ordinal))
            if (!await accountExists(account).ConfigureAwait(false))
                return new GmResult(ResultCode.UnknownAccount,
                    $"未知账号 unknown account: {account} (it has no profile: never logged in, or deleted)");
        return null;
    }
}
