using SocialGame.Core.Storage;
using StackExchange.Redis;

namespace SocialGame.Modules.Account;

/// <summary>The cancellation scripts' contracts: KEYS and ARGV as their headers list them, and their typed replies.</summary>
internal sealed partial class CancellationService
{
    private enum ApplyOutcome
    {
        Created,
        Active,
        Cancelled,
        Leader,
        Bound,
        Often,
    }

    private enum TransitionAction
    {
        Withdraw,
        Claim,
        Finish,
    }

    private enum TransitionOutcome
    {
        None,
        Stale,
        Withdrawn,
        Claimed,
        Done,
    }

    private static readonly StringCodec<ApplyOutcome> ApplyOutcomes = StringCodec<ApplyOutcome>.SnakeCase("cancel_apply outcome");
    private static readonly StringCodec<TransitionAction> Actions = StringCodec<TransitionAction>.SnakeCase("cancel_transition action");
    private static readonly StringCodec<TransitionOutcome> TransitionOutcomes =
        StringCodec<TransitionOutcome>.SnakeCase("cancel_transition outcome");

    /// <summary>A transition's outcome, the record's sid and its state before (null: no record).</summary>
    private sealed record Transition(TransitionOutcome Outcome, string Sid, CancelState? Before);

    /// <summary><c>cancel_apply.lua</c>: the bound-relation keys to the end of KEYS.</summary>
    private sealed record ApplyArgs(string Account, IReadOnlyList<string> BoundRelations, long Now, string Sid, long Due, long WindowStart,
        int MaxApplications)
        : IScriptArgs
    {
        public void Write(ScriptCall call) => call
            .Key(RecordKey(Account)).Key(HistoryKey(Account)).Key(AccountRecords.Family(Account))
            .Each(BoundRelations, (c, b) => c.Key(AccountRecords.Record(Account, "bind." + b)))
            .Args(Now, Sid, Due, WindowStart, MaxApplications);
    }

    /// <summary><c>cancel_transition.lua</c> (<paramref name="Sid"/> "": any record; <paramref name="LoginSecond"/> 0: none).</summary>
    private sealed record TransitionArgs(string Account, TransitionAction Action, long Now, string Node, int LeaseSeconds, string Sid,
        string Why, long LoginSecond)
        : IScriptArgs
    {
        public void Write(ScriptCall call) => call
            .Key(RecordKey(Account)).Args(Actions.Write(Action), Now, Node, LeaseSeconds, Sid, Why, LoginSecond);
    }

    private static LuaScript<ApplyArgs, ApplyOutcome> ApplyScript(ScriptRegistry scripts) =>
        new(scripts, typeof(CancellationService).Assembly, "cancel_apply.lua", r => r.Outcome(ApplyOutcomes, 0));

    private static LuaScript<TransitionArgs, Transition> TransitionScript(ScriptRegistry scripts) =>
        new(scripts, typeof(CancellationService).Assembly, "cancel_transition.lua", r => new Transition(
            r.Outcome(TransitionOutcomes, 0), r.String(1),
            r.String(2) is { Length: > 0 } before ? r.Outcome(CancelStates.Codec, before) : null));
}
