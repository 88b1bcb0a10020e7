using SocialGame.Core.Admin;
using SocialGame.Modules.Room;

namespace SocialGame.Modules.RedPacket;

/// <summary>
/// GET /admin/redpackets/{id} (viewer): a red packet for operators: who sent it in which room, how it is paid (and its order), its
/// state (open, done, refunding, refunded ...), shares, what is left, every grab and the top 5. <c>/admin/redpackets/room:{roomid}</c>
/// lists the room's packets not settled yet.
/// </summary>
internal sealed class RedPacketLookupRoute(RedPacketService packets) : IAdminRoute
{
    private const string RoomPrefix = "room:";
    public string Method => "GET";
    public string Pattern => "/admin/redpackets/{id}";

    public async Task<AdminResponse> HandleAsync(AdminRequest request, CancellationToken ct)
    {
        string id = request.RouteValues.GetValueOrDefault("id") ?? "";
        if (id.StartsWith(RoomPrefix, StringComparison.Ordinal))
        {
            string room = id[RoomPrefix.Length..];
            if (!RoomService.ValidRoomId(room)) return AdminResponse.Invalid("room", "is not a room id");
            return AdminResponse.Ok(new { room, packets = await packets.InRoomAsync(room).ConfigureAwait(false) });
        }
        if (!Common.Validate.Text(id, 64)) return AdminResponse.Invalid("id", "is not a red packet id");
        var records = await packets.RecordsAsync(id).ConfigureAwait(false);
        var payment = await packets.PaymentOfAsync(id).ConfigureAwait(false);
        if (records is null || payment is not { } p) return AdminResponse.Error(404, "unknown red packet");
        return AdminResponse.Ok(new
        {
            packetid = id, sender = records.Sender, room = p.Room, pay = PacketStates.Pay.Write(p.Pay), orderid = p.OrderId,
            state = records.State, total = records.Total, shares = records.Shares, left = records.Left,
            grabs = records.Grabs.Select(g => new { acc = g.Acc, amount = g.Amount, time = g.Time }),
            top = records.Top.Select(g => new { acc = g.Acc, amount = g.Amount }), luckiest = records.Luckiest,
        });
    }
}
