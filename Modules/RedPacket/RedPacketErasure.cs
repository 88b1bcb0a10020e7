using System.Security.Cryptography;
using SocialGame.Core.Logging;
using SocialGame.Core.Storage;
using StackExchange.Redis;

namespace SocialGame.Modules.RedPacket;

/// <summary>The red-packet step of deleting an account: its grab records stay (with their amounts), without its name.</summary>
internal sealed partial class RedPacketService
{
    /// <summary>What the grab records show in place of a deleted account (followed by a random tag, unique in a packet).</summary>
    public const string DeletedPlaceholder = "已注销用户/deleted user#";

    private enum AnonymiseOutcome
    {
        Pending,
        None,
        Done,
    }

    private static readonly StringCodec<AnonymiseOutcome> AnonymiseOutcomes = StringCodec<AnonymiseOutcome>.SnakeCase("rp_anonymise outcome");

    private sealed record AnonymiseArgs(string Pid, string Account, string Placeholder) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(GrabbedKey(Pid)).Key(PendingKey(Pid)).Key(LogKey(Pid)).Args(Account, Placeholder);
    }

    /// <summary>
    /// The account's entries step when it is deleted: in every packet it grabbed, its name in who grabbed and in the
    /// grab log becomes <see cref="DeletedPlaceholder"/> with a random tag (not derived from the name, so it cannot be
    /// traced back); amounts and times stay, so each packet's records still add up to its total. A packet with a share
    /// of the account still being credited is left alone (the settlement pass credits it by the account's name, the
    /// one crediting path) and the step fails after the other packets, so the deletion resumes on a later pass and
    /// anonymises it once credited. Packets are found by a scan of every packet's grabbers (grabs are not indexed by account).
    /// </summary>
    public async Task EraseAccountAsync(string acc)
    {
        string placeholder = DeletedPlaceholder + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var pending = new List<string>();
        foreach (var server in _redis.Connection.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: RedPacketKeys.GrabbedPattern, pageSize: 500).ConfigureAwait(false))
            {
                if (RedPacketKeys.PacketOfGrabbed(key.ToString()) is not { } pid || !await Db.HashExistsAsync(key, acc).ConfigureAwait(false)) continue;
                var outcome = await _scripts.Anonymise.CallAsync(new AnonymiseArgs(pid, acc, placeholder)).ConfigureAwait(false);
                if (outcome == AnonymiseOutcome.Pending) pending.Add(pid);
                else if (outcome == AnonymiseOutcome.Done) DataLog.Write("redpacket anonymised", ("packetid", pid), ("acc", acc));
            }
        }
        if (pending.Count > 0)
            throw new InvalidOperationException($"red packet shares of {acc} are still being credited ({string.Join(",", pending)}); anonymised on a later pass");
    }
}
