using System.Security.Cryptography;
using NLog;
using SocialGame.Core.Events;
using SocialGame.Core.Logging;
using SocialGame.Core.Sessions;
using SocialGame.Core.Storage;
using SocialGame.Core.Storage.Keys;
using SocialGame.Core.Time;
using SocialGame.Modules.Player;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Account;
using StackExchange.Redis;

namespace SocialGame.Modules.Account;

/// <summary>
/// Account cancellation (seed 000, 3.3.80): pre-checks and one active record with a cooling period;
/// coming online withdraws it (with a "welcome back" message); a job on every node claims due records
/// atomically and deletes the account. Every transition is one Lua step on the record, so the job, a
/// login and a withdrawal racing each other leave exactly one outcome.
/// </summary>
internal sealed partial class CancellationService
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private static readonly RedisKey DueIndex = AccountModuleKeys.CancelDue;
    private readonly RedisStore _redis;
    private readonly IClock _clock;
    private readonly string _node;
    private readonly SessionService _sessions;
    private readonly PlayerBase _player;
    private readonly AccountOptions _options;
    private readonly AccountRecords _records;
    private readonly AccountDataEraser _eraser;
    private readonly LuaScript<ApplyArgs, ApplyOutcome> _apply;
    private readonly LuaScript<TransitionArgs, Transition> _transition;

    /// <param name="node">this node's name (it holds the claim of a cancellation it executes)</param>
    public CancellationService(RedisStore redis, ScriptRegistry scripts, IClock clock, string node, SessionService sessions,
        AccountDataRegistry accountData, PlayerBase player, AccountOptions options, AccountRecords records)
    {
        _redis = redis;
        _clock = clock;
        _node = node;
        _sessions = sessions;
        _player = player;
        _options = options;
        _records = records;
        _eraser = new AccountDataEraser(redis, accountData);
        _apply = ApplyScript(scripts);
        _transition = TransitionScript(scripts);
    }

    public static RedisKey RecordKey(string acc) => AccountModuleKeys.Cancel(acc);
    private static RedisKey HistoryKey(string acc) => AccountModuleKeys.CancelHistory(acc);

    private long Now => _clock.UnixSeconds;

    public async Task<CancelResponse> ApplyAsync(string acc)
    {
        long now = Now;
        string sid = "C" + now + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        long due = now + (long)_options.CoolingDays * 86400;
        var outcome = await _apply.CallAsync(new ApplyArgs(acc, _options.BoundRelations, now, sid, due,
            now - (long)_options.WindowDays * 86400, _options.MaxApplications))
            .ConfigureAwait(false);
        var texts = _options.Texts;
        switch (outcome)
        {
            case ApplyOutcome.Created:
                await _redis.Db.SortedSetAddAsync(DueIndex, acc, due).ConfigureAwait(false);
                DataLog.Write("cancel apply", ("acc", acc), ("sid", sid), ("due", due));
                return new CancelResponse { Text = texts.Applied, Record = await StatusAsync(acc).ConfigureAwait(false) };
            case ApplyOutcome.Active:
            {
                // Put back in the job's index: a crash (or a Redis error) between the record and its index entry
                // would otherwise leave a record that never falls due.
                var record = await StatusAsync(acc).ConfigureAwait(false);
                if (record is not null && CancelStates.Codec.Read(record.State) == CancelState.Cooling)
                    await _redis.Db.SortedSetAddAsync(DueIndex, acc, record.DueTime).ConfigureAwait(false);
                return new CancelResponse { Text = texts.AlreadyApplied, Record = record };
            }
            case ApplyOutcome.Cancelled:
                return Refuse(ResultCode.CancelAlreadyDone, texts.AlreadyCancelled);
            case ApplyOutcome.Leader:
                return Refuse(ResultCode.CancelFamilyLeader, texts.FamilyLeader);
            case ApplyOutcome.Bound:
                return Refuse(ResultCode.CancelBound, texts.Bound);
            default: // often
                return Refuse(ResultCode.CancelTooOften, texts.TooOften);
        }
    }

    private static CancelResponse Refuse(ResultCode code, string text) => new() { Result = (int)code, Text = text };

    public async Task<CancelRecordInfo?> StatusAsync(string acc)
    {
        var f = (await _redis.Db.HashGetAllAsync(RecordKey(acc)).ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => e.Value);
        if (!f.TryGetValue("state", out var state)) return null;
        return new CancelRecordInfo { Sid = f["sid"].ToString(), State = state.ToString(), CreateTime = (long)f["created"],
            DueTime = (long)f["due"] };
    }

    /// <summary>The state of the account's cancellation record, or null when it has none.</summary>
    public async Task<CancelState?> StateAsync(string acc)
    {
        var state = await _redis.Db.HashGetAsync(RecordKey(acc), "state").ConfigureAwait(false);
        return state.IsNull ? null : CancelStates.Codec.Read(state);
    }

    /// <summary>
    /// The login check: an account being deleted or deleted cannot log in (its kept record says so on every node), so a
    /// token issued before the deletion no longer works and no fresh profile is created for it.
    /// </summary>
    public async Task<ResultCode> LoginCheckAsync(string acc) =>
        await StateAsync(acc).ConfigureAwait(false) is CancelState.Executing or CancelState.Done ? ResultCode.AccountCancelled
            : ResultCode.Success;

    /// <summary>
    /// Withdraws an active record; returns its sid, or null when none was active. With <paramref name="loginSecond"/>
    /// (a login's unix second) only a record created before that login is withdrawn.
    /// </summary>
    public async Task<string?> WithdrawAsync(string acc, string why, long loginSecond = 0)
    {
        var r = await TransitionAsync(acc, TransitionAction.Withdraw, "", why, loginSecond).ConfigureAwait(false);
        if (r.Outcome == TransitionOutcome.Stale)
            Log.Info("online event of {Account} predates its cancellation {Sid}: not withdrawn", acc, r.Sid);
        if (r.Outcome != TransitionOutcome.Withdrawn) return null;
        await _redis.Db.SortedSetRemoveAsync(DueIndex, acc).ConfigureAwait(false);
        DataLog.Write("cancel withdraw", ("acc", acc), ("sid", r.Sid), ("why", why));
        return r.Sid;
    }

    /// <summary>
    /// The online event: an active cancellation applied before that login is withdrawn and the player welcomed
    /// back (once per record). The login of the session the player applied in, delivered late or again, is older
    /// than the record and withdraws nothing.
    /// </summary>
    public async Task OnOnlineAsync(OnlineEvent online, EventContext context, CancellationToken ct)
    {
        if (!Common.Validate.Account(online.Account)) return;
        if (online.Time <= 0)
        {
            Log.Warn("online event {EventId} of {Account} has no time; ignored", online.EventId, online.Account);
            return;
        }
        string? sid = await WithdrawAsync(online.Account, "online", online.Time / 1000).ConfigureAwait(false);
        if (sid is null)
        {
            // A repeated delivery finds the record already withdrawn by coming online: the welcome is sent
            // again with the same key (stored once), in case the first delivery died between the two steps.
            var f = await _redis.Db.HashGetAsync(RecordKey(online.Account), ["state", "withdrawnby", "sid"]).ConfigureAwait(false);
            if (f[0].IsNull || CancelStates.Codec.Read(f[0]) != CancelState.Withdrawn || f[1] != "online") return;
            sid = f[2].ToString();
        }
        var profile = await _player.Profiles.GetAsync(online.Account).ConfigureAwait(false);
        var (title, text) = _options.Texts.WelcomeBack(online.Lang, profile?.Nickname is { Length: > 0 } nick ? nick : online.Account);
        await _player.Inbox.SendAsync(online.Account, "system", title, text, dedupeKey: "welcome:" + sid).ConfigureAwait(false);
    }

    /// <summary>One pass of the job: claims and executes every due record (this node's share).</summary>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        var due = await _redis.Db.SortedSetRangeByScoreAsync(DueIndex, double.NegativeInfinity, Now, take: 200).ConfigureAwait(false);
        int executed = 0;
        foreach (var member in due)
        {
            if (ct.IsCancellationRequested) break;
            string acc = member.ToString();
            var claim = await TransitionAsync(acc, TransitionAction.Claim, "").ConfigureAwait(false);
            if (claim.Outcome != TransitionOutcome.Claimed)
            {
                // Withdrawn or done elsewhere: the index entry is stale. A record claimed by a live node stays.
                if (claim.Before is CancelState.Withdrawn or CancelState.Done or null)
                    await _redis.Db.SortedSetRemoveAsync(DueIndex, acc).ConfigureAwait(false);
                continue;
            }
            if (claim.Before == CancelState.Executing)
                Log.Warn("cancellation {Sid} of {Account} was left half done; finishing it", claim.Sid, acc);
            try
            {
                await ExecuteAsync(acc, claim.Sid).ConfigureAwait(false);
                executed++;
            }
            catch (Exception ex)
            {
                // The record stays claimed: when the lease runs out a later pass, on any node, does the steps left.
                Log.Error(ex, "cancellation {Sid} of {Account} stopped midway; the steps left run after the claim's lease", claim.Sid, acc);
            }
        }
        return executed;
    }

    /// <summary>
    /// Deletes the account, one module's step at a time (<see cref="AccountDataEraser"/>). Each finished step is noted in
    /// the record (<c>erased:MODULE</c> = sid), so a pass that dies midway is finished by the next claim, on any node, with the
    /// steps still to do; a step may run twice (it died before its note) without harm.
    /// </summary>
    private async Task ExecuteAsync(string acc, string sid)
    {
        DataLog.Write("cancel execute", ("acc", acc), ("sid", sid), ("node", _node));
        await _sessions.KickAsync(acc, KickReason.AccountCancelled).ConfigureAwait(false);
        var record = RecordKey(acc);
        foreach (string module in _eraser.Steps)
        {
            string field = "erased:" + module;
            if (await _redis.Db.HashGetAsync(record, field).ConfigureAwait(false) == sid) continue;
            int deleted = await _eraser.EraseAsync(module, acc).ConfigureAwait(false);
            await _redis.Db.HashSetAsync(record, field, sid).ConfigureAwait(false);
            DataLog.Write("cancel erased", ("acc", acc), ("sid", sid), ("module", module), ("keys", deleted));
        }
        var done = await TransitionAsync(acc, TransitionAction.Finish, sid).ConfigureAwait(false);
        await _redis.Db.SortedSetRemoveAsync(DueIndex, acc).ConfigureAwait(false);
        if (done.Outcome == TransitionOutcome.Done) DataLog.Write("cancel done", ("acc", acc), ("sid", sid));
    }

    private Task<Transition> TransitionAsync(string acc, TransitionAction action, string sid, string why = "", long loginSecond = 0) =>
        _transition.CallAsync(new TransitionArgs(acc, action, Now, _node, _options.ClaimLeaseSeconds, sid, why, loginSecond));
}
