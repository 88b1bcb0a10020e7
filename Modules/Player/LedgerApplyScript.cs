using System.Text.Json;
using SocialGame.Core.Storage;
using StackExchange.Redis;

namespace SocialGame.Modules.Player;

/// <summary>An item change with what the script needs of its definition.</summary>
internal sealed record LedgerItemArg(int ItemId, long Count, long DurationSeconds, bool Stackable);

/// <summary>KEYS and ARGV of <c>ledger_apply.lua</c> (see its header).</summary>
internal sealed record LedgerApplyArgs(
    string Account, string Key, string Reason, long Now, long KeyTtlSeconds, string Fingerprint, long MaxBalance,
    IReadOnlyList<CurrencyChange> Currencies, IReadOnlyList<LedgerItemArg> Items) : IScriptArgs
{
    /// <summary>The operation's counters: KEYS 5.. in this order, their limit, increment and expiry after the items (nothing
    /// after the items without counters).</summary>
    public IReadOnlyList<LedgerCounter> Counters { get; init; } = [];

    public void Write(ScriptCall call)
    {
        call.Key(PlayerKeys.Wallet(Account)).Key(PlayerKeys.Ledger(Account)).Key(PlayerKeys.Idempotency(Account, Key))
                .Key(PlayerKeys.Inventory(Account))
            .Each(Counters, (c, counter) => c.Key(counter.Key))
            .Args(Account, Key, Reason, Now, KeyTtlSeconds, Fingerprint, MaxBalance)
            .Counted(Currencies, (c, change) => c.Args(change.Currency, change.Delta))
            .Counted(Items, (c, item) => c.Args(item.ItemId, item.Count, item.DurationSeconds).Flag(item.Stackable));
        if (Counters.Count > 0) call.Counted(Counters, (c, counter) => c.Args(counter.Limit, counter.Increment, counter.ExpireAt));
    }
}

/// <summary>KEYS and ARGV of <c>ledger_close.lua</c>.</summary>
internal sealed record LedgerCloseArgs(string Account, long Now) : IScriptArgs
{
    public void Write(ScriptCall call) => call.Key(PlayerKeys.Ledger(Account)).Args(Account, Now);
}

/// <summary>The ledger's one script: its JSON reply becomes a <see cref="LedgerOutcome"/>.</summary>
internal static class LedgerApplyScript
{
    public static readonly StringCodec<LedgerStatus> Statuses = StringCodec<LedgerStatus>.SnakeCase("ledger status");

    public static LuaScript<LedgerApplyArgs, LedgerOutcome> Register(ScriptRegistry scripts) =>
        new(scripts, typeof(LedgerApplyScript).Assembly, "ledger_apply.lua", Parse) { Durable = true };

    private enum CloseOutcome
    {
        Closed,
        Already,
    }

    private static readonly StringCodec<CloseOutcome> CloseOutcomes = StringCodec<CloseOutcome>.SnakeCase("ledger_close outcome");

    /// <summary><c>ledger_close.lua</c>: true when it closed the ledger now, false when it was closed already.</summary>
    public static LuaScript<LedgerCloseArgs, bool> RegisterClose(ScriptRegistry scripts) =>
        new(scripts, typeof(LedgerApplyScript).Assembly, "ledger_close.lua", r => r.Outcome(CloseOutcomes) == CloseOutcome.Closed);

    private static LedgerOutcome Parse(ScriptReply reply)
    {
        using var json = JsonDocument.Parse(reply.String());
        var root = json.RootElement;
        var status = reply.Outcome(Statuses, root.GetProperty("status").GetString() ?? "");
        var balances = new Dictionary<string, long>();
        if (root.TryGetProperty("balances", out var b) && b.ValueKind == JsonValueKind.Object)
            foreach (var p in b.EnumerateObject()) balances[p.Name] = (long)p.Value.GetDouble();
        string? shortOf = root.TryGetProperty("short", out var s) ? s.ToString() : null;
        return new LedgerOutcome(status, balances, shortOf);
    }
}
