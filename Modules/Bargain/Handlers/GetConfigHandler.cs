using SocialGame.Core.Dispatch;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Bargain;

namespace SocialGame.Modules.Bargain.Handlers;

/// <summary>bargain/1 getconfig: a period and the state of its goods for the player.</summary>
internal sealed class GetConfigHandler(BargainService service)
    : Handler<BargainPeriodRequest, BargainGetConfigResponse>(BargainProtocol.GetConfig)
{
    protected override async ValueTask<BargainGetConfigResponse> HandleAsync(RequestContext context, BargainPeriodRequest request,
        CancellationToken ct) =>
        BargainInput.Positive(request.Id)
            ? await service.GetConfigAsync(context.Account, request.Id!.Value).ConfigureAwait(false)
            : Invalid(context, "id");
}
