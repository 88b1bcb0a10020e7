using SocialGame.Core.Dispatch;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Bargain;

namespace SocialGame.Modules.Bargain.Handlers;

/// <summary>bargain/5 getgoods: pays the rest and receives the goods, exactly once per code.</summary>
internal sealed class GetGoodsHandler(BargainPurchase purchase)
    : Handler<BargainGetGoodsRequest, BargainGetGoodsResponse>(BargainProtocol.GetGoods)
{
    protected override async ValueTask<BargainGetGoodsResponse> HandleAsync(RequestContext context, BargainGetGoodsRequest request,
        CancellationToken ct)
    {
        string? code = BargainCodes.Normalize(request.BargainCode);
        string? bad = !BargainInput.Positive(request.Id) ? "id" : !BargainInput.Positive(request.GoodsId) ? "goodsid" :
            !BargainInput.Positive(request.Idx) ? "idx" : code is null ? "bargaincode" : null;
        if (bad is not null) return Invalid(context, bad);
        var response = await purchase.GetGoodsAsync(context.Account, request.Id!.Value, request.Idx!.Value, request.GoodsId!.Value, code!)
            .ConfigureAwait(false);
        // the one param_error found later: the code is not one of this goods
        if (response.Result == (int)ResultCode.ParamError) context.BadField = "bargaincode";
        return response;
    }
}
