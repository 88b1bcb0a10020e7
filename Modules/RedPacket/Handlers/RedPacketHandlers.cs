using SocialGame.Core.Dispatch;
using SocialGame.Modules.Room;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.RedPacket;

namespace SocialGame.Modules.RedPacket.Handlers;

/// <summary>redpacket/1 configs.</summary>
public sealed class ConfigsHandler(RedPacketOptions options) : Handler<EmptyRequest, PacketConfigsResponse>(RedPacketProtocol.Configs)
{
    protected override ValueTask<PacketConfigsResponse> HandleAsync(RequestContext context, EmptyRequest request, CancellationToken ct) =>
        ValueTask.FromResult(new PacketConfigsResponse
        {
            Configs = options.Packets.Select(p => new PacketConfigInfo
            {
                Id = p.Id, Name = p.Name, GiftName = p.GiftName, GiftImage = p.GiftImage, GiftCount = p.GiftCount, Text = p.Text, Total = p.Total,
                Shares = p.Shares, GoldPrice = p.GoldPrice, ProductId = p.ProductId, SiteWide = p.SiteWide ? 1 : 0, Countdown = p.CountdownSeconds,
            }).ToList(),
        });
}

/// <summary>redpacket/2 send.</summary>
public sealed class SendHandler(RedPacketService packets) : Handler<SendPacketRequest, SendPacketResponse>(RedPacketProtocol.Send)
{
    protected override async ValueTask<SendPacketResponse> HandleAsync(RequestContext context, SendPacketRequest request, CancellationToken ct)
    {
        if (!RoomService.ValidRoomId(request.RoomId) || packets.Options.Find(request.Id) is null || request.Pay is not (1 or 2) ||
            request.ReqId is not { Length: > 0 and <= 64 } || request.ReqId.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_')))
            return Fail(ResultCode.ParamError);
        return await packets.SendAsync(context.Account, request).ConfigureAwait(false);
    }
}

/// <summary>redpacket/3 grab.</summary>
public sealed class GrabHandler(RedPacketService packets) : Handler<PacketRequest, GrabResponse>(RedPacketProtocol.Grab)
{
    protected override async ValueTask<GrabResponse> HandleAsync(RequestContext context, PacketRequest request, CancellationToken ct) =>
        !ValidId(request.PacketId) ? Fail(ResultCode.ParamError) : await packets.GrabAsync(context.Account, request.PacketId!).ConfigureAwait(false);

    internal static bool ValidId(string? id) => id is { Length: 21 } && id[0] == 'P' && id.Skip(1).All(char.IsAsciiHexDigitLower);
}

/// <summary>redpacket/4 records.</summary>
public sealed class RecordsHandler(RedPacketService packets) : Handler<PacketRequest, PacketRecordsResponse>(RedPacketProtocol.Records)
{
    protected override async ValueTask<PacketRecordsResponse> HandleAsync(RequestContext context, PacketRequest request, CancellationToken ct)
    {
        if (!GrabHandler.ValidId(request.PacketId)) return Fail(ResultCode.ParamError);
        return await packets.RecordsAsync(request.PacketId!).ConfigureAwait(false) ?? Fail(ResultCode.RedisNoData);
    }
}
