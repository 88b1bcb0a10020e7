using SocialGame.Core.Dispatch;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Bargain;

namespace SocialGame.Modules.Bargain.Handlers;

/// <summary>bargain/3 start: a new bargain on a goods, or back to one selected earlier.</summary>
internal sealed class StartHandler(BargainService service) : Handler<BargainGoodsRequest, BargainStartResponse>(BargainProtocol.Start)
{
    protected override async ValueTask<BargainStartResponse> HandleAsync(RequestContext context, BargainGoodsRequest request,
        CancellationToken ct) =>
        BargainInput.FirstBad(request) is not { } bad
            ? await service.StartAsync(context.Account, request.Id!.Value, request.Idx!.Value, request.GoodsId!.Value).ConfigureAwait(false)
            : Invalid(context, bad);
}
