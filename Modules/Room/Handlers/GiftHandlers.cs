using SocialGame.Core.Dispatch;
using SocialGame.Modules.Common;
using SocialGame.Modules.Room.Gifts;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Room;

namespace SocialGame.Modules.Room.Handlers;

/// <summary>room/10 giftwall: the normal wall or the VIP wall filtered by the player's VIP level.</summary>
internal sealed class GiftWallHandler(GiftService gifts) : Handler<GiftWallRequest, GiftWallResponse>(RoomProtocol.GiftWall)
{
    protected override async ValueTask<GiftWallResponse> HandleAsync(RequestContext context, GiftWallRequest request,
        CancellationToken ct) =>
        request.Vip is not (0 or 1) ? Invalid(context, "vip")
            : new GiftWallResponse { Gifts = await gifts.WallAsync(context.Account, request.Vip == 1).ConfigureAwait(false) };
}

/// <summary>room/11 sendgift.</summary>
internal sealed class SendGiftHandler(GiftService gifts) : Handler<SendGiftRequest, SendGiftResponse>(RoomProtocol.SendGift)
{
    protected override async ValueTask<SendGiftResponse> HandleAsync(RequestContext context, SendGiftRequest request, CancellationToken ct)
    {
        string? bad = !RoomService.ValidRoomId(request.RoomId) ? "roomid" : !Validate.Account(request.To) || request.To == context.Account
            ? "to" :
            gifts.Catalog.Find(request.GiftId) is null ? "giftid" : request.Count is < 1 or > 999 ? "count"
                : !Validate.RequestId(request.ReqId) ? "reqid" : null;
        if (bad is not null) return Invalid(context, bad);
        return await gifts.SendAsync(context.Account, request).ConfigureAwait(false);
    }
}

/// <summary>room/13 giftstats: charm and wealth today and in all.</summary>
internal sealed class GiftStatsHandler(GiftService gifts) : Handler<GiftStatsRequest, GiftStatsResponse>(RoomProtocol.GiftStats)
{
    protected override async ValueTask<GiftStatsResponse> HandleAsync(RequestContext context, GiftStatsRequest request,
        CancellationToken ct)
    {
        string acc = request.Acc ?? context.Account;
        return !Validate.Account(acc) ? Invalid(context, "acc") : await gifts.StatsAsync(acc).ConfigureAwait(false);
    }
}
