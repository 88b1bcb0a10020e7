using NLog;
using SocialGame.Modules.Player;
using SocialGame.Modules.Player.Payments;
using SocialGame.Modules.Room;

namespace SocialGame.Modules.RedPacket;

/// <summary>
/// Fulfils paid "redpacket" orders: the order's extra is the packet id; the packet is opened once. Only the
/// packet's own order opens it; a payment reported after the packet expired unpaid (while its record is kept, a
/// day) still opens it, and a packet whose room has closed goes straight back to its sender as gold.
/// </summary>
internal sealed class RedPacketFulfiller(RedPacketService packets, RoomService rooms) : IOrderFulfiller
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    public string Module => "redpacket";

    public async Task<bool> FulfilAsync(Player.Payments.Order order, ProductDef product)
    {
        string pid = order.Extra;
        var packet = await packets.PaymentOfAsync(pid).ConfigureAwait(false);
        if (packet is not { } p || p.Sender != order.Account || p.Pay != PacketPay.Rmb || p.OrderId != order.Id)
        {
            Log.Error("order {Order} of {Account}: red packet '{Packet}' is not paid by this order; left PAID for an operator", order.Id,
                order.Account, pid);
            return false;
        }
        var opened = await packets.OpenAsync(pid, RedPacketService.RmbPayment(order.Id)).ConfigureAwait(false);
        if (opened.Outcome is OpenOutcome.Refused or OpenOutcome.Missing or OpenOutcome.Unconfigured)
        {
            Log.Error("order {Order} of {Account}: red packet {Packet} could not be opened ({Outcome}); left PAID for an operator",
                order.Id, order.Account, pid, opened);
            return false;
        }
        if (opened.Outcome != OpenOutcome.Opened)
            Log.Info("order {Order}: red packet {Packet} was opened before ({Outcome})", order.Id, pid, opened);
        if ((await rooms.InfoAsync(p.Room).ConfigureAwait(false))?.Live != 1)
            await packets.RefundAsync(pid, force: true).ConfigureAwait(false);
        return true;
    }
}
