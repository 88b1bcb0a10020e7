using System.Security.Cryptography;
using System.Text;
using SocialGame.Core.Storage;
using StackExchange.Redis;

namespace SocialGame.Modules.Pass;

/// <summary>What <c>pass_claim.lua</c> found.</summary>
internal enum PassReservation
{
    Reserved,
    /// <summary>One of the rewards was claimed already: nothing was written.</summary>
    Taken,
    /// <summary>The account's season is settled.</summary>
    Ended,
}

/// <summary>
/// The stored side of a season: each account's record (XP, claimed rewards, claims being granted), its daily XP
/// counters and counted events, and the season's settlement record. Every change of a record is one Lua step; no
/// decisions here (<see cref="PassSeason"/> decides).
/// </summary>
internal sealed class PassSeasonStore
{
    /// <summary>How long a counted event is remembered (a retried event comes within seconds; a day's counter lives two days).</summary>
    private static readonly TimeSpan SeenKept = TimeSpan.FromDays(3), DayKept = TimeSpan.FromDays(2);

    private static readonly StringCodec<PassReservation> Reservations = StringCodec<PassReservation>.SnakeCase("pass_claim outcome");

    private readonly RedisStore _redis;
    private readonly LuaScript<XpArgs, (long Added, long Xp)> _xp;
    private readonly LuaScript<ClaimArgs, PassReservation> _claim;

    public PassSeasonStore(RedisStore redis, ScriptRegistry scripts)
    {
        _redis = redis;
        _xp = new(scripts, typeof(PassSeasonStore).Assembly, "pass_xp.lua", r => (r.Long(0), r.Long(1)));
        _claim = new(scripts, typeof(PassSeasonStore).Assembly, "pass_claim.lua", r => r.Outcome(Reservations)) { Durable = true };
    }

    public static readonly string[] ScriptNames = ["pass_xp", "pass_claim"];

    private IDatabase Db => _redis.Db;

    /// <summary>Counts <paramref name="xp"/> of the event <paramref name="eventId"/> once, within the day's cap of its source.</summary>
    public Task<(long Added, long Xp)> AddXpAsync(string acc, string season, string day, string source, string eventId, long xp,
        long cap) =>
        _xp.CallAsync(new XpArgs(PassKeys.Season(acc, season), PassKeys.XpDay(acc, season, day),
            PassKeys.XpSeen(acc, season, Hash(eventId)), source, xp, cap));

    /// <summary>The account's XP, the rewards claimed (fields "3:f") and the claims being granted (ledger key, rewards).</summary>
    public async Task<(long Xp, HashSet<string> Claimed, Dictionary<string, string> Pending)> ReadAsync(string acc, string season)
    {
        long xp = 0;
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in await Db.HashGetAllAsync(PassKeys.Season(acc, season)).ConfigureAwait(false))
        {
            string name = e.Name.ToString();
            if (name == "xp") xp = (long)e.Value;
            else if (name.StartsWith("c:", StringComparison.Ordinal)) claimed.Add(name[2..]);
            else if (name.StartsWith("pending:", StringComparison.Ordinal)) pending[name["pending:".Length..]] = e.Value.ToString();
        }
        return (xp, claimed, pending);
    }

    public Task<PassReservation> ReserveAsync(string acc, string season, string key, string pending, bool refuseEnded,
        IReadOnlyList<PassRewardRef> rewards) =>
        _claim.CallAsync(new ClaimArgs(PassKeys.Season(acc, season), key, pending, refuseEnded, rewards));

    /// <summary>The claim <paramref name="key"/> is granted: it is no longer pending.</summary>
    public Task GrantedAsync(string acc, string season, string key) => Db.HashDeleteAsync(PassKeys.Season(acc, season), "pending:" + key);

    /// <summary>The account's season is being settled: no XP and no claim after this (the first time is kept).</summary>
    public Task MarkEndedAsync(string acc, string season, long now) =>
        Db.HashSetAsync(PassKeys.Season(acc, season), "ended", now, When.NotExists);

    /// <summary>Every account with a record of <paramref name="season"/>.</summary>
    public async IAsyncEnumerable<string> AccountsAsync(string season)
    {
        await foreach (var key in _redis.ScanAsync(PassKeys.SeasonPattern(season)).ConfigureAwait(false))
            yield return PassKeys.AccountOf(key);
    }

    public Task<bool> IsSettledAsync(string season) => Db.HashExistsAsync(PassKeys.SeasonRecord(season), "settled");

    public Task MarkSettledAsync(string season, long now, long accounts) => Db.HashSetAsync(PassKeys.SeasonRecord(season),
        [new("settled", now), new("accounts", accounts)]);

    /// <summary>An event id as a key part: client text (a gift's request id) never reaches a key as it is.</summary>
    private static string Hash(string eventId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)))[..24];

    private sealed record XpArgs(RedisKey Season, RedisKey Day, RedisKey Seen, string Source, long Xp, long Cap) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(Season).Key(Day).Key(Seen)
            .Args(Source, Xp, Cap, (long)DayKept.TotalSeconds, (long)SeenKept.TotalSeconds);
    }

    private sealed record ClaimArgs(RedisKey Season, string Key, string Pending, bool RefuseEnded, IReadOnlyList<PassRewardRef> Rewards)
        : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(Season).Args(Key, Pending).Flag(RefuseEnded).Each(Rewards, (c, r) => c.Arg(r.Field));
    }
}
