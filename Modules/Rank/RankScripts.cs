using SocialGame.Core.Storage;
using StackExchange.Redis;

namespace SocialGame.Modules.Rank;

internal enum ClaimOutcome
{
    Done,
    Busy,
    Claimed,
}

/// <summary>The ranking scripts, registered once: KEYS and ARGV as their headers list them, and their typed replies.</summary>
internal sealed class RankScripts(ScriptRegistry scripts)
{
    public static readonly string[] Names = ["rank_add", "rank_claim", "rank_erase"];
    private static readonly StringCodec<ClaimOutcome> ClaimOutcomes = StringCodec<ClaimOutcome>.SnakeCase("rank_claim outcome");

    /// <summary>Each board's new score, or -1 where the period is frozen.</summary>
    public LuaScript<AddArgs, long[]> Add { get; } = new(scripts, typeof(RankScripts).Assembly, "rank_add.lua",
        r => Enumerable.Range(0, r.Length).Select(r.Long).ToArray());

    public LuaScript<ClaimArgs, (ClaimOutcome Outcome, int Step)> Claim { get; } =
        new(scripts, typeof(RankScripts).Assembly, "rank_claim.lua", r => (r.Outcome(ClaimOutcomes, 0), r.Int(1)));

    public LuaScript<EraseArgs, int> Erase { get; } = new(scripts, typeof(RankScripts).Assembly, "rank_erase.lua", r => r.Int());

    /// <summary>One board's part of a <c>rank_add.lua</c> call.</summary>
    public sealed record Addition(string Board, string Period, string Account, long Points, long KeepSeconds);

    public sealed record AddArgs(IReadOnlyList<Addition> Additions) : IScriptArgs
    {
        public void Write(ScriptCall call)
        {
            foreach (var a in Additions)
                call.Key(RankKeys.Board(a.Board, a.Period)).Key(RankKeys.Members(a.Board, a.Period)).Key(RankKeys.State(a.Board, a.Period));
            foreach (var a in Additions) call.Args(a.Account, a.Points, a.KeepSeconds);
        }
    }

    public sealed record ClaimArgs(string Board, string Period, string Node, long Now, long HeldUntil, int Places, long KeepSeconds)
        : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(RankKeys.Board(Board, Period)).Key(RankKeys.State(Board, Period))
            .Key(RankKeys.Final(Board, Period)).Args(Node, Now, HeldUntil, Places, KeepSeconds);
    }

    public sealed record EraseArgs(string Board, string Period, string Account, string Placeholder) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(RankKeys.Board(Board, Period)).Key(RankKeys.Members(Board, Period))
            .Key(RankKeys.Final(Board, Period)).Args(Account, Placeholder);
    }
}
