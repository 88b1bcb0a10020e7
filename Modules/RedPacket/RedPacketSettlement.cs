using System.Text.Json.Nodes;
using NLog;
using SocialGame.Core.Logging;
using SocialGame.Modules.Player;
using SocialGame.Modules.Player.Payments;
using SocialGame.Modules.Room;
using StackExchange.Redis;

namespace SocialGame.Modules.RedPacket;

/// <summary>Refunds, and the pass that settles what a crash or a lost request left half done.</summary>
public sealed partial class RedPacketService
{
    /// <summary>
    /// Closes a packet (countdown over, or <paramref name="force"/> when its room closed) and gives what is
    /// left back to the sender, exactly once: the close is one Lua step, the credit is keyed by the packet.
    /// </summary>
    public async Task RefundAsync(string pid, bool force)
    {
        var r = (RedisResult[])(await _services.Scripts.EvalAsync(_close, [PacketKey(pid), SharesKey(pid)], [Now, force ? 1 : 0]).ConfigureAwait(false))!;
        if (r[0].ToString() != "refund") return;
        long left = (long)r[1];
        string sender = (await Db.HashGetAsync(PacketKey(pid), "sender").ConfigureAwait(false)).ToString();
        if (left > 0)
        {
            var back = await _player.Ledger.ApplyAsync(LedgerOperation.Currency(sender, $"rp:{pid}:refund", "red packet refund", "gold", left)).ConfigureAwait(false);
            if (!back.Succeeded) throw new InvalidOperationException($"red packet {pid}: refund refused ({back.Status})");
            await _player.Inbox.SendAsync(sender, "system", "Red packet refund", $"{left} gold not grabbed from your red packet came back to you.",
                new JsonObject { ["packetid"] = pid }, dedupeKey: $"rp:{pid}:refund").ConfigureAwait(false);
        }
        if ((int)await _services.Scripts.EvalAsync(_state, [PacketKey(pid)], ["refunding", "refunded"]).ConfigureAwait(false) == 1)
        {
            DataLog.Write("redpacket refund", ("packetid", pid), ("sender", sender), ("left", left), ("why", force ? "room closed" : "countdown over"));
            if (OnEnded is { } ended) await ended(await RoomOfAsync(pid).ConfigureAwait(false), pid, "refunded").ConfigureAwait(false);
        }
    }

    /// <summary>The room closed: every open packet of it is refunded.</summary>
    public async Task OnRoomEventAsync(RoomEvent e)
    {
        if (e.Kind != RoomEventKind.Closed) return;
        foreach (var pid in await Db.SetMembersAsync(RoomPackets(e.RoomId)).ConfigureAwait(false))
            await RefundAsync(pid.ToString(), force: true).ConfigureAwait(false);
    }

    /// <summary>
    /// One settlement pass (every node runs it; every step is keyed, so two nodes at once are harmless):
    /// credits grabs whose credit did not happen, refunds packets whose countdown is over, finishes refunds,
    /// resolves packets whose gold payment was interrupted, and forgets finished packets.
    /// </summary>
    public async Task<int> SettleAsync()
    {
        int settled = 0;
        // Every unfinished packet, a page at a time (finished ones leave the index as they are met).
        for (long start = 0; ; start += 500)
        {
            var page = await Db.SortedSetRangeByRankAsync(Index, start, start + 499).ConfigureAwait(false);
            foreach (var member in page)
            {
                try
                {
                    settled += await SettleOneAsync(member.ToString()).ConfigureAwait(false);
                }
                catch (Exception ex) when (!Core.Storage.RedisFaults.IsRedisFault(ex))
                {
                    // One packet that cannot be settled (e.g. a wallet at its maximum) must not stop the others.
                    Log.Error(ex, "red packet {0} could not be settled; the next pass tries again", member);
                }
            }
            if (page.Length < 500) break;
        }
        return settled;
    }

