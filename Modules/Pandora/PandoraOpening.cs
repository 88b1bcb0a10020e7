using System.Globalization;
using SocialGame.Core.Logging;
using SocialGame.Modules.Player;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Pandora;

namespace SocialGame.Modules.Pandora;

/// <summary>
/// Opening a level: the draws are made in C# with the server's random source, stored with the owner reward in one step that
/// opens the level once (a second open, from any node, finds it opened), then granted one by one through the ledger (key:
/// box, level, kind, in the account's own key space), each then crossed off. A node that dies between the two leaves the
/// level in the due index: after <c>grantGraceSeconds</c> a sweep, claimed by one node at a time, grants what is left.
/// </summary>
internal sealed partial class PandoraService
{
    /// <summary>The result of an open, for the owner's answer.</summary>
    public sealed record OpenResult(ResultCode Result, int Draws = 0, PandoraPrize? Reward = null);

    /// <summary>The owner opens <paramref name="level"/> of the room's open box for the members in the room now.</summary>
    public async Task<OpenResult> OpenAsync(string caller, string room, int level)
    {
        var f = await Db.HashGetAsync(PandoraKeys.Box(room), ["box", "state", "owner", "energy", "opened"]).ConfigureAwait(false);
        if (f[0].IsNull || f[1] != "live") return new OpenResult(ResultCode.PandoraNoBox);
        var config = Options.Level(level)!;
        // Refused before anything is drawn or put in the due index (anyone may send this, for any room); the script checks
        // the same again in the step that opens the level, which alone decides.
        if (f[2] != caller) return new OpenResult(ResultCode.PandoraNotOwner);
        if ((long)f[3] < config.Threshold) return new OpenResult(ResultCode.PandoraNotReached);
        if (f[4].ToString().Contains($"|{level}|", StringComparison.Ordinal)) return new OpenResult(ResultCode.PandoraOpened);
        var members = await _rooms.MembersAsync(room).ConfigureAwait(false);
        var (outcome, draws) = await OpenLevelAsync(room, f[0].ToString(), config, caller, members).ConfigureAwait(false);
        return outcome switch
        {
            OpenOutcome.Stored => new OpenResult(ResultCode.Success, draws, PandoraPrizes.Wire(config.OwnerReward, _player.Items)),
            OpenOutcome.Nobox => new OpenResult(ResultCode.PandoraNoBox),
            OpenOutcome.Notowner => new OpenResult(ResultCode.PandoraNotOwner),
            OpenOutcome.Notreached => new OpenResult(ResultCode.PandoraNotReached),
            _ => new OpenResult(ResultCode.PandoraOpened),
        };
    }

    /// <summary>
    /// Stores the level's draws (once per box and level), grants them and tells the room. <paramref name="caller"/> "": the close.
    /// </summary>
    private async Task<(OpenOutcome Outcome, int Draws)> OpenLevelAsync(string room, string box, PandoraLevelConfig level, string caller,
        IReadOnlyList<string> members)
    {
        var (outcome, owner, draws) = await StoreDrawsAsync(room, box, level, caller, members).ConfigureAwait(false);
        if (outcome != OpenOutcome.Stored) return (outcome, 0);
        try
        {
            await GrantLevelAsync(room, box, level.Level).ConfigureAwait(false);
            await Db.SortedSetRemoveAsync(PandoraKeys.Due, DueItem(room, box, level.Level)).ConfigureAwait(false);
        }
        catch (Exception ex) when (!Core.Storage.RedisFaults.IsRedisFault(ex))
        {
            // The level is open and its draws stored: a grant the ledger refused (a balance at its maximum) stays in the due
            // index, and the sweep tries it again; the others were granted.
            Log.Error(ex, "pandora: room {Room} box {Box} level {Level}: a grant was refused; the sweep tries again", room, box,
                level.Level);
        }
        DataLog.Write("pandora open", ("roomid", room), ("box", box), ("level", level.Level), ("owner", owner),
            ("by", caller.Length > 0 ? "owner" : "close"), ("draws", draws.Count));
        await _router.ToRoomAsync(room, PandoraProtocol.Opened, new PandoraOpenedPush
        {
            RoomId = room, Level = level.Level, Owner = owner, By = caller.Length > 0 ? "owner" : "close", Total = draws.Count,
            Draws = draws.OrderByDescending(d => d.Prize.Value).ThenBy(d => d.Account, StringComparer.Ordinal).Take(Options.OpenedPushTop)
                .Select(d => new PandoraDraw { Acc = d.Account, Prize = PandoraPrizes.Wire(d.Prize) }).ToList(),
        }).ConfigureAwait(false);
        return (outcome, draws.Count);
    }

    /// <summary>
    /// The first half of an open: the level goes into the due index (so the sweep finishes it if this node dies), then the
    /// draws are stored in one step that opens the level once. Nothing is granted yet.
    /// </summary>
    internal async Task<(OpenOutcome Outcome, string Owner, List<(string Account, StoredPrize Prize)> Draws)> StoreDrawsAsync(string room,
        string box, PandoraLevelConfig level, string caller, IReadOnlyList<string> members)
    {
        long now = Now;
        var pool = Options.Pool(level.Pool)!;
        var draws = PandoraDrawing.DrawAll(pool, members, _random)
            .Select(d => (d.Account, Prize: PandoraPrizes.Store(d.Prize, _player.Items, now))).ToList();
        var reward = PandoraPrizes.Store(level.OwnerReward, _player.Items, now);
        await Db.SortedSetAddAsync(PandoraKeys.Due, DueItem(room, box, level.Level), now + Options.GrantGraceSeconds).ConfigureAwait(false);
        var (outcome, owner) = await _scripts.Open.CallAsync(new OpenArgs(room, box, level.Level, level.Threshold, caller, now,
            (long)Options.BoxKeepDays * 86400, PandoraPrizes.Write(reward),
            draws.Select(d => (d.Account, PandoraPrizes.Write(d.Prize))).ToList())).ConfigureAwait(false);
        return (outcome, owner, draws);
    }

