using NLog;
using SocialGame.Core.Logging;
using SocialGame.Core.Push;
using SocialGame.Core.Time;
using SocialGame.Modules.Player;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Pass;

namespace SocialGame.Modules.Pass;

/// <summary>
/// The season's levels for each player: XP from the sources' events (each event once, each source within its daily
/// cap), the state of every reward, and claims. A claim reserves its rewards in the player's season record in one
/// atomic step (all or none, each reward once), then grants them all in one ledger operation whose key stands for
/// exactly that set; a claim that stopped between the two is finished by the next claim or the season's end.
/// </summary>
internal sealed partial class PassSeason
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly PassSeasonStore _store;
    private readonly PassGifts _gifts;
    private readonly PlayerBase _player;
    private readonly IClock _clock;
    private readonly BusinessCalendar _calendar;
    private readonly IPushService _push;

    public PassSeason(PassSeasonStore store, PassGifts gifts, PlayerBase player, IClock clock, BusinessCalendar calendar, IPushService push)
    {
        _store = store;
        _gifts = gifts;
        _player = player;
        _clock = clock;
        _calendar = calendar;
        _push = push;
        Ladder = new PassLadder(gifts.Options, player.Items);
    }

    public PassOptions Options => _gifts.Options;
    public PassLadder Ladder { get; }
    private string Season => Options.Season;
    public bool Open => Options.SeasonOpen(_clock.UtcNow);

    /// <summary>
    /// Counts <paramref name="units"/> of <paramref name="source"/> for <paramref name="acc"/> once per <paramref name="eventId"/>
    /// while the season runs, and pushes levelup when a level with a reward to claim is reached. Returns the XP added.
    /// </summary>
    public async Task<long> AddXpAsync(string acc, string source, PassXpSource config, string eventId, long units)
    {
        long xp = config.XpFor(units);
        if (xp <= 0 || !Open || Ladder.Levels.Count == 0) return 0;
        var (added, total) = await _store.AddXpAsync(acc, Season, _calendar.Today, source, eventId, xp, config.DailyCap)
            .ConfigureAwait(false);
        if (added <= 0) return 0;
        DataLog.Write("pass xp", ("acc", acc), ("season", Season), ("source", source), ("xp", added), ("total", total));
        int before = Ladder.LevelOf(total - added), after = Ladder.LevelOf(total);
        if (after > before)
        {
            var progress = await ProgressAsync(acc).ConfigureAwait(false);
            if (Ladder.HasRewardBetween(before, after, progress.Owned))
                await _push.ToAccountAsync(acc, PassProtocol.LevelUp, new PassLevelUpPush
                {
                    Season = Season, Level = after, Xp = progress.Xp, Claimable = Ladder.Claimable(progress).Count,
                }).ConfigureAwait(false);
        }
        return added;
    }

    public async Task<PassProgress> ProgressAsync(string acc) => (await ReadAsync(acc).ConfigureAwait(false)).Progress;

    /// <summary>The account's progress, and its claims reserved but not yet granted (ledger key -> rewards).</summary>
    private async Task<(PassProgress Progress, Dictionary<string, string> Pending)> ReadAsync(string acc)
    {
        var read = _store.ReadAsync(acc, Season);
        var owned = _gifts.OwnsAsync(acc);
        var (xp, claimed, pending) = await read.ConfigureAwait(false);
        return (new PassProgress(xp, claimed, await owned.ConfigureAwait(false)), pending);
    }

    /// <summary>The entry's season part: level, XP, next threshold and the claimable count (0 while the season is not running).</summary>
    public async Task FillEntryAsync(string acc, PassEntryResponse entry)
    {
        var (progress, pending) = await ReadAsync(acc).ConfigureAwait(false);
        // a claim the ledger refused for want of room is granted here once there is (the pass screen needs no new claim); its
        // rewards count as claimed already, so the progress read stays true
        if (Open && pending.Count > 0) await FinishPendingAsync(acc, pending).ConfigureAwait(false);
        int level = Ladder.LevelOf(progress.Xp);
        int claimable = Open ? Ladder.Claimable(progress).Count : 0;
        entry.Owned = progress.Owned ? 1 : 0;
        entry.Level = level;
        entry.Xp = progress.Xp;
        entry.NextXp = Ladder.NextXp(level);
        entry.Claimable = claimable;
        entry.ClaimState = claimable > 0 ? 1 : 0;
        entry.Open = Open ? 1 : 0;
        entry.SeasonEnd = Options.SeasonEnd.ToUnixTimeSeconds();
    }

    public async Task<PassRewardsResponse> RewardsAsync(string acc)
    {
        var progress = await ProgressAsync(acc).ConfigureAwait(false);
        var response = new PassRewardsResponse
        {
            Season = Season, Level = Ladder.LevelOf(progress.Xp), Xp = progress.Xp, Owned = progress.Owned ? 1 : 0,
        };
        for (int l = 1; l <= Ladder.Levels.Count; l++)
        {
            var level = Ladder.Levels[l - 1];
            response.Levels.Add(new PassLevelInfo
            {
                Level = l, Xp = level.Xp, Free = Track(new(l, PassTrack.Free), level, progress),
                Premium = Track(new(l, PassTrack.Premium), level, progress),
            });
        }
        return response;
    }

    private PassTrackReward Track(PassRewardRef reward, PassLevel level, PassProgress progress) => new()
    {
        State = PassLadder.States.Write(Ladder.StateOf(reward, progress)), Items = Ladder.Describe(level.Track(reward.Track)),
    };

    /// <summary>claimall: every claimable reward of both tracks, in one ledger operation.</summary>
    public Task<PassClaimResponse> ClaimAllAsync(string acc) => ClaimAsync(acc, null);

    /// <summary>
    /// Claims <paramref name="one"/> reward, or every claimable one (null). Rewards another claim took meanwhile are read
    /// again: racing claims grant each reward once.
    /// </summary>
    public async Task<PassClaimResponse> ClaimAsync(string acc, PassRewardRef? one)
    {
        if (!Open) return Fail(ResultCode.SeasonClosed);
        // one read for the pending claims and the first attempt (a pending claim's rewards count as claimed already)
        var (progress, pending) = await ReadAsync(acc).ConfigureAwait(false);
        if (pending.Count > 0) await FinishPendingAsync(acc, pending).ConfigureAwait(false);
        for (int attempt = 0; attempt < 5; attempt++)
        {
            if (attempt > 0) progress = await ProgressAsync(acc).ConfigureAwait(false);
            List<PassRewardRef> rewards;
            if (one is { } single)
            {
                var state = Ladder.StateOf(single, progress);
                if (state != PassRewardState.Claimable)
                    return Fail(state switch
                    {
                        PassRewardState.None => ResultCode.NoReward,
                        PassRewardState.Claimed => ResultCode.RewardClaimed,
                        _ => ResultCode.RewardLocked,
                    });
                rewards = [single];
            }
            else rewards = Ladder.Claimable(progress);
            if (rewards.Count == 0) return new PassClaimResponse();
            var (result, granted) = await GrantAsync(acc, rewards, refuseEnded: true).ConfigureAwait(false);
            if (result == ResultCode.RequestConflict) continue; // taken by a racing claim: read again
            if (result != ResultCode.Success) return Fail(result);
            return new PassClaimResponse { Claimed = rewards.Count, Granted = granted };
        }
        return Fail(ResultCode.RequestConflict);
    }

    /// <summary>
    /// Reserves <paramref name="rewards"/> then grants them in one ledger operation. Success with what was granted;
    /// RequestConflict when one was taken by another claim (nothing done); SeasonClosed; or the ledger's refusal (e.g. a
    /// balance at its maximum), after which the claim stays pending: the next claim of the account or the season's end
    /// applies it again.
    /// </summary>
    private async Task<(ResultCode Result, List<PassRewardItem> Granted)> GrantAsync(string acc, List<PassRewardRef> rewards,
        bool refuseEnded)
    {
        string canonical = PassLadder.Canonical(rewards);
        string key = PassLadder.ClaimKey(Season, canonical);
        var reserved = await _store.ReserveAsync(acc, Season, key, canonical, refuseEnded, rewards).ConfigureAwait(false);
        if (reserved == PassReservation.Taken) return (ResultCode.RequestConflict, []);
        if (reserved == PassReservation.Ended) return (ResultCode.SeasonClosed, []);
        var outcome = await ApplyAsync(acc, key, canonical).ConfigureAwait(false);
        if (outcome.Settled)
        {
            await _store.GrantedAsync(acc, Season, key).ConfigureAwait(false);
            var (currencies, items) = Ladder.Grants(rewards);
            return (outcome.ToResult(), Ladder.Describe(currencies, items));
        }
        // Kept reserved, not given back: a claim finishing this one on another node (FinishPendingAsync) may have read it and be
        // applying it as the balance makes room; given back, the rewards could be claimed again under another key and granted
        // twice. The next claim of the account, or the season's end, applies it again (same key: granted once).
        Log.Info("pass claim {Key} of {Account} refused by the ledger ({Status}); it stays pending and is tried again by the next claim",
            key, acc, outcome.Status);
        return (outcome.ToResult(), []);
    }

    /// <summary>The ledger operation of a claim: its key stands for its rewards (the binding), so it is applied once.</summary>
    private Task<LedgerOutcome> ApplyAsync(string acc, string key, string canonical)
    {
        var (currencies, items) = Ladder.Grants(PassLadder.ParseCanonical(canonical));
        // remembered past the season's end: a claim a crash left pending may be finished by a claim or the season end much
        // later than the ledger's usual memory, and must then replay, not grant again
        return _player.Ledger.ApplyAsync(new LedgerOperation(acc, key, "pass reward", currencies, items)
        {
            Binding = canonical,
            RememberUntil = Options.SeasonEnd.ToUnixTimeSeconds() + 30L * 86400,
        });
    }

    /// <summary>
    /// Grants the claims reserved but not (yet) granted: one a crash stopped, one the ledger refused (a balance without room),
    /// or one still running on another node (same key: applied once either way). One refused again stays pending; returns how
    /// many did. <paramref name="granted"/>, when given, gets the rewards this call applied (not those another node applied first).
    /// </summary>
    private async Task<int> FinishPendingAsync(string acc, IReadOnlyDictionary<string, string>? pending = null,
        List<PassRewardRef>? granted = null)
    {
        pending ??= (await _store.ReadAsync(acc, Season).ConfigureAwait(false)).Pending;
        int left = 0;
        foreach (var (key, canonical) in pending)
        {
            var outcome = await ApplyAsync(acc, key, canonical).ConfigureAwait(false);
            if (outcome.Settled)
            {
                await _store.GrantedAsync(acc, Season, key).ConfigureAwait(false);
                if (outcome.Status == LedgerStatus.Applied) granted?.AddRange(PassLadder.ParseCanonical(canonical));
                continue;
            }
            left++;
            Log.Debug("pass claim {Key} of {Account} is reserved but the ledger refused it ({Status}); tried again later", key, acc,
                outcome.Status);
        }
        return left;
    }

    private static PassClaimResponse Fail(ResultCode code) => new() { Result = (int)code };
}
