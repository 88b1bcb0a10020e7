using System.Text.Json.Nodes;
using NLog;
using SocialGame.Core.Logging;
using SocialGame.Modules.Player;
using SocialGame.Modules.Player.Payments;
using SocialGame.Modules.Room;
using StackExchange.Redis;

namespace SocialGame.Modules.RedPacket;

/// <summary>Refunds, and the pass that settles what fell due and what a crash or a lost request left half done.</summary>
internal sealed partial class RedPacketService
{
    /// <summary>
    /// Closes a packet (countdown over, or <paramref name="force"/> when its room closed) and gives what is
    /// left back to the sender, exactly once: the close is one Lua step, the credit is keyed by the packet.
    /// </summary>
    public async Task RefundAsync(string pid, bool force)
    {
        var (outcome, left) = await _scripts.Close.CallAsync(new CloseArgs(pid, Now, force)).ConfigureAwait(false);
        if (outcome != CloseOutcome.Refund) return;
        string sender = (await Db.HashGetAsync(PacketKey(pid), "sender").ConfigureAwait(false)).ToString();
        if (left > 0)
        {
            var back = await _player.Ledger.ApplyAsync(LedgerOperation.Currency(sender, $"rp:{pid}:refund", "red packet refund", "gold",
                left)).ConfigureAwait(false);
            if (!back.Settled) throw new InvalidOperationException($"red packet {pid}: refund refused ({back.Status})");
            // A deleted sender's refund is recorded in its closed ledger for finance; it has no inbox any more.
            if (back.Succeeded)
                await _player.Inbox.SendAsync(sender, "system", "Red packet refund",
                    $"{left} gold not grabbed from your red packet came back to you.",
                new JsonObject { ["packetid"] = pid }, dedupeKey: $"rp:{pid}:refund").ConfigureAwait(false);
        }
        if (await _scripts.State.CallAsync(new StateArgs(pid, PacketState.Refunding, PacketState.Refunded)).ConfigureAwait(false))
        {
            DataLog.Write("redpacket refund", ("packetid", pid), ("sender", sender), ("left", left),
                ("why", force ? "room closed" : "countdown over"));
            var ended = new RedPacketEnded(await RoomOfAsync(pid).ConfigureAwait(false), pid, "refunded");
            (await _events.PublishAsync(ended).ConfigureAwait(false)).ThrowIfFailed();
        }
    }

    /// <summary>The room closed: every open packet of it is refunded.</summary>
    public async Task OnRoomClosedAsync(RoomClosed e)
    {
        foreach (var pid in await Db.SetMembersAsync(RoomPackets(e.RoomId)).ConfigureAwait(false))
            await RefundAsync(pid.ToString(), force: true).ConfigureAwait(false);
    }