    /// <summary>
    /// Grants every stored and not granted draw of a box's level, each once (the ledger key), and records it for its player.
    /// </summary>
    internal async Task<int> GrantLevelAsync(string room, string box, int level)
    {
        string prefix = level.ToString(CultureInfo.InvariantCulture) + "|";
        int granted = 0;
        var refused = new List<string>();
        var pending = PandoraKeys.Pending(room, box);
        foreach (var member in await Db.SetMembersAsync(pending).ConfigureAwait(false))
        {
            string field = member.ToString();
            if (!field.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var parts = field.Split('|', 3);
            string kind = parts[1], acc = parts[2];
            var stored = await Db.HashGetAsync(PandoraKeys.Draws(room, box), field).ConfigureAwait(false);
            if (stored.IsNull)
            {
                Log.Error("pandora: room {Room} box {Box}: pending draw {Field} has no stored prize; dropped", room, box, field);
                await Db.SetRemoveAsync(pending, member).ConfigureAwait(false);
                continue;
            }
            var prize = PandoraPrizes.Read<StoredPrize>(stored.ToString());
            var grant = PandoraPrizes.Grant(acc, room, box, level, kind, prize);
            if (_player.Ledger.Check(grant) is { } problem)
            {
                // e.g. an owner reward stored for a deleted owner's anonymous name: nobody to grant it to; the others go on
                Log.Warn("pandora: room {Room} box {Box}: draw {Field} cannot be granted ({Problem}); dropped", room, box, field,
                    problem.Message);
                await Db.SetRemoveAsync(pending, member).ConfigureAwait(false);
                continue;
            }
            var outcome = await _player.Ledger.ApplyAsync(grant).ConfigureAwait(false);
            if (!outcome.Settled)
            {
                refused.Add($"{acc} ({outcome.Status})");
                continue;
            }
            if (outcome.Succeeded) await RecordAsync(acc, new StoredRecord(room, box, level, kind == "o" ? "owner" : "draw", prize))
                .ConfigureAwait(false);
            await Db.SetRemoveAsync(pending, member).ConfigureAwait(false);
            granted++;
        }
        if (refused.Count > 0)
            throw new InvalidOperationException(
                $"pandora: room {room} box {box} level {level}: grants refused: {string.Join(", ", refused)}");
        return granted;
    }

    /// <summary>Adds a record (the same draw twice is one record: the member is the draw) and drops those older than recordDays.</summary>
    private async Task RecordAsync(string acc, StoredRecord record)
    {
        var key = PandoraKeys.Records(acc);
        long keep = (long)Options.RecordDays * 86400;
        await Db.SortedSetAddAsync(key, PandoraPrizes.Write(record), record.Prize.Time).ConfigureAwait(false);
        await Db.SortedSetRemoveRangeByScoreAsync(key, double.NegativeInfinity, Now - keep).ConfigureAwait(false);
        await Db.KeyExpireAsync(key, TimeSpan.FromSeconds(keep)).ConfigureAwait(false);
    }

    /// <summary>A level of a box in the due index; room ids hold no '|'.</summary>
    private static string DueItem(string room, string box, int level) => $"{room}|{box}|{level.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// One sweep (every node runs it): each due level is claimed by one node at a time (<c>pandora_claim.lua</c>, a lease of
    /// <c>claimLeaseSeconds</c>), its draws left are granted, and it leaves the index. A level that fails stays claimed and is
    /// tried again when the lease ends, on any node.
    /// </summary>
    public async Task<int> SweepAsync()
    {
        int granted = 0;
        var seen = new HashSet<string>();
        while (true)
        {
            var due = await Db.SortedSetRangeByScoreAsync(PandoraKeys.Due, double.NegativeInfinity, Now, take: 200).ConfigureAwait(false);
            var fresh = due.Select(m => m.ToString()).Where(seen.Add).ToList();
            if (fresh.Count == 0) return granted;
            foreach (var item in fresh)
            {
                if (!await _scripts.Claim.CallAsync(new ClaimArgs(item, Now, Options.ClaimLeaseSeconds)).ConfigureAwait(false)) continue;
                var parts = item.Split('|');
                if (parts.Length != 3 || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out int level))
                {
                    await Db.SortedSetRemoveAsync(PandoraKeys.Due, item).ConfigureAwait(false);
                    continue;
                }
                try
                {
                    int n = await GrantLevelAsync(parts[0], parts[1], level).ConfigureAwait(false);
                    if (n > 0)
                        Log.Warn("pandora: room {Room} box {Box} level {Level}: {Count} draws were not granted; granted now",
                            parts[0], parts[1], level, n);
                    granted += n;
                    await Db.SortedSetRemoveAsync(PandoraKeys.Due, item).ConfigureAwait(false);
                }
                catch (Exception ex) when (!Core.Storage.RedisFaults.IsRedisFault(ex))
                {
                    Log.Error(ex, "pandora: room {Room} box {Box} level {Level} could not be granted; tried again after the lease",
                        parts[0], parts[1], level);
                }
            }
        }
    }
}
