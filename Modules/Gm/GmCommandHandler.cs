using System.Globalization;
using NLog;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Gm;
using SocialGame.Core.Logging;
using SocialGame.Core.Sessions;
using SocialGame.Modules.Common;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Gm;

namespace SocialGame.Modules.Gm;

/// <summary>
/// gm/1 command: GM accounts only; finds the command, runs it, writes every attempt to the datalog. The text
/// is checked (length, control characters) before anything is logged; a text that fails, and every attempt
/// of a non-GM account, is logged as a short escaped excerpt. A non-GM account's attempts are logged at most
/// <see cref="RefusalsLogged"/> a minute; the rest are counted and the count is written as a summary.
/// </summary>
public sealed class GmCommandHandler(GmCommandRegistry registry, IReadOnlySet<string> gmAccounts, LogThrottle refusals) : Handler<GmCommandRequest, GmCommandResponse>(GmProtocol.Command)
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    public const int MaxTextLength = 1024;
    /// <summary>A non-GM account's attempts written to the logs per account and minute.</summary>
    public const int RefusalsLogged = 3;

    /// <summary>The throttle of non-GM attempts: <see cref="RefusalsLogged"/> per account and minute, 10,000 accounts tracked.</summary>
    public static LogThrottle NewRefusalThrottle(Core.Time.IClock clock) => new(RefusalsLogged, TimeSpan.FromMinutes(1), 10_000, clock);

    protected override async ValueTask<GmCommandResponse> HandleAsync(RequestContext context, GmCommandRequest request, CancellationToken ct)
    {
        string acc = context.Account;
        string? text = request.Text;
        if (!gmAccounts.Contains(acc))
        {
            if (refusals.Admit(acc, out long suppressed)) LogRefused(context.Session, text, suppressed);
            return new GmCommandResponse { Result = (int)ResultCode.NotGm, Output = "not a GM account" };
        }
        GmResult result;
        if (!Validate.Text(text, MaxTextLength))
        {
            result = new GmResult(ResultCode.ParamError, $"usage: //gm <command> [args...] (at most {MaxTextLength} characters); //gm help lists the commands");
            Log.Info("gm {0}: refused a text of {1} characters: {2}", acc, text?.Length ?? 0, LogText.Excerpt(text));
            DataLog.Write("gm", ("acc", acc), ("text", LogText.Excerpt(text)), ("length", text?.Length ?? 0), ("result", (int)result.Code));
            return new GmCommandResponse { Result = (int)result.Code, Output = result.Output };
        }
        var (command, args) = registry.Find(text!);
        result = command is null
            ? new GmResult(ResultCode.GmUnknownCommand, "unknown command; //gm help lists the commands")
            : await command.ExecuteAsync(new GmContext(acc, context.Session), args, ct).ConfigureAwait(false);
        Log.Info("gm {0}: {1} -> {2}", acc, text, (ResultCode)result.Code);
        DataLog.Write("gm", ("acc", acc), ("text", text), ("result", (int)result.Code), ("output", result.Output));
        return new GmCommandResponse { Result = (int)result.Code, Output = result.Output };
    }

    private static void LogRefused(ISession session, string? text, long suppressed)
    {
        string excerpt = LogText.Excerpt(text);
        string earlier = suppressed > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({suppressed} earlier attempts only counted)") : "";
        Log.Warn("{0} is not a GM but sent {1} characters: {2}{3}", session, text?.Length ?? 0, excerpt, earlier);
        DataLog.Write("gm", ("acc", session.Account), ("text", excerpt), ("length", text?.Length ?? 0), ("result", (int)ResultCode.NotGm), ("suppressed", suppressed));
    }

    /// <summary>
    /// One summary entry per account whose window is over with attempts only counted (with <paramref name="all"/>,
    /// every account's, at a stop).
    /// </summary>
    public void WriteSummaries(bool all = false)
    {
        foreach (var (acc, count) in refusals.TakeSummaries(all))
        {
            Log.Warn("{0} is not a GM but sent {1} more attempts, only counted", acc, count);
            DataLog.Write("gm", ("acc", acc), ("result", (int)ResultCode.NotGm), ("suppressed", count));
        }
    }
}
