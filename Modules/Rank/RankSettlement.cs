using System.Globalization;
using System.Text.Json.Nodes;
using SocialGame.Core.Logging;
using SocialGame.Core.Storage;
using SocialGame.Core.Storage.Keys;
using SocialGame.Modules.Player;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Rank;
using StackExchange.Redis;

namespace SocialGame.Modules.Rank;

/// <summary>What one settlement call did.</summary>
internal enum SettleOutcome
{
    /// <summary>This call finished the settlement.</summary>
    Settled,
    /// <summary>It was settled before.</summary>
    AlreadyDone,
    /// <summary>Another node holds the claim (it is settling now, or died less than claimSeconds ago).</summary>
    Busy,
}

/// <summary>
/// Settling an ended period, once across nodes: a claim (held claimSeconds, then another node may take it over) freezes the board
/// (its top places copied into the final list; later gifts count for the next period), then each place is rewarded in order,
/// its progress recorded after each, so a crash at any step resumes on any node where it stopped. A place's reward is one ledger
/// operation keyed by board, period and place (granted once however often it is retried), its notice an inbox message deduplicated
/// by the same key, and a push to the winner online.
/// </summary>
internal sealed partial class RankService
{
    /// <summary>Runs after each place is handled and before its progress is recorded (a test simulates a crash there).</summary>
    internal Func<int, Task>? AfterPlace { get; set; }

    /// <summary>One pass (every node runs it): every ended, kept period of every board not settled yet is settled.</summary>
    public async Task<int> SettleDueAsync()
    {
        int settled = 0;
        foreach (var board in Options.Boards)
        {
            foreach (var (period, end) in Periods.Ended(board))
            {
                if (await Db.HashGetAsync(RankKeys.State(board.Id, period), "state").ConfigureAwait(false) == "done") continue;
                try
                {
                    if (await SettleAsync(board, period, end).ConfigureAwait(false) == SettleOutcome.Settled) settled++;
                }
                catch (Exception ex) when (!RedisFaults.IsRedisFault(ex))
                {
                    // One period that cannot be settled (e.g. a wallet at its maximum) must not stop the others; the next pass retries.
                    Log.Error(ex, "rank {Board} {Period}: settlement stopped; the next pass resumes it", board.Id, period);
                }
            }
        }
        return settled;
    }

    /// <summary>Settles one ended period (idempotent: a settled one answers <see cref="SettleOutcome.AlreadyDone"/>, one claimed by
    /// another call, on this node or another, <see cref="SettleOutcome.Busy"/>).</summary>
    public async Task<SettleOutcome> SettleAsync(RankBoard board, string period, DateTimeOffset end)
    {
        long now = Periods.Now.ToUnixTimeSeconds();
        // each call claims for itself: two passes of one node are as exclusive as two nodes
        string claimant = _node + "/" + Guid.NewGuid().ToString("N")[..12];
        var (outcome, step) = await _scripts.Claim.CallAsync(new RankScripts.ClaimArgs(board.Id, period, claimant, now,
            now + Options.ClaimSeconds, board.HistorySize, Periods.KeepSeconds(board, end))).ConfigureAwait(false);
        if (outcome == ClaimOutcome.Done) return SettleOutcome.AlreadyDone;
        if (outcome == ClaimOutcome.Busy) return SettleOutcome.Busy;
        var state = RankKeys.State(board.Id, period);
        var final = await FinalAsync(board.Id, period).ConfigureAwait(false);
        for (int rank = step + 1; rank <= final.Count; rank++)
        {
            var (acc, score) = final[rank - 1];
            // a place whose account was deleted since the freeze keeps its placeholder and is granted nothing
            if (board.RewardOf(rank) is { } reward && !acc.StartsWith(DeletedAccount.Placeholder, StringComparison.Ordinal))
                await RewardAsync(board, period, end, rank, acc, score, reward).ConfigureAwait(false);
            if (AfterPlace is { } hook) await hook(rank).ConfigureAwait(false);
            await Db.HashSetAsync(state, "step", rank).ConfigureAwait(false);
        }
        bool first = await Db.HashSetAsync(state, "settledat", now, When.NotExists).ConfigureAwait(false);
        await Db.HashSetAsync(state, "state", "done").ConfigureAwait(false);
        if (first)
            DataLog.Write("rank settled", ("board", board.Id), ("period", period), ("places", final.Count),
                ("first", final.Count > 0 ? final[0].Acc : ""), ("score", final.Count > 0 ? final[0].Score : 0));
        return SettleOutcome.Settled;
    }

    private async Task RewardAsync(RankBoard board, string period, DateTimeOffset end, int rank, string acc, long score,
        RankRewardSet reward)
    {
        string key = LedgerKey(board.Id, period, rank);
        var (currencies, items) = RankOptions.Changes(reward, _player.Items);
        var granted = await _player.Ledger.ApplyAsync(new LedgerOperation(acc, key, "rank reward " + board.Id, currencies, items)
        {
            RememberUntil = RankPeriods.ExpireAt(board, end) + 86400,
        }).ConfigureAwait(false);
        if (!granted.Settled)
            throw new InvalidOperationException($"rank {board.Id} {period}: reward of place {rank} refused ({granted.Status})");
        // a deleted winner's refusal is in its closed ledger for finance; it has no inbox any more
        if (!granted.Succeeded) return;
        string place = rank.ToString(CultureInfo.InvariantCulture);
        await _player.Inbox.SendAsync(acc, "system", $"{board.Name}：第{place}名 / place {place}",
            $"恭喜你在{period}期获得第{place}名，奖励已发放。/ Congratulations: you finished in place {place} for {period}; your reward " +
            "was granted.", new JsonObject { ["board"] = board.Id, ["period"] = period, ["rank"] = rank }, dedupeKey: key)
            .ConfigureAwait(false);
        if (granted.Status != LedgerStatus.Applied) return;
        DataLog.Write("rank reward", ("board", board.Id), ("period", period), ("rank", rank), ("acc", acc), ("score", score), ("key", key));
        await _push.ToAccountAsync(acc, RankProtocol.Settled, new RankSettledPush
        {
            Board = board.Id, Period = period, Rank = rank, Score = score, Rewards = Describe(reward, _player.Items),
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// The rank step of deleting an account: off every board of every kept period, and in the final places of settled periods
    /// replaced by a placeholder (the others' places, granted by place, stay as they were).
    /// </summary>
    public async Task EraseAccountAsync(string acc)
    {
        string placeholder = DeletedAccount.NewName();
        int changed = 0;
        await foreach (var key in _redis.ScanAsync(RankKeys.StatePattern).ConfigureAwait(false))
            if (RankKeys.OfState(key.ToString()) is { } of)
                changed += await _scripts.Erase.CallAsync(new RankScripts.EraseArgs(of.Board, of.Period, acc, placeholder))
                    .ConfigureAwait(false);
        if (changed > 0) DataLog.Write("rank erased", ("acc", acc), ("entries", changed));
    }
}
