using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using StackExchange.Redis;

namespace SocialGame.Modules.Player.Payments;

internal enum SlotOutcome
{
    /// <summary>The account is at its cap: nothing was taken.</summary>
    Refused,
    /// <summary>The member held a place already (a repeat of the same request).</summary>
    Held,
    /// <summary>A place was taken now.</summary>
    Taken,
}

/// <summary>
/// An account's capped places for things it has not paid for yet (orders, RMB red packets): one Lua step takes a
/// place, or refuses at the cap. A place is given back when the thing is paid, and lapses by itself when it falls
/// due (so a crash between a payment and its release costs the player nothing for long). The set's key expires
/// with its last place.
/// </summary>
internal sealed class UnpaidSlots
{
    private readonly RedisStore _redis;
    private readonly IClock _clock;
    private readonly LuaScript<ReserveArgs, SlotOutcome> _reserve;

    public UnpaidSlots(RedisStore redis, ScriptRegistry scripts, IClock clock)
    {
        _redis = redis;
        _clock = clock;
        _reserve = new(scripts, typeof(UnpaidSlots).Assembly, "unpaid_reserve.lua", r => r.Int() switch
        {
            2 => SlotOutcome.Taken,
            1 => SlotOutcome.Held,
            0 => SlotOutcome.Refused,
            var other => throw r.Broken($"unknown outcome '{other}' (expected 0|1|2)"),
        });
    }

    public Task<SlotOutcome> TakeAsync(RedisKey places, string member, long due, int cap) =>
        _reserve.CallAsync(new ReserveArgs(places, member, _clock.UnixSeconds, due, cap));

    /// <summary>KEYS and ARGV of <c>unpaid_reserve.lua</c>.</summary>
    private sealed record ReserveArgs(RedisKey Places, string Member, long Now, long Due, int Cap) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(Places).Args(Member, Now, Due, Cap);
    }

    public Task ReleaseAsync(RedisKey places, string member) => _redis.Db.SortedSetRemoveAsync(places, member);
}
