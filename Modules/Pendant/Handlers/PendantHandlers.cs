using SocialGame.Core.Dispatch;
using SocialGame.Modules.Room;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Pendant;

namespace SocialGame.Modules.Pendant.Handlers;

/// <summary>pendant/1 list: the pendants you see in your room (count and list).</summary>
internal sealed class PendantListHandler(PendantService pendants) : Handler<PendantListRequest, PendantListResponse>(PendantProtocol.List)
{
    protected override async ValueTask<PendantListResponse> HandleAsync(RequestContext context, PendantListRequest request,
        CancellationToken ct)
    {
        string business = request.Business ?? "chat";
        if (RoomService.FirstBad(request.RoomId, business) is { } bad) return Invalid(context, bad);
        return await pendants.ListAsync(context.Session, request.RoomId!, business).ConfigureAwait(false);
    }
}
