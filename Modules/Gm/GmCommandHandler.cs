using SocialGame.Core.Dispatch;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Gm;

namespace SocialGame.Modules.Gm;

/// <summary>gm/1 command: a GM chat command, run by <see cref="GmRunner"/>.</summary>
internal sealed class GmCommandHandler(GmRunner runner) : Handler<GmCommandRequest, GmCommandResponse>(GmProtocol.Command)
{
    protected override async ValueTask<GmCommandResponse> HandleAsync(RequestContext context, GmCommandRequest request,
        CancellationToken ct)
    {
        var result = await runner.RunAsync(context.Account, context.Session, request.Text, ct).ConfigureAwait(false);
        return new GmCommandResponse { Result = (int)result.Code, Output = result.Output };
    }
}
