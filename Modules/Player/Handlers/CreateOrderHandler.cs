using SocialGame.Core.Dispatch;
using SocialGame.Modules.Common;
using SocialGame.Modules.Player.Payments;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Player;

namespace SocialGame.Modules.Player.Handlers;

/// <summary>
/// player/8 createorder: an RMB order for a product of the player base (currencies, items); the payment callback
/// fulfils it. Other modules' products (a red packet, a pass gift) are ordered by those modules' own requests,
/// which tie the order to what it pays for.
/// </summary>
public sealed class CreateOrderHandler(Payments.Payments payments, ProductCatalog products) : Handler<CreateOrderRequest, CreateOrderResponse>
{
    public override OpDef Op => PlayerProtocol.CreateOrder;

    protected override async ValueTask<CreateOrderResponse> HandleAsync(RequestContext context, CreateOrderRequest request, CancellationToken ct)
    {
        if (!Validate.Text(request.ProductId, 64) || !Validate.OptionalText(request.Extra, 256)) return Fail(ResultCode.ParamError);
        if (products.Find(request.ProductId!) is not { Module: PlayerFulfiller.ModuleName } product) return Fail(ResultCode.ParamError);
        Order order = await payments.CreateAsync(context.Account, product, request.Extra ?? "").ConfigureAwait(false);
        return new CreateOrderResponse { OrderId = order.Id, Amount = order.Amount };
    }
}
