using SocialGame.Core.Dispatch;
using SocialGame.Modules.Common;
using SocialGame.Modules.Player.Payments;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Player;

namespace SocialGame.Modules.Player.Handlers;

/// <summary>
/// player/8 createorder: an RMB order for a product of the player base (currencies, items); the payment callback
/// fulfils it. Unpaid orders expire, and an account holds only so many at once. Other modules' products (a red packet, a pass gift) are
/// ordered by those modules' own requests, which tie the order to what it pays for.
/// </summary>
internal sealed class CreateOrderHandler(Payments.Payments payments, ProductCatalog products, Ledger ledger, ItemCatalog items)
    : Handler<CreateOrderRequest, CreateOrderResponse>(PlayerProtocol.CreateOrder)
{
    /// <summary>
    /// Whether the product grants only items the player holds for good that cannot stack (a season pass bought
    /// twice): granting them again changes nothing, so the money would buy nothing.
    /// </summary>
    private async Task<bool> OwnedForGoodAsync(string account, ProductDef product)
    {
        if (product.Currencies.Count > 0 || product.Items.Count == 0) return false;
        if (product.Items.Any(i => items.Find(i.ItemId) is not { Stackable: false, DurationDays: 0 })) return false;
        var held = (await ledger.GetInventoryAsync(account).ConfigureAwait(false)).Where(h => h.ExpireTime == 0).Select(h => h.Item.Id)
            .ToHashSet();
        return product.Items.All(i => held.Contains(i.ItemId));
    }

    protected override async ValueTask<CreateOrderResponse> HandleAsync(RequestContext context, CreateOrderRequest request,
        CancellationToken ct)
    {
        if (!Validate.Text(request.ProductId, 64)
            || products.Find(request.ProductId!) is not { Module: PlayerFulfiller.ModuleName } product)
            return Invalid(context, "productid");
        if (!Validate.OptionalText(request.Extra, 256)) return Invalid(context, "extra");
        if (await OwnedForGoodAsync(context.Account, product).ConfigureAwait(false)) return Fail(ResultCode.AlreadyOwned);
        if (await payments.CreateAsync(context.Account, product, request.Extra ?? "").ConfigureAwait(false) is not { } order)
            return Fail(ResultCode.TooManyUnpaid);
        return new CreateOrderResponse { OrderId = order.Id, Amount = order.Amount, Expires = order.Expires };
    }
}
