using SocialGame.Protocol.Messages.Rank;
using static SocialGame.Protocol.ResultCode;

namespace SocialGame.Protocol.Catalog;

/// <summary>Module 18 <c>rank</c>: charm and wealth rankings per day and week, settled once with rewards (seed 000, 3.4.00).</summary>
public static class RankProtocol
{
    private const ModuleType M = ModuleType.Rank;

    public static readonly OpDef<RankTopRequest, RankTopResponse> Top = new(M, 1, "top",
        "A page of a board: rank, account, nickname, head and score, best first (equal scores: who reached the score first ranks " +
        "higher). A cancelled account is on no board.", [Success, ParamError, RankPeriodGone, RedisError]);
    public static readonly OpDef<RankPeriodRequest, RankMeResponse> Me = new(M, 2, "me",
        "My place and score on a board, the gap to the one above, and, once the period is settled, my final place and what it granted me.",
        [Success, ParamError, RankPeriodGone, RedisError]);
    public static readonly OpDef<RankPeriodRequest, RankHistoryResponse> History = new(M, 3, "history",
        "The final top places of a settled period (kept keepDays, rank.json).",
        [Success, ParamError, RankNotSettled, RankPeriodGone, RedisError]);
    public static readonly PushDef<RankSettledPush> Settled = new(M, 4, "settled",
        "Push to a rewarded winner online when a period is settled (the inbox keeps the same notice).", []);

    public static IReadOnlyList<OpDef> All { get; } = [Top, Me, History, Settled];
}
