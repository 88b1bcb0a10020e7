using SocialGame.Core.Dispatch;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Bargain;

namespace SocialGame.Modules.Bargain.Handlers;

/// <summary>bargain/2 getcurdata: the player's current bargain with its helpers.</summary>
internal sealed class GetCurDataHandler(BargainService service)
    : Handler<BargainPeriodRequest, BargainGetCurDataResponse>(BargainProtocol.GetCurData)
{
    protected override async ValueTask<BargainGetCurDataResponse> HandleAsync(RequestContext context, BargainPeriodRequest request,
        CancellationToken ct) =>
        BargainInput.Positive(request.Id)
            ? await service.GetCurDataAsync(context.Account, request.Id!.Value).ConfigureAwait(false)
            : Invalid(context, "id");
}
