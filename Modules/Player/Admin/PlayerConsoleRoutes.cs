using SocialGame.Core.Admin;
using SocialGame.Core.Sessions;

namespace SocialGame.Modules.Player.Admin;

/// <summary>
/// GET /admin/players/{acc} (viewer): what an operator looks at first about a player: profile, wallet, inventory, the newest 20
/// ledger entries, friends, the node it is connected to (null: offline) and its unpaid orders. 404 for an account without a profile.
/// </summary>
internal sealed class PlayerLookupRoute(PlayerBase player, SessionService sessions) : IAdminRoute
{
    public const int LedgerTail = 20;
    public string Method => "GET";
    public string Pattern => "/admin/players/{acc}";

    public async Task<AdminResponse> HandleAsync(AdminRequest request, CancellationToken ct)
    {
        string acc = request.RouteValues.GetValueOrDefault("acc") ?? "";
        if (!Common.Validate.Account(acc)) return AdminResponse.Invalid("acc", "is not an account name");
        var profile = await player.Profiles.GetAsync(acc).ConfigureAwait(false);
        if (profile is null) return AdminResponse.Error(404, "未知账号 unknown account (no profile: never logged in, or deleted)");
        var orders = new List<object>();
        foreach (string id in await player.Payments.UnpaidOfAsync(acc).ConfigureAwait(false))
            if (await player.Payments.GetAsync(id).ConfigureAwait(false) is { } order) orders.Add(OrderJson.Of(order));
        return AdminResponse.Ok(new
        {
            acc,
            profile,
            wallet = await player.Ledger.GetWalletAsync(acc).ConfigureAwait(false),
            inventory = (await player.Ledger.GetInventoryAsync(acc).ConfigureAwait(false))
                .Select(i => new { id = i.Item.Id, name = i.Item.Name, count = i.Count, expire = i.ExpireTime }),
            ledger = (await player.Ledger.TailAsync(acc, LedgerTail).ConfigureAwait(false))
                .Select(e => new { id = e.Id, fields = e.Fields }),
            friends = await player.Friends.ListAsync(acc).ConfigureAwait(false),
            node = await sessions.LocateAsync(acc).ConfigureAwait(false),
            unpaidOrders = orders,
        });
    }
}

/// <summary>
/// POST /admin/orders/{id}/fulfil (operator): runs a PAID order's fulfilment again (one a module could not fulfil, or stuck); the
/// fulfilment is idempotent, so a repeat grants nothing twice. Answers the order after, 409 when it is not PAID (nor fulfilled).
/// </summary>
internal sealed class FulfilOrderRoute(Payments.Payments payments) : IAdminRoute
{
    public string Method => "POST";
    public string Pattern => "/admin/orders/{id}/fulfil";

    public async Task<AdminResponse> HandleAsync(AdminRequest request, CancellationToken ct)
    {
        string id = request.RouteValues.GetValueOrDefault("id") ?? "";
        if (!Common.Validate.Text(id, 64)) return AdminResponse.Invalid("id", "is not an order id");
        var before = await payments.GetAsync(id).ConfigureAwait(false);
        if (before is null) return AdminResponse.Error(404, "unknown order");
        bool fulfilled = await payments.FulfilAsync(id).ConfigureAwait(false);
        var after = OrderJson.Of((await payments.GetAsync(id).ConfigureAwait(false))!);
        return (fulfilled
                ? AdminResponse.Ok(new { fulfilled, order = after })
                : new AdminResponse(409, new
                {
                    error = $"order {id} was not fulfilled (state {Payments.OrderStates.Codec.Write(before.State)}): see the log",
                    order = after,
                }))
            with { Before = OrderJson.Of(before), After = after };
    }
}

internal static class OrderJson
{
    public static object Of(Payments.Order order) => new
    {
        orderid = order.Id, acc = order.Account, productid = order.ProductId, amount = order.Amount,
        state = Payments.OrderStates.Codec.Write(order.State), txid = order.TxId,
    };
}
