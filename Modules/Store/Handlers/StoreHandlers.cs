using SocialGame.Core.Dispatch;
using SocialGame.Modules.Common;
using SocialGame.Modules.Player;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Store;

namespace SocialGame.Modules.Store.Handlers;

/// <summary>store/1 stores.</summary>
internal sealed class StoresHandler(StoreService store) : Handler<EmptyRequest, StoresResponse>(StoreProtocol.Stores)
{
    protected override async ValueTask<StoresResponse> HandleAsync(RequestContext context, EmptyRequest request, CancellationToken ct) =>
        new() { Stores = await store.StoresAsync(context.Account).ConfigureAwait(false) };
}

/// <summary>store/2 items.</summary>
internal sealed class ItemsHandler(StoreService store) : Handler<StoreItemsRequest, StoreItemsResponse>(StoreProtocol.Items)
{
    protected override async ValueTask<StoreItemsResponse> HandleAsync(RequestContext context, StoreItemsRequest request,
        CancellationToken ct)
    {
        if (!StoreOptions.ValidId(request.StoreId) || store.Options.Find(request.StoreId!) is null) return Invalid(context, "storeid");
        if (request.Tab is not null && !StoreOptions.ValidId(request.Tab)) return Invalid(context, "tab");
        var items = await store.ItemsAsync(context.Account, context.Session.Login?.Version, request.StoreId!, request.Tab)
            .ConfigureAwait(false);
        return items is null ? Invalid(context, "tab") : new StoreItemsResponse { StoreId = request.StoreId!, Items = items };
    }
}

/// <summary>store/3 buy.</summary>
internal sealed class BuyHandler(StoreService store) : Handler<StoreBuyRequest, StoreBuyResponse>(StoreProtocol.Buy)
{
    protected override async ValueTask<StoreBuyResponse> HandleAsync(RequestContext context, StoreBuyRequest request, CancellationToken ct)
    {
        if (!StoreOptions.ValidId(request.StoreId) || store.Options.Find(request.StoreId!) is not { } def) return Invalid(context,
            "storeid");
        if (def.Find(request.ItemId) is not { } item) return Invalid(context, "itemid");
        if (request.Count < 1 || request.Count > item.CountLimit) return Invalid(context, "count");
        if (request.Price < 0) return Invalid(context, "price");
        if (!Validate.RequestId(request.ReqId)) return Invalid(context, "reqid");
        if (request.Friend is not null && (!Validate.Account(request.Friend) || request.Friend == context.Account))
            return Invalid(context, "friend");
        if (request.Friend is not null && item.IsRmb) return Fail(ResultCode.FriendGiftNotOffered);
        var order = new BuyOrder(def, item, request.Count, request.Price, request.ReqId!, context.Account,
            request.Friend ?? context.Account);
        if (store.Check(order) is { Kind: LedgerProblemKind.BadAmount }) return Invalid(context, "count");
        return await store.BuyAsync(order, context.Session.Login?.Version).ConfigureAwait(false);
    }
}

/// <summary>store/4 products: the RMB product catalogue.</summary>
internal sealed class ProductsHandler(PlayerBase player) : Handler<EmptyRequest, ProductsResponse>(StoreProtocol.Products)
{
    protected override ValueTask<ProductsResponse> HandleAsync(RequestContext context, EmptyRequest request, CancellationToken ct) =>
        ValueTask.FromResult(new ProductsResponse
        {
            Products = player.Products.Products.Select(p => new ProductInfo
            {
                Id = p.Id, Name = p.Name, Price = p.Price, Module = p.Module, Currencies = new Dictionary<string, long>(p.Currencies),
                Items = p.Items.Select(i => new ProductGrantInfo { ItemId = i.ItemId, Count = i.Count,
                    Name = player.Items.Find(i.ItemId)?.Name ?? "" })
                    .ToList(),
            }).ToList(),
        });
}
