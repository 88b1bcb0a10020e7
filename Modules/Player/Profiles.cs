using System.Globalization;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Protocol.Messages.Player;
using StackExchange.Redis;

namespace SocialGame.Modules.Player;

/// <summary>Profiles (<c>sg:{acc}:profile</c> hash): created at first login, set by GM and the admin API.</summary>
internal sealed class Profiles(RedisStore redis, ScriptRegistry scripts, PlayerOptions options, IClock clock)
{
    private readonly LuaScript<ProfileSetArgs, bool> _set = new(scripts, typeof(Profiles).Assembly, "profile_set.lua", r => r.Flag());

    /// <summary>Fields an operator may set, with their check.</summary>
    public static readonly IReadOnlyDictionary<string, Func<string, bool>> Settable = new Dictionary<string, Func<string, bool>>
    {
        ["nickname"] = v => Common.Validate.Text(v, 32),
        ["head"] = v => Common.Validate.Text(v, 256),
        ["sex"] = v => IsInt(v, 0, 2),
        ["level"] = v => IsInt(v, 1, 10_000),
        ["viplevel"] = v => IsInt(v, 0, 100),
        ["regtime"] = v => IsInt(v, 0, 4_102_444_800),
    };

    private static bool IsInt(string v, long min, long max) =>
        long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n >= min && n <= max;

    /// <summary>Creates the profile with defaults unless it exists (each field only if missing).</summary>
    public async Task EnsureAsync(string acc)
    {
        var key = PlayerKeys.Profile(acc);
        var db = redis.Db;
        await Task.WhenAll(
            db.HashSetAsync(key, "nickname", acc, When.NotExists),
            db.HashSetAsync(key, "head", options.DefaultHead, When.NotExists),
            db.HashSetAsync(key, "sex", 0, When.NotExists),
            db.HashSetAsync(key, "level", 1, When.NotExists),
            db.HashSetAsync(key, "viplevel", 0, When.NotExists),
            db.HashSetAsync(key, "regtime", clock.UnixSeconds, When.NotExists)).ConfigureAwait(false);
    }

    public async Task<ProfileInfo?> GetAsync(string acc)
    {
        var values = await ReadAsync(acc).ConfigureAwait(false);
        return ToProfile(acc, values);
    }

    /// <summary>Several profiles at once (pipelined); unknown accounts are missing from the answer.</summary>
    public async Task<Dictionary<string, ProfileInfo>> GetManyAsync(IEnumerable<string> accounts)
    {
        var list = accounts.Distinct().ToList();
        var reads = list.Select(ReadAsync).ToList();
        await Task.WhenAll(reads).ConfigureAwait(false);
        var result = new Dictionary<string, ProfileInfo>();
        for (int i = 0; i < list.Count; i++)
            if (ToProfile(list[i], reads[i].Result) is { } profile) result[list[i]] = profile;
        return result;
    }

    /// <summary>
    /// The profile's fields in the order of <see cref="Fields"/> (HMGET: the reply carries the values only, not
    /// the names as HGETALL's does); all nil when there is no profile.
    /// </summary>
    /// <remarks>With <see cref="ToProfile"/>, for a hot path that awaits the read in its own frame (the bargain help).</remarks>
    public Task<RedisValue[]> ReadAsync(string acc) => redis.Db.HashGetAsync(PlayerKeys.Profile(acc), Fields);

    public Task<bool> ExistsAsync(string acc) => redis.Db.KeyExistsAsync(PlayerKeys.Profile(acc));

    /// <summary>Deletes the profile (account deletion); nothing happens when there is none.</summary>
    public Task DeleteAsync(string acc) => redis.Db.KeyDeleteAsync(PlayerKeys.Profile(acc));

    /// <summary>Sets one field of an existing profile; false when the account has no profile.</summary>
    public async Task<bool> SetAsync(string acc, string field, string value)
    {
        if (!Settable.TryGetValue(field, out var check) || !check(value)) throw new ArgumentException($"bad field {field}={value}");
        return await _set.CallAsync(new ProfileSetArgs(acc, field, value)).ConfigureAwait(false);
    }

    /// <summary>KEYS and ARGV of <c>profile_set.lua</c>.</summary>
    private sealed record ProfileSetArgs(string Account, string Field, string Value) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(PlayerKeys.Profile(Account)).Args(Field, Value);
    }

    /// <summary>The fields a profile is read from, in the order <see cref="ToProfile"/> takes their values.</summary>
    private static readonly RedisValue[] Fields = ["nickname", "head", "sex", "level", "viplevel", "regtime"];

    /// <summary>The profile from its fields' values (null when none of them is set: no profile).</summary>
    public static ProfileInfo? ToProfile(string acc, RedisValue[] values)
    {
        if (Array.TrueForAll(values, v => v.IsNull)) return null;
        return new ProfileInfo
        {
            Acc = acc,
            Nickname = values[0].IsNull ? "" : values[0].ToString(),
            Head = values[1].IsNull ? "" : values[1].ToString(),
            Sex = (int)values[2],
            Level = (int)values[3],
            VipLevel = (int)values[4],
            RegTime = (long)values[5],
        };
    }
}
