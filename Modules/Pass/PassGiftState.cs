using SocialGame.Core.Storage;
using StackExchange.Redis;

namespace SocialGame.Modules.Pass;

/// <summary>Where a pass gift is (its hash's <c>state</c> field; the clients see the same texts).</summary>
internal enum PassGiftState
{
    /// <summary>A gold gift whose debit is in flight.</summary>
    Paying,
    /// <summary>An RMB gift waiting for its order's payment.</summary>
    Ordered,
    Unlocked,
    Refunded,
    /// <summary>Final like unlocked and refunded (no path writes it today).</summary>
    Failed,
}

internal static class PassGiftStates
{
    public static readonly StringCodec<PassGiftState> Codec = StringCodec<PassGiftState>.SnakeCase("pass gift state");
}

/// <summary>The pass script's contract.</summary>
internal sealed partial class PassGifts
{
    /// <summary>What <c>pass_unlock.lua</c> found.</summary>
    private enum Reservation
    {
        /// <summary>Another gift holds the recipient's pass.</summary>
        Taken = 0,
        /// <summary>This gift held it already (a repeat).</summary>
        Held = 1,
        Reserved = 2,
    }

    private sealed record UnlockArgs(RedisKey Owner, string GiftId) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(Owner).Arg(GiftId);
    }

    private static LuaScript<UnlockArgs, Reservation> UnlockScript(ScriptRegistry scripts) =>
        new(scripts, typeof(PassGifts).Assembly, "pass_unlock.lua", r => r.Int() switch
        {
            0 => Reservation.Taken,
            1 => Reservation.Held,
            2 => Reservation.Reserved,
            var other => throw r.Broken($"unknown outcome '{other}' (expected 0|1|2)"),
        });

}
