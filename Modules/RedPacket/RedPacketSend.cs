using SocialGame.Core.Logging;
using SocialGame.Modules.Player;
using SocialGame.Modules.Player.Payments;
using SocialGame.Protocol;
using SocialGame.Protocol.Messages.RedPacket;
using StackExchange.Redis;

namespace SocialGame.Modules.RedPacket;

/// <summary>Sending: the request binds its packet; gold pays and opens it now, RMB makes its order.</summary>
internal sealed partial class RedPacketService
{
    public async Task<SendPacketResponse> SendAsync(string sender, SendPacketRequest request)
    {
        var config = Options.Find(request.Id)!;
        if (RedPacketOptions.Problem(config) is { } problem)
        {
            Log.Error("red packet configuration {Config} cannot be sent: {Problem}", config.Id, problem);
            return Fail(ResultCode.DataError);
        }
        string room = request.RoomId!;
        if ((await _rooms.InfoAsync(room).ConfigureAwait(false))?.Live != 1) return Fail(ResultCode.RoomNotLive);
        if (!await _rooms.IsMemberAsync(room, sender).ConfigureAwait(false)) return Fail(ResultCode.NotInRoom);
        bool gold = request.Pay == 1;
        if ((gold && config.GoldPrice == 0) || (!gold && (config.ProductId.Length == 0 || _player.Products.Find(config.ProductId) is null)))
            return Fail(ResultCode.ParamError);
        string pid = PacketId(sender, request.ReqId!);
        return gold ? await SendGoldAsync(pid, sender, room, config).ConfigureAwait(false)
            : await SendRmbAsync(pid, sender, room, config).ConfigureAwait(false);
    }

    private async Task<SendPacketResponse> SendGoldAsync(string pid, string sender, string room, PacketConfig config)
    {
        var (outcome, _) = await RecordAsync(pid, sender, room, config, gold: true, create: true, orderId: "").ConfigureAwait(false);
        if (outcome == RecordOutcome.Conflict) return Fail(ResultCode.RequestConflict);
        var paid = await PayGoldAsync(pid, sender, room, config).ConfigureAwait(false);
        if (paid != ResultCode.Success) return new SendPacketResponse { Result = (int)paid, PacketId = pid };
        if (await OpenAsync(pid, GoldPayment(config.Id)).ConfigureAwait(false) is { Outcome: OpenOutcome.Refused or OpenOutcome.Missing }
            or { Had: PacketState.Failed })
        {
            // The settlement pass gave up on this send while its debit was stalled: the gold goes back.
            await _player.Ledger.ApplyAsync(LedgerOperation.Currency(sender, $"rp:{pid}:payback", "red packet not sent", "gold",
                config.GoldPrice)).ConfigureAwait(false);
            return new SendPacketResponse { Result = (int)ResultCode.ServerError, PacketId = pid };
        }
        return new SendPacketResponse { PacketId = pid };
    }

    /// <summary>
    /// An RMB send: a new packet takes one of the sender's capped unpaid places and an order (both expiring together)
    /// before its record is made with that order; a repeat of the request answers the packet's own order.
    /// </summary>
    private async Task<SendPacketResponse> SendRmbAsync(string pid, string sender, string room, PacketConfig config)
    {
        var (outcome, storedPay) = await RecordAsync(pid, sender, room, config, gold: false, create: false, orderId: "")
            .ConfigureAwait(false);
        if (outcome == RecordOutcome.Missing)
        {
            long due = Now + Options.UnpaidExpireSeconds;
            var place = await _player.Payments.Slots.TakeAsync(UnpaidKey(sender), pid, due, Options.MaxUnpaidPerPlayer)
                .ConfigureAwait(false);
            if (place == SlotOutcome.Refused) return Fail(ResultCode.TooManyUnpaid);
            var order = await _player.Payments.CreateAsync(sender, _player.Products.Find(config.ProductId)!, pid,
                Options.UnpaidExpireSeconds).ConfigureAwait(false);
            if (order is null)
            {
                if (place == SlotOutcome.Taken) await _player.Payments.Slots.ReleaseAsync(UnpaidKey(sender), pid).ConfigureAwait(false);
                return Fail(ResultCode.TooManyUnpaid);
            }
            (outcome, storedPay) = await RecordAsync(pid, sender, room, config, gold: false, create: true, orderId: order.Id)
                .ConfigureAwait(false);
            if (outcome != RecordOutcome.Created)
            {
                // The same request id won on another node meanwhile: this order pays for nothing.
                await _player.Payments.ExpireAsync(order.Id).ConfigureAwait(false);
                if (outcome == RecordOutcome.Conflict && storedPay != PacketPay.Rmb && place == SlotOutcome.Taken)
                    await _player.Payments.Slots.ReleaseAsync(UnpaidKey(sender), pid).ConfigureAwait(false);
            }
        }
        if (outcome == RecordOutcome.Conflict) return Fail(ResultCode.RequestConflict);
        var f = await Db.HashGetAsync(PacketKey(pid), ["state", "orderid"]).ConfigureAwait(false);
        if (StateOf(f[0]) is PacketState.Expired or PacketState.Failed || f[1].IsNullOrEmpty) return Fail(ResultCode.PacketClosed);
        // Its order expired (the packet follows on the next pass): asked again, it is over, as when the packet expired.
        var existing = await _player.Payments.GetAsync(f[1].ToString()).ConfigureAwait(false);
        if (existing is null or { State: OrderState.Expired }) return Fail(ResultCode.PacketClosed);
        return new SendPacketResponse { PacketId = pid, OrderId = existing.Id, Amount = existing.Amount, Expires = existing.Expires };
    }

