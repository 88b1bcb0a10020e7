using System.Globalization;
using System.Text.Json.Nodes;
using SocialGame.Core.Logging;
using SocialGame.Core.Storage;
using SocialGame.Protocol;
using SocialGame.Protocol.Messages.Pass;

namespace SocialGame.Modules.Pass;

/// <summary>
/// The end of the season: every player's rewards left unclaimed are granted with an inbox notice, or forfeited
/// (<c>unclaimedAtEnd</c>). Every node runs the pass; each player's record is closed first (no XP or claim after it) and
/// the rest is reserved by the same atomic step as a claim, so two nodes at once settle each player once. The records
/// stay (the next season's XP starts at zero in its own records); the season's record says when it was settled.
/// </summary>
internal sealed partial class PassSeason
{
    /// <summary>One pass: nothing before the season's end or once it is settled. Returns how many players had rewards settled.</summary>
    public async Task<int> EndSeasonAsync()
    {
        if (_clock.UtcNow < Options.SeasonEnd || Ladder.Levels.Count == 0) return 0;
        if (await _store.IsSettledAsync(Season).ConfigureAwait(false)) return 0;
        int settled = 0, accounts = 0;
        bool failed = false;
        await foreach (string acc in _store.AccountsAsync(Season).ConfigureAwait(false))
        {
            accounts++;
            try
            {
                if (await SettleAccountAsync(acc).ConfigureAwait(false)) settled++;
            }
            catch (Exception ex) when (!RedisFaults.IsRedisFault(ex))
            {
                // One player who cannot be settled (a balance at its maximum) must not stop the others; the next pass tries again.
                failed = true;
                Log.Error(ex, "pass season {Season}: rewards of {Account} could not be settled; tried again on the next pass", Season, acc);
            }
        }
        if (failed) return settled;
        await _store.MarkSettledAsync(Season, _clock.UnixSeconds, accounts).ConfigureAwait(false);
        DataLog.Write("pass season end", ("season", Season), ("accounts", accounts), ("policy", Options.UnclaimedAtEnd.ToString()));
        return settled;
    }

    /// <summary>Settles one player's season; true when this call granted or forfeited something.</summary>
    private async Task<bool> SettleAccountAsync(string acc)
    {
        await _store.MarkEndedAsync(acc, Season, _clock.UnixSeconds).ConfigureAwait(false);
        // a reserved claim still refused (no room yet) keeps the season unsettled: the next pass tries it again; one granted now
        // (refused before for want of room) is told with the season's notice
        var finished = new List<PassRewardRef>();
        if (await FinishPendingAsync(acc, granted: finished).ConfigureAwait(false) > 0)
            throw new InvalidOperationException("season end: a reserved claim the ledger refused is still pending");
        for (int attempt = 0; attempt < 5; attempt++)
        {
            var rewards = Ladder.Claimable(await ProgressAsync(acc).ConfigureAwait(false));
            if (rewards.Count == 0)
            {
                // the player's own claim, finished: told, not counted as granted by the end (another node's end may have reserved
                // it, and counts it)
                if (finished.Count > 0) await NoticeAsync(acc, finished, [], granted: true).ConfigureAwait(false);
                return false;
            }
            if (Options.UnclaimedAtEnd == PassUnclaimedPolicy.Forfeit)
            {
                var reserved = await _store.ReserveAsync(acc, Season, "forfeit", "", refuseEnded: false, rewards).ConfigureAwait(false);
                if (reserved == PassReservation.Taken) continue;
                DataLog.Write("pass season forfeit", ("acc", acc), ("season", Season), ("rewards", PassLadder.Canonical(rewards)));
                await NoticeAsync(acc, rewards, [], granted: false).ConfigureAwait(false);
                return true;
            }
            var (result, granted) = await GrantAsync(acc, rewards, refuseEnded: false).ConfigureAwait(false);
            if (result == ResultCode.RequestConflict) continue;
            if (result == ResultCode.AccountCancelled) return true; // deleted: the refusal is in its closed ledger
            if (result != ResultCode.Success) throw new InvalidOperationException($"season end grant refused ({result})");
            await NoticeAsync(acc, [.. finished, .. rewards], granted, granted: true).ConfigureAwait(false);
            return true;
        }
        throw new InvalidOperationException("season end: the rewards kept being taken by claims");
    }

    private Task NoticeAsync(string acc, List<PassRewardRef> rewards, List<PassRewardItem> items, bool granted)
    {
        string n = rewards.Count.ToString(CultureInfo.InvariantCulture);
        string text = granted
            ? $"{Season} 赛季已结束，你未领取的 {n} 份奖励已发放。" +
              $"The {Season} season has ended: the {n} rewards you had not claimed were granted to you."
            : $"{Season} 赛季已结束，你未领取的 {n} 份奖励已过期。" +
              $"The {Season} season has ended: the {n} rewards you had not claimed expired.";
        var extra = new JsonObject
        {
            ["season"] = Season, ["rewards"] = PassLadder.Canonical(rewards), ["granted"] = granted,
            ["items"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject
            {
                ["itemid"] = i.ItemId, ["count"] = i.Count, ["currency"] = i.Currency, ["amount"] = i.Amount,
            }).ToArray()),
        };
        return _player.Inbox.SendAsync(acc, "system", "赛季奖励 Season rewards", text, extra, dedupeKey: $"pass:{Season}:end");
    }
}