    /// <summary>
    /// One settlement pass (every node runs it; every step is keyed, so two nodes at once are harmless): only the
    /// packets that are due are read (the index is scored by when each needs a look), so packets waiting for their
    /// countdown or their payment cost nothing. It credits grabs whose credit did not happen, refunds packets whose
    /// countdown is over, finishes refunds, resolves gold payments that were interrupted, expires RMB packets not
    /// paid in time (with their orders) and forgets finished packets. Each packet looked at is finished or given
    /// its next due time, so it is looked at once per pass.
    /// </summary>
    public async Task<int> SettleAsync()
    {
        int settled = 0;
        var seen = new HashSet<string>();
        while (true)
        {
            var due = await Db.SortedSetRangeByScoreAsync(Index, double.NegativeInfinity, Now, take: 200).ConfigureAwait(false);
            var fresh = due.Select(m => m.ToString()).Where(seen.Add).ToList();
            if (fresh.Count == 0) return settled;
            foreach (var pid in fresh)
            {
                try
                {
                    settled += await SettleOneAsync(pid).ConfigureAwait(false);
                }
                catch (Exception ex) when (!Core.Storage.RedisFaults.IsRedisFault(ex))
                {
                    // One packet that cannot be settled (e.g. a wallet at its maximum) must not stop the others.
                    Log.Error(ex, "red packet {Packet} could not be settled; tried again in {RetrySeconds} s", pid, RetrySeconds);
                    await Db.SortedSetAddAsync(Index, pid, Now + RetrySeconds).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task<int> SettleOneAsync(string pid)
    {
        int settled = 0;
        foreach (var acc in await Db.SetMembersAsync(PendingKey(pid)).ConfigureAwait(false))
        {
            var amount = await Db.HashGetAsync(GrabbedKey(pid), acc).ConfigureAwait(false);
            Log.Warn("red packet {Packet}: grab of {Account} was not credited; crediting it now", pid, acc);
            await CreditAsync(pid, acc.ToString(), (long)amount).ConfigureAwait(false);
            settled++;
        }
        var f = await Db.HashGetAsync(PacketKey(pid), ["state", "expire", "created", "sender", "orderid"]).ConfigureAwait(false);
        var state = StateOf(f[0]);
        if ((state == PacketState.Open && (long)f[1] <= Now) || state == PacketState.Refunding)
        {
            await RefundAsync(pid, force: false).ConfigureAwait(false);
            settled++;
        }
        else if (state == PacketState.Paying && (long)f[2] + PayingGraceSeconds <= Now)
        {
            await ResolvePaymentAsync(pid, f[3].ToString()).ConfigureAwait(false);
            settled++;
        }
        else if (state == PacketState.Ordered && (long)f[2] + Options.UnpaidExpireSeconds <= Now)
        {
            await ExpireUnpaidAsync(pid, f[3].ToString(), f[4].ToString()).ConfigureAwait(false);
            settled++;
        }
        await ScheduleAsync(pid).ConfigureAwait(false);
        return settled;
    }

    /// <summary>After a look: the packet's next due time from where it stands now, or, finished, it leaves the index.</summary>
    private async Task ScheduleAsync(string pid)
    {
        var f = await Db.HashGetAsync(PacketKey(pid), ["state", "expire", "created", "room"]).ConfigureAwait(false);
        var state = StateOf(f[0]);
        long? next = state switch
        {
            PacketState.Open => (long)f[1],
            PacketState.Paying => (long)f[2] + PayingGraceSeconds,
            PacketState.Ordered => (long)f[2] + Options.UnpaidExpireSeconds,
            PacketState.Refunding => Now,
            _ => null,
        };
        bool pending = await Db.SetLengthAsync(PendingKey(pid)).ConfigureAwait(false) > 0;
        if (next is null && !pending)
        {
            // Its pendant ends with it, even if the grab or refund that finished it stopped short of that.
            if (state is PacketState.Done or PacketState.Refunded && !f[3].IsNull)
            {
                var ended = new RedPacketEnded(f[3].ToString(), pid, state == PacketState.Done ? "all grabbed" : "refunded");
                (await _events.PublishAsync(ended).ConfigureAwait(false)).ThrowIfFailed();
            }
            await Db.SortedSetRemoveAsync(Index, pid).ConfigureAwait(false);
            if (!f[3].IsNull) await Db.SetRemoveAsync(RoomPackets(f[3].ToString()), pid).ConfigureAwait(false);
            return;
        }
        // Due now and still not moved on (an order paid but not yet fulfilled, a refund or credit that failed): later.
        long at = next is { } n && n > Now && !pending ? n : Now + RetrySeconds;
        await Db.SortedSetAddAsync(Index, pid, at).ConfigureAwait(false);
    }

    /// <summary>A gold send interrupted between its record and its opening: opened if the debit happened, dropped if not.</summary>
    private async Task ResolvePaymentAsync(string pid, string sender)
    {
        if (await _player.Ledger.WasAppliedAsync(sender, $"rp:{pid}:pay").ConfigureAwait(false))
        {
            Log.Warn("red packet {Packet}: paid but never opened; opening it now", pid);
            var config = await Db.HashGetAsync(PacketKey(pid), "config").ConfigureAwait(false);
            await OpenAsync(pid, GoldPayment((int)config)).ConfigureAwait(false);
        }
        else if (await _scripts.State.CallAsync(new StateArgs(pid, PacketState.Paying, PacketState.Failed)).ConfigureAwait(false))
        {
            Log.Warn("red packet {Packet}: never paid; dropped", pid);
        }
    }

    /// <summary>
    /// An RMB packet not paid in time expires with its order: the order first (once expired, a payment reported for it
    /// is late), then the packet, whose record stays only as long as such a late payment may still open it. An order
    /// paid meanwhile leaves the packet to its fulfilment.
    /// </summary>
    private async Task ExpireUnpaidAsync(string pid, string sender, string orderId)
    {
        var order = orderId.Length > 0 ? await _player.Payments.ExpireAsync(orderId).ConfigureAwait(false) : null;
        if (order is not (OrderState.Expired or null)) return;
        if (await _scripts.Expire.CallAsync(new ExpireArgs(pid, Payments.LatePaymentSeconds)).ConfigureAwait(false))
        {
            await _player.Payments.Slots.ReleaseAsync(UnpaidKey(sender), pid).ConfigureAwait(false);
            DataLog.Write("redpacket expire", ("packetid", pid), ("sender", sender), ("orderid", orderId));
        }
    }
}
