using SocialGame.Core.Dispatch;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Player;

namespace SocialGame.Modules.Player.Handlers;

/// <summary>player/3 getinventory: items held now.</summary>
internal sealed class GetInventoryHandler(Ledger ledger) : Handler<EmptyRequest, GetInventoryResponse>(PlayerProtocol.GetInventory)
{
    protected override async ValueTask<GetInventoryResponse> HandleAsync(RequestContext context, EmptyRequest request, CancellationToken ct)
    {
        var items = await ledger.GetInventoryAsync(context.Account).ConfigureAwait(false);
        return new GetInventoryResponse
        {
            Items = items.Select(i => new InventoryItem { ItemId = i.Item.Id, Kind = i.Item.KindName, Count = i.Count,
                ExpireTime = i.ExpireTime }).ToList(),
        };
    }
}
