using SocialGame.Core.Dispatch;
using SocialGame.Modules.Common;
using SocialGame.Modules.Room;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.RedPacket;

namespace SocialGame.Modules.RedPacket.Handlers;

/// <summary>redpacket/1 configs.</summary>
internal sealed class ConfigsHandler(RedPacketOptions options) : Handler<EmptyRequest, PacketConfigsResponse>(RedPacketProtocol.Configs)
{
    protected override ValueTask<PacketConfigsResponse> HandleAsync(RequestContext context, EmptyRequest request, CancellationToken ct) =>
        ValueTask.FromResult(new PacketConfigsResponse
        {
            Configs = options.Packets.Select(p => new PacketConfigInfo
            {
                Id = p.Id, Name = p.Name, GiftName = p.GiftName, GiftImage = p.GiftImage, GiftCount = p.GiftCount, Text = p.Text,
                    Total = p.Total,
                Shares = p.Shares, GoldPrice = p.GoldPrice, ProductId = p.ProductId, SiteWide = p.SiteWide ? 1 : 0,
                Countdown = p.CountdownSeconds,
            }).ToList(),
        });
}

/// <summary>redpacket/2 send.</summary>
internal sealed class SendHandler(RedPacketService packets) : Handler<SendPacketRequest, SendPacketResponse>(RedPacketProtocol.Send)
{
    protected override async ValueTask<SendPacketResponse> HandleAsync(RequestContext context, SendPacketRequest request,
        CancellationToken ct)
    {
        string? bad = !RoomService.ValidRoomId(request.RoomId) ? "roomid" : packets.Options.Find(request.Id) is null ? "id" :
            request.Pay is not (1 or 2) ? "pay" : !Validate.RequestId(request.ReqId) ? "reqid" : null;
        if (bad is not null) return Invalid(context, bad);
        var response = await packets.SendAsync(context.Account, request).ConfigureAwait(false);
        // the one param_error found later: this way of paying is not on sale
        if (response.Result == (int)ResultCode.ParamError) context.BadField = "pay";
        return response;
    }
}

/// <summary>redpacket/3 grab.</summary>
internal sealed class GrabHandler(RedPacketService packets) : Handler<PacketRequest, GrabResponse>(RedPacketProtocol.Grab)
{
    protected override async ValueTask<GrabResponse> HandleAsync(RequestContext context, PacketRequest request, CancellationToken ct) =>
        !ValidId(request.PacketId) ? Invalid(context, "packetid")
            : await packets.GrabAsync(context.Account, request.PacketId!).ConfigureAwait(false);

    internal static bool ValidId(string? id) => id is { Length: 21 } && id[0] == 'P' && id.Skip(1).All(char.IsAsciiHexDigitLower);
}

/// <summary>redpacket/4 records.</summary>
internal sealed class RecordsHandler(RedPacketService packets) : Handler<PacketRequest, PacketRecordsResponse>(RedPacketProtocol.Records)
{
    protected override async ValueTask<PacketRecordsResponse> HandleAsync(RequestContext context, PacketRequest request,
        CancellationToken ct)
    {
        if (!GrabHandler.ValidId(request.PacketId)) return Invalid(context, "packetid");
        return await packets.RecordsAsync(request.PacketId!).ConfigureAwait(false) ?? Fail(ResultCode.RedisNoData);
    }
}
