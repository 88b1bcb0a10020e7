using SocialGame.Core.Storage;
using StackExchange.Redis;

namespace SocialGame.Modules.Player.Payments;

/// <summary>What a payment callback did to its order (<c>order_pay.lua</c>).</summary>
internal enum OrderPayOutcome
{
    Paid,
    Duplicate,
    Conflict,
    Amount,
    Unknown,
}

/// <summary>The order scripts' contracts: KEYS and ARGV as their headers list them, and their typed replies.</summary>
internal sealed partial class Payments
{
    private static readonly StringCodec<OrderPayOutcome> PayOutcomes = StringCodec<OrderPayOutcome>.SnakeCase("order_pay outcome");

    /// <summary>A callback's outcome, the order's state after it (null: unknown order) and its account.</summary>
    private sealed record PayResult(OrderPayOutcome Outcome, OrderState? State, string Account);

    /// <summary><see cref="ExpiredNow"/> when this call expired the order; else its state (null: unknown order).</summary>
    private sealed record ExpireResult(bool ExpiredNow, OrderState? State, string Account);

    private sealed record CreateArgs(string Id, string Account, string ProductId, long Amount, string Extra, long Now, long Expires)
        : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(OrderKey(Id)).Key(UnpaidKey)
            .Args(Id, Account, ProductId, Amount, Extra, Now, Expires);
    }

    private sealed record PayArgs(string Id, long Amount, string TxId, long Now) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(OrderKey(Id)).Key(PaidKey).Key(UnpaidKey).Args(Id, Amount, TxId, Now);
    }

    private sealed record FulfilledArgs(string Id, long Now) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(OrderKey(Id)).Key(PaidKey).Args(Id, Now);
    }

    private sealed record ExpireArgs(string Id, long Now, long KeepSeconds) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(OrderKey(Id)).Key(UnpaidKey).Args(Id, Now, KeepSeconds);
    }

    private static OrderState? StateOrNone(ScriptReply reply, string text) => text.Length == 0 ? null
        : reply.Outcome(OrderStates.Codec, text);

    private static LuaScript<CreateArgs, bool> CreateScript(ScriptRegistry scripts) =>
        new(scripts, typeof(Payments).Assembly, "order_create.lua", r => r.Flag());

    private static LuaScript<PayArgs, PayResult> PayScript(ScriptRegistry scripts) =>
        new(scripts, typeof(Payments).Assembly, "order_pay.lua", r =>
            new PayResult(r.Outcome(PayOutcomes, 0), StateOrNone(r, r.String(1)), r.String(2))) { Durable = true };

    private static LuaScript<FulfilledArgs, bool> FulfilledScript(ScriptRegistry scripts) =>
        new(scripts, typeof(Payments).Assembly, "order_fulfilled.lua", r => r.Flag()) { Durable = true };

    private static LuaScript<ExpireArgs, ExpireResult> ExpireScript(ScriptRegistry scripts) =>
        new(scripts, typeof(Payments).Assembly, "order_expire.lua", r => r.String(0) == "expired"
            ? new ExpireResult(true, OrderState.Expired, r.String(1))
            : new ExpireResult(false, StateOrNone(r, r.String(0)), r.String(1)));
}
