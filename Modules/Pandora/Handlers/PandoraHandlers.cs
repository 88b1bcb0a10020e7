using SocialGame.Core.Dispatch;
using SocialGame.Modules.Room;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Pandora;

namespace SocialGame.Modules.Pandora.Handlers;

/// <summary>pandora/1 info.</summary>
internal sealed class InfoHandler(PandoraService pandora) : Handler<PandoraRoomRequest, PandoraInfoResponse>(PandoraProtocol.Info)
{
    protected override async ValueTask<PandoraInfoResponse> HandleAsync(RequestContext context, PandoraRoomRequest request,
        CancellationToken ct)
    {
        if (!RoomService.ValidRoomId(request.RoomId)) return Invalid(context, "roomid");
        return await pandora.InfoAsync(request.RoomId!).ConfigureAwait(false) ?? Fail(ResultCode.RedisNoData);
    }
}

/// <summary>pandora/2 open.</summary>
internal sealed class OpenHandler(PandoraService pandora) : Handler<PandoraOpenRequest, PandoraOpenResponse>(PandoraProtocol.Open)
{
    protected override async ValueTask<PandoraOpenResponse> HandleAsync(RequestContext context, PandoraOpenRequest request,
        CancellationToken ct)
    {
        if (!RoomService.ValidRoomId(request.RoomId)) return Invalid(context, "roomid");
        if (pandora.Options.Level(request.Level) is null) return Invalid(context, "level");
        var opened = await pandora.OpenAsync(context.Account, request.RoomId!, request.Level).ConfigureAwait(false);
        return opened.Result != ResultCode.Success ? Fail(opened.Result)
            : new PandoraOpenResponse { Level = request.Level, Draws = opened.Draws, Reward = opened.Reward! };
    }
}

/// <summary>pandora/3 odds.</summary>
internal sealed class OddsHandler(PandoraService pandora) : Handler<EmptyRequest, PandoraOddsResponse>(PandoraProtocol.Odds)
{
    protected override ValueTask<PandoraOddsResponse> HandleAsync(RequestContext context, EmptyRequest request, CancellationToken ct) =>
        ValueTask.FromResult(pandora.Odds());
}

/// <summary>pandora/4 records.</summary>
internal sealed class RecordsHandler(PandoraService pandora)
    : Handler<PandoraRecordsRequest, PandoraRecordsResponse>(PandoraProtocol.Records)
{
    protected override async ValueTask<PandoraRecordsResponse> HandleAsync(RequestContext context, PandoraRecordsRequest request,
        CancellationToken ct) =>
        request.Page is < 0 or > 10_000 ? Invalid(context, "page")
            : await pandora.RecordsAsync(context.Account, request.Page).ConfigureAwait(false);
}
