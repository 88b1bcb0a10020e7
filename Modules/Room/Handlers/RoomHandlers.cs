using SocialGame.Core.Dispatch;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Room;

namespace SocialGame.Modules.Room.Handlers;

/// <summary>room/1 join.</summary>
internal sealed class JoinHandler(RoomService rooms) : Handler<RoomRequest, RoomResponse>(RoomProtocol.Join)
{
    protected override async ValueTask<RoomResponse> HandleAsync(RequestContext context, RoomRequest request, CancellationToken ct)
    {
        string business = request.Business ?? "chat";
        if (RoomService.FirstBad(request.RoomId, business) is { } bad) return Invalid(context, bad);
        var result = await rooms.JoinAsync(context.Session, request.RoomId!, business).ConfigureAwait(false);
        return result != ResultCode.Success ? Fail(result)
            : new RoomResponse { Room = await rooms.InfoAsync(request.RoomId!).ConfigureAwait(false) };
    }
}

/// <summary>room/2 leave.</summary>
internal sealed class LeaveHandler(RoomService rooms) : Handler<RoomRequest, RoomResponse>(RoomProtocol.Leave)
{
    protected override async ValueTask<RoomResponse> HandleAsync(RequestContext context, RoomRequest request, CancellationToken ct)
    {
        string business = request.Business ?? "chat";
        if (RoomService.FirstBad(request.RoomId, business) is { } bad) return Invalid(context, bad);
        return await rooms.LeaveAsync(context.Account, request.RoomId!, business).ConfigureAwait(false) ? new RoomResponse()
            : Fail(ResultCode.NotInRoom);
    }
}

/// <summary>room/3 info.</summary>
internal sealed class InfoHandler(RoomService rooms) : Handler<RoomRequest, RoomResponse>(RoomProtocol.Info)
{
    protected override async ValueTask<RoomResponse> HandleAsync(RequestContext context, RoomRequest request, CancellationToken ct)
    {
        if (!RoomService.ValidRoomId(request.RoomId)) return Invalid(context, "roomid");
        var info = await rooms.InfoAsync(request.RoomId!).ConfigureAwait(false);
        return info is null ? Fail(ResultCode.RedisNoData) : new RoomResponse { Room = info };
    }
}
