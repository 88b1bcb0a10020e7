using SocialGame.Core.Dispatch;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Bargain;

namespace SocialGame.Modules.Bargain.Handlers;

/// <summary>bargain/6 gethelp: the player's helps in a period and how many are left.</summary>
internal sealed class GetHelpHandler(BargainService service)
    : Handler<BargainPeriodRequest, BargainGetHelpResponse>(BargainProtocol.GetHelp)
{
    protected override async ValueTask<BargainGetHelpResponse> HandleAsync(RequestContext context, BargainPeriodRequest request,
        CancellationToken ct) =>
        BargainInput.Positive(request.Id)
            ? await service.GetHelpAsync(context.Account, request.Id!.Value).ConfigureAwait(false)
            : Invalid(context, "id");
}
