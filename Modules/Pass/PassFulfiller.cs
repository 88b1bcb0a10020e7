using SocialGame.Modules.Player;
using SocialGame.Modules.Player.Payments;

namespace SocialGame.Modules.Pass;

/// <summary>Fulfils paid "pass" orders: the order's extra is the gift id; unlock it, or record the RMB refund.</summary>
internal sealed class PassFulfiller(PassGifts gifts) : IOrderFulfiller
{
    private static readonly NLog.Logger Log = NLog.LogManager.GetCurrentClassLogger();

    public string Module => "pass";

    public async Task<bool> FulfilAsync(Order order, ProductDef product)
    {
        var gift = await gifts.GetAsync(order.Extra).ConfigureAwait(false);
        if (gift is not { } g || g.From != order.Account || g.OrderId != order.Id)
        {
            Log.Error("order {Order} of {Account}: pass gift '{Gift}' is not paid by this order; left PAID for an operator", order.Id,
                order.Account, order.Extra);
            return false;
        }
        await gifts.UnlockAsync(order.Extra, g.From, g.To,
            () => gifts.RecordRmbRefundAsync(order.Extra, order.Id, order.Account, order.Amount)).ConfigureAwait(false);
        return true;
    }
}
