using SocialGame.Core.Dispatch;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Bargain;

namespace SocialGame.Modules.Bargain.Handlers;

/// <summary>bargain/5 getgoods: pays the rest and receives the goods, exactly once per code.</summary>
public sealed class GetGoodsHandler(BargainPurchase purchase) : Handler<BargainGetGoodsRequest, BargainGetGoodsResponse>(BargainProtocol.GetGoods)
{
    protected override async ValueTask<BargainGetGoodsResponse> HandleAsync(RequestContext context, BargainGetGoodsRequest request, CancellationToken ct)
    {
        string? code = BargainCodes.Normalize(request.BargainCode);
        if (!BargainInput.Positive(request.Id) || !BargainInput.Positive(request.Idx) || !BargainInput.Positive(request.GoodsId) || code is null)
            return Fail(ResultCode.ParamError);
        return await purchase.GetGoodsAsync(context.Account, request.Id!.Value, request.Idx!.Value, request.GoodsId!.Value, code).ConfigureAwait(false);
    }
}
