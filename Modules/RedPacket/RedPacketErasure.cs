using SocialGame.Core.Logging;
using SocialGame.Core.Storage;
using SocialGame.Core.Storage.Keys;
using StackExchange.Redis;

namespace SocialGame.Modules.RedPacket;

/// <summary>The red-packet step of deleting an account: its grab records stay (with their amounts), without its name.</summary>
internal sealed partial class RedPacketService
{
    private enum AnonymiseOutcome
    {
        Pending,
        None,
        Done,
    }

    private static readonly StringCodec<AnonymiseOutcome> AnonymiseOutcomes =
        StringCodec<AnonymiseOutcome>.SnakeCase("rp_anonymise outcome");

    private sealed record AnonymiseArgs(string Pid, string Account, string Placeholder) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(GrabbedKey(Pid)).Key(PendingKey(Pid)).Key(LogKey(Pid)).Args(Account, Placeholder);
    }

    /// <summary>
    /// The account's entries step when it is deleted: in every packet it grabbed, its name in who grabbed and in the
    /// grab log becomes <see cref="DeletedAccount.Placeholder"/> with a random tag (not derived from the name, so it cannot be
    /// traced back); amounts and times stay, so each packet's records still add up to its total. A packet with a share
    /// of the account still being credited is left alone (the settlement pass credits it by the account's name, the
    /// one crediting path) and the step fails after the other packets, so the deletion resumes on a later pass and
    /// anonymises it once credited. Packets are found by a scan of every packet's grabbers (grabs are not indexed by account).
    /// </summary>
    public async Task EraseAccountAsync(string acc)
    {
        string placeholder = DeletedAccount.NewName();
        var pending = new List<string>();
        await foreach (var key in _redis.ScanAsync(RedPacketKeys.GrabbedPattern).ConfigureAwait(false))
        {
            if (RedPacketKeys.PacketOfGrabbed(key.ToString()) is not { } pid || !await Db.HashExistsAsync(key, acc).ConfigureAwait(false))
                continue;
            var outcome = await _scripts.Anonymise.CallAsync(new AnonymiseArgs(pid, acc, placeholder)).ConfigureAwait(false);
            if (outcome == AnonymiseOutcome.Pending) pending.Add(pid);
            else if (outcome == AnonymiseOutcome.Done) DataLog.Write("redpacket anonymised", ("packetid", pid), ("acc", acc));
        }
        pending.AddRange(await AnonymiseSentAsync(acc, placeholder).ConfigureAwait(false));
        if (pending.Count > 0)
            throw new InvalidOperationException($"red packets of {acc} are still being paid, credited or refunded " +
                $"({string.Join(",", pending)}); anonymised on a later pass");
    }

    /// <summary>
    /// States after which a packet moves no more money to or from its sender. An RMB packet that expired or failed unpaid
    /// is not among them: its order's payment may still arrive while the record is kept, and opens it for its sender
    /// (rp_open.lua), so the step waits until the record is gone rather than leave that payment with no sender.
    /// </summary>
    private static bool Settled(PacketState state, PacketPay pay) =>
        state is PacketState.Refunded or PacketState.Done ||
        (state is PacketState.Failed or PacketState.Expired && pay != PacketPay.Rmb);

    /// <summary>
    /// The packets the account sent: a settled one keeps its record (total, shares, order) with the sender's name replaced
    /// (one transaction that holds only while the packet is still in that state); one still moving money is left, and its
    /// id returned, so the step waits for its refund (credited to the account's ledger before that closes).
    /// </summary>
    private async Task<List<string>> AnonymiseSentAsync(string acc, string placeholder)
    {
        var pending = new List<string>();
        await foreach (var key in _redis.ScanAsync(RedPacketKeys.PacketPattern).ConfigureAwait(false))
        {
            var f = await Db.HashGetAsync(key, ["sender", "state", "pay"]).ConfigureAwait(false);
            if (f[0] != acc || RedPacketKeys.PacketOf(key.ToString()) is not { } pid) continue;
            if (!Settled(PacketStates.State.Read(f[1]), PacketStates.Pay.Read(f[2])))
            {
                pending.Add(pid);
                continue;
            }
            var step = Db.CreateTransaction();
            step.AddCondition(Condition.HashEqual(key, "state", f[1]));
            step.AddCondition(Condition.HashEqual(key, "sender", acc));
            _ = step.HashSetAsync(key, "sender", placeholder);
            if (await step.ExecuteAsync().ConfigureAwait(false))
                DataLog.Write("redpacket sender anonymised", ("packetid", pid), ("acc", acc));
            else pending.Add(pid);
        }
        return pending;
    }
}
