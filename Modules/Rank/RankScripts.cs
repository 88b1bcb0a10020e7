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

    /// <summary>The new score, or -1 when the period is frozen.</summary>
    public LuaScript<AddArgs, long> Add { get; } = new(scripts, typeof(RankScripts).Assembly, "rank_add.lua", r => r.Long());

    public LuaScript<ClaimArgs, (ClaimOutcome Outcome, int Step)> Claim { get; } =
        new(scripts, typeof(RankScripts).Assembly, "rank_claim.lua", r => (r.Outcome(ClaimOutcomes, 0), r.Int(1)));

    public LuaScript<EraseArgs, int> Erase { get; } = new(scripts, typeof(RankScripts).Assembly, "rank_erase.lua", r => r.Int());

    public sealed record AddArgs(string Board, string Period, string Account, long Points, long KeepSeconds) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(RankKeys.Board(Board, Period)).Key(RankKeys.Members(Board, Period))
            .Key(RankKeys.State(Board, Period)).Args(Account, Points, KeepSeconds);
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
