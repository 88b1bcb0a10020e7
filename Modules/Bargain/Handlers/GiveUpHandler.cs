using SocialGame.Core.Dispatch;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Bargain;

namespace SocialGame.Modules.Bargain.Handlers;

/// <summary>bargain/8 giveup: the current bargain goes back to select.</summary>
internal sealed class GiveUpHandler(BargainService service) : Handler<BargainGoodsRequest, ResultOnly>(BargainProtocol.GiveUp)
{
    protected override async ValueTask<ResultOnly> HandleAsync(RequestContext context, BargainGoodsRequest request, CancellationToken ct) =>
        BargainInput.FirstBad(request) is not { } bad
            ? ResultOnly.Of(await service.GiveUpAsync(context.Account, request.Id!.Value, request.Idx!.Value, request.GoodsId!.Value)
                .ConfigureAwait(false))
            : Invalid(context, bad);
}