    private async Task<int> SettleOneAsync(string pid)
    {
        int settled = 0;
        {
            var f = await Db.HashGetAsync(PacketKey(pid), ["state", "expire", "created", "sender", "room"]).ConfigureAwait(false);
            string state = f[0].ToString();
            foreach (var acc in await Db.SetMembersAsync(PendingKey(pid)).ConfigureAwait(false))
            {
                var amount = await Db.HashGetAsync(GrabbedKey(pid), acc).ConfigureAwait(false);
                Log.Warn("red packet {0}: grab of {1} was not credited; crediting it now", pid, acc);
                await CreditAsync(pid, acc.ToString(), (long)amount).ConfigureAwait(false);
                settled++;
            }
            if ((state == "open" && (long)f[1] <= Now) || state == "refunding")
            {
                await RefundAsync(pid, force: false).ConfigureAwait(false);
                settled++;
            }
            else if (state == "paying" && (long)f[2] < Now - 30)
            {
                await ResolvePaymentAsync(pid, f[3].ToString()).ConfigureAwait(false);
                settled++;
            }
            else if (state == "ordered" && (long)f[2] < Now - 86400)
            {
                // An RMB order not paid within a day: forgotten (if its payment arrives after all, it opens the packet then).
                await _services.Scripts.EvalAsync(_state, [PacketKey(pid)], ["ordered", "failed"]).ConfigureAwait(false);
            }
            else if (state is "refunded" or "done" or "failed" or "")
            {
                if (await Db.SetLengthAsync(PendingKey(pid)).ConfigureAwait(false) == 0)
                {
                    // Its pendant ends with it, even if the grab or refund that finished it stopped short of that.
                    if (state is "done" or "refunded" && !f[4].IsNull && OnEnded is { } ended)
                        await ended(f[4].ToString(), pid, state == "done" ? "all grabbed" : "refunded").ConfigureAwait(false);
                    await Db.SortedSetRemoveAsync(Index, pid).ConfigureAwait(false);
                    if (!f[4].IsNull) await Db.SetRemoveAsync(RoomPackets(f[4].ToString()), pid).ConfigureAwait(false);
                }
            }
        }
        return settled;
    }

    /// <summary>A gold send interrupted between its record and its opening: opened if the debit happened, dropped if not.</summary>
    private async Task ResolvePaymentAsync(string pid, string sender)
    {
        if (await Db.KeyExistsAsync(PlayerKeys.Idempotency(sender, $"rp:{pid}:pay")).ConfigureAwait(false))
        {
            Log.Warn("red packet {0}: paid but never opened; opening it now", pid);
            await OpenAsync(pid).ConfigureAwait(false);
        }
        else if ((int)await _services.Scripts.EvalAsync(_state, [PacketKey(pid)], ["paying", "failed"]).ConfigureAwait(false) == 1)
        {
            Log.Warn("red packet {0}: never paid; dropped", pid);
        }
    }
}

/// <summary>
/// Fulfils paid "redpacket" orders: the order's extra is the packet id; the packet is opened once. Only the
/// packet's own order opens it; a payment that arrives after the packet was forgotten as unpaid (a day) still
/// opens it, and a packet whose room has closed goes straight back to its sender as gold.
/// </summary>
public sealed class RedPacketFulfiller(RedPacketService packets, RoomService rooms) : IOrderFulfiller
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    public string Module => "redpacket";

    public async Task<bool> FulfilAsync(Player.Payments.Order order, ProductDef product)
    {
        string pid = order.Extra;
        var packet = await packets.PaymentOfAsync(pid).ConfigureAwait(false);
        if (packet is not { } p || p.Sender != order.Account || p.Pay != "rmb" || p.OrderId != order.Id)
        {
            Log.Error("order {0} of {1}: red packet '{2}' is not paid by this order; left PAID for an operator", order.Id, order.Account, pid);
            return false;
        }
        string opened = await packets.OpenAsync(pid, lateOrder: order.Id).ConfigureAwait(false);
        if (opened != "opened") Log.Info("order {0}: red packet {1} was opened before ({2})", order.Id, pid, opened);
        if ((await rooms.InfoAsync(p.Room).ConfigureAwait(false))?.Live != 1) await packets.RefundAsync(pid, force: true).ConfigureAwait(false);
        return true;
    }
}
