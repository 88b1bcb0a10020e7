using System.Security.Cryptography;
using NLog;
using SocialGame.Core;
using SocialGame.Core.Events;
using SocialGame.Core.Logging;
using SocialGame.Core.Storage;
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
public sealed class CancellationService
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private static readonly RedisKey DueIndex = AccountModuleKeys.CancelDue;
    private readonly ServerServices _services;
    private readonly PlayerBase _player;
    private readonly AccountOptions _options;
    private readonly AccountRecords _records;
    private readonly RedisScript _apply;
    private readonly RedisScript _transition;

    public CancellationService(ServerServices services, PlayerBase player, AccountOptions options, AccountRecords records)
    {
        _services = services;
        _player = player;
        _options = options;
        _records = records;
        _apply = services.Scripts.RegisterEmbedded(typeof(CancellationService).Assembly, "cancel_apply.lua");
        _transition = services.Scripts.RegisterEmbedded(typeof(CancellationService).Assembly, "cancel_transition.lua");
    }

    public static RedisKey RecordKey(string acc) => AccountModuleKeys.Cancel(acc);
    private static RedisKey HistoryKey(string acc) => AccountModuleKeys.CancelHistory(acc);

    private long Now => _services.Clock.UnixSeconds;

    public async Task<CancelResponse> ApplyAsync(string acc)
    {
        long now = Now;
        string sid = "C" + now + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        long due = now + (long)_options.CoolingDays * 86400;
        var keys = new List<RedisKey> { RecordKey(acc), HistoryKey(acc), AccountRecords.Family(acc) };
        keys.AddRange(_options.BoundRelations.Select(b => AccountRecords.Record(acc, "bind." + b)));
        var r = (RedisResult[])(await _services.Scripts.EvalAsync(_apply, keys.ToArray(),
            [now, sid, due, now - (long)_options.WindowDays * 86400, _options.MaxApplications]).ConfigureAwait(false))!;
        var texts = _options.Texts;
        switch (r[0].ToString())
        {
            case "created":
                await _services.Redis.Db.SortedSetAddAsync(DueIndex, acc, due).ConfigureAwait(false);
                DataLog.Write("cancel apply", ("acc", acc), ("sid", sid), ("due", due));
                return new CancelResponse { Text = texts.Applied, Record = await StatusAsync(acc).ConfigureAwait(false) };
            case "active":
            {
                // Put back in the job's index: a crash (or a Redis error) between the record and its index entry
                // would otherwise leave a record that never falls due.
                var record = await StatusAsync(acc).ConfigureAwait(false);
                if (record is { State: "cooling" }) await _services.Redis.Db.SortedSetAddAsync(DueIndex, acc, record.DueTime).ConfigureAwait(false);
                return new CancelResponse { Text = texts.AlreadyApplied, Record = record };
            }
            case "cancelled":
                return Refuse(ResultCode.CancelAlreadyDone, texts.AlreadyCancelled);
            case "leader":
                return Refuse(ResultCode.CancelFamilyLeader, texts.FamilyLeader);
            case "bound":
                return Refuse(ResultCode.CancelBound, texts.Bound);
            default:
                return Refuse(ResultCode.CancelTooOften, texts.TooOften);
        }
    }

    private static CancelResponse Refuse(ResultCode code, string text) => new() { Result = (int)code, Text = text };

    public async Task<CancelRecordInfo?> StatusAsync(string acc)
    {
        var f = (await _services.Redis.Db.HashGetAllAsync(RecordKey(acc)).ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => e.Value);
        if (!f.TryGetValue("state", out var state)) return null;
        return new CancelRecordInfo { Sid = f["sid"].ToString(), State = state.ToString(), CreateTime = (long)f["created"], DueTime = (long)f["due"] };
    }

    /// <summary>
    /// Withdraws an active record; returns its sid, or null when none was active. With <paramref name="loginSecond"/>
    /// (a login's unix second) only a record created before that login is withdrawn.
    /// </summary>
    public async Task<string?> WithdrawAsync(string acc, string why, long loginSecond = 0)
    {
        var r = await TransitionAsync(acc, "withdraw", "", why, loginSecond).ConfigureAwait(false);
        if (r.Outcome == "stale") Log.Info("online event of {0} predates its cancellation {1}: not withdrawn", acc, r.Sid);
        if (r.Outcome != "withdrawn") return null;
        await _services.Redis.Db.SortedSetRemoveAsync(DueIndex, acc).ConfigureAwait(false);
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
            Log.Warn("online event {0} of {1} has no time; ignored", online.EventId, online.Account);
            return;
        }
        string? sid = await WithdrawAsync(online.Account, "online", online.Time / 1000).ConfigureAwait(false);
        if (sid is null)
        {
            // A repeated delivery finds the record already withdrawn by coming online: the welcome is sent
            // again with the same key (stored once), in case the first delivery died between the two steps.
            var f = await _services.Redis.Db.HashGetAsync(RecordKey(online.Account), ["state", "withdrawnby", "sid"]).ConfigureAwait(false);
            if (f[0] != "withdrawn" || f[1] != "online") return;
            sid = f[2].ToString();
        }
        var texts = _options.Texts;
        await _player.Inbox.SendAsync(online.Account, "system", texts.WelcomeBackTitle, texts.WelcomeBackText.Replace("{acc}", online.Account, StringComparison.Ordinal),
            dedupeKey: "welcome:" + sid).ConfigureAwait(false);
    }

    /// <summary>One pass of the job: claims and executes every due record (this node's share).</summary>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        var due = await _services.Redis.Db.SortedSetRangeByScoreAsync(DueIndex, double.NegativeInfinity, Now, take: 200).ConfigureAwait(false);
        int executed = 0;
        foreach (var member in due)
        {
            if (ct.IsCancellationRequested) break;
            string acc = member.ToString();
            var claim = await TransitionAsync(acc, "claim", "").ConfigureAwait(false);
            if (claim.Outcome != "claimed")
            {
                // Withdrawn or done elsewhere: the index entry is stale. A record claimed by a live node stays.
                if (claim.State is "withdrawn" or "done" or "") await _services.Redis.Db.SortedSetRemoveAsync(DueIndex, acc).ConfigureAwait(false);
                continue;
            }
            if (claim.State == "executing") Log.Warn("cancellation {0} of {1} was left half done; finishing it", claim.Sid, acc);
            await ExecuteAsync(acc, claim.Sid).ConfigureAwait(false);
            executed++;
        }
        return executed;
    }

    /// <summary>Deletes the account. Every step may run twice (after a crash) without harm.</summary>
    private async Task ExecuteAsync(string acc, string sid)
    {
        DataLog.Write("cancel execute", ("acc", acc), ("sid", sid), ("node", _services.Options.Node));
        await _services.Sessions.KickAsync(acc, KickReason.AccountCancelled).ConfigureAwait(false);
        var keys = AccountRecords.Deleted.Select(k => AccountRecords.Record(acc, k)).ToArray();
        await _services.Redis.Db.KeyDeleteAsync(keys).ConfigureAwait(false);
        await _player.Profiles.DeleteAsync(acc).ConfigureAwait(false);
        DataLog.Write("cancel deleted", ("acc", acc), ("sid", sid), ("deleted", "sessions,profile," + string.Join(",", AccountRecords.Deleted)));
        var done = await TransitionAsync(acc, "finish", sid).ConfigureAwait(false);
        await _services.Redis.Db.SortedSetRemoveAsync(DueIndex, acc).ConfigureAwait(false);
        if (done.Outcome == "done") DataLog.Write("cancel done", ("acc", acc), ("sid", sid));
    }

    private async Task<(string Outcome, string Sid, string State)> TransitionAsync(string acc, string action, string sid, string why = "", long loginSecond = 0)
    {
        var r = (RedisResult[])(await _services.Scripts.EvalAsync(_transition, [RecordKey(acc)],
            [action, Now, _services.Options.Node, _options.ClaimLeaseSeconds, sid, why, loginSecond]).ConfigureAwait(false))!;
        return (r[0].ToString(), r[1].ToString(), r[2].ToString());
    }
}
