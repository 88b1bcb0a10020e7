using NLog;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Gm;
using SocialGame.Core.Logging;
using SocialGame.Modules.Common;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Gm;

namespace SocialGame.Modules.Gm;

/// <summary>gm/1 command: GM accounts only; finds the command, runs it, writes every attempt to the datalog.</summary>
public sealed class GmCommandHandler(GmCommandRegistry registry, IReadOnlySet<string> gmAccounts) : Handler<GmCommandRequest, GmCommandResponse>
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    public override OpDef Op => GmProtocol.Command;

    protected override async ValueTask<GmCommandResponse> HandleAsync(RequestContext context, GmCommandRequest request, CancellationToken ct)
    {
        string acc = context.Account;
        if (!gmAccounts.Contains(acc))
        {
            Log.Warn("{0} is not a GM but sent: {1}", context.Session, request.Text);
            DataLog.Write("gm", ("acc", acc), ("text", request.Text), ("result", (int)ResultCode.NotGm));
            return new GmCommandResponse { Result = (int)ResultCode.NotGm, Output = "not a GM account" };
        }
        GmResult result;
        if (!Validate.Text(request.Text, 1024))
        {
            result = new GmResult(ResultCode.ParamError, "usage: //gm <command> [args...]; //gm help lists the commands");
        }
        else
        {
            var (command, args) = registry.Find(request.Text!);
            result = command is null
                ? new GmResult(ResultCode.GmUnknownCommand, "unknown command; //gm help lists the commands")
                : await command.ExecuteAsync(new GmContext(acc, context.Session), args, ct).ConfigureAwait(false);
        }
        Log.Info("gm {0}: {1} -> {2}", acc, request.Text, (ResultCode)result.Code);
        DataLog.Write("gm", ("acc", acc), ("text", request.Text), ("result", (int)result.Code), ("output", result.Output));
        return new GmCommandResponse { Result = (int)result.Code, Output = result.Output };
    }
}