    /// <summary>
    /// Makes the packet's record once (<paramref name="create"/>), or only checks it: created, exists (the same
    /// request), conflict (the request id names a packet of another room, configuration or payment kind; nothing
    /// changed) or missing; with the stored packet's payment kind.
    /// </summary>
    private async Task<(RecordOutcome Outcome, PacketPay? StoredPay)> RecordAsync(string pid, string sender, string room,
        PacketConfig config, bool gold, bool create, string orderId)
    {
        var pay = gold ? PacketPay.Gold : PacketPay.Rmb;
        long now = Now;
        var (outcome, storedPay) = await _scripts.Create.CallAsync(new CreateArgs(pid, create, sender, room, config.Id, pay,
            config.Total, config.Shares, gold ? PacketState.Paying : PacketState.Ordered, now, orderId)).ConfigureAwait(false);
        // A refused reuse costs the client nothing, so it is not a business record: only a debug line (bounded by nothing else).
        if (outcome == RecordOutcome.Conflict)
            Log.Debug("red packet {Packet}: request of {Account} names another room, configuration or payment kind; refused", pid, sender);
        if (outcome != RecordOutcome.Created) return (outcome, storedPay);
        // Due: a gold send stalled before it opened is resolved; an RMB packet not paid in time expires.
        long due = now + (gold ? PayingGraceSeconds : Options.UnpaidExpireSeconds);
        await Task.WhenAll(Db.SortedSetAddAsync(Index, pid, due), Db.SetAddAsync(RoomPackets(room), pid)).ConfigureAwait(false);
        DataLog.Write("redpacket create", ("packetid", pid), ("sender", sender), ("roomid", room), ("config", config.Id),
            ("pay", PacketStates.Pay.Write(pay)), ("orderid", orderId));
        return (outcome, pay);
    }

    private async Task<ResultCode> PayGoldAsync(string pid, string sender, string room, PacketConfig config)
    {
        var debit = await _player.Ledger.ApplyAsync(LedgerOperation.Currency(sender, $"rp:{pid}:pay", "red packet " + config.Id, "gold",
            -config.GoldPrice)).ConfigureAwait(false);
        if (debit.Succeeded) return ResultCode.Success;
        // Not paid: the record goes away so the request can be tried again once the player can pay.
        if (await _scripts.State.CallAsync(new StateArgs(pid, PacketState.Paying, PacketState.Failed)).ConfigureAwait(false))
        {
            await Task.WhenAll(Db.SortedSetRemoveAsync(Index, pid), Db.SetRemoveAsync(RoomPackets(room), pid)).ConfigureAwait(false);
            await Db.KeyDeleteAsync(PacketKey(pid)).ConfigureAwait(false);
        }
        return debit.Status == LedgerStatus.Conflict ? ResultCode.RequestConflict : debit.ToResult();
    }

    private static SendPacketResponse Fail(ResultCode code) => new() { Result = (int)code };
}
