using SocialGame.Core.Dispatch;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Rank;

namespace SocialGame.Modules.Rank.Handlers;

/// <summary>The board and period fields every rank operation carries, checked the same way.</summary>
internal static class RankFields
{
    /// <summary>The board and period asked for, or the field that is wrong (or <see cref="ResultCode.RankPeriodGone"/>).</summary>
    public static (RankBoard? Board, string Period, string? Bad, ResultCode Gone) Read(RankService ranks, string? boardId, string? period)
    {
        if (!RankOptions.ValidId(boardId) || ranks.Options.Find(boardId) is not { } board) return (null, "", "board", ResultCode.Success);
        if (ranks.PeriodOf(board, period) is not { } p) return (null, "", "period", ResultCode.Success);
        return ranks.Gone(board, p.End) ? (null, "", null, ResultCode.RankPeriodGone) : (board, p.Period, null, ResultCode.Success);
    }
}

/// <summary>rank/1 top.</summary>
internal sealed class TopHandler(RankService ranks) : Handler<RankTopRequest, RankTopResponse>(RankProtocol.Top)
{
    public const int MaxCount = 100;
    public const int MaxOffset = 100_000;

    protected override async ValueTask<RankTopResponse> HandleAsync(RequestContext context, RankTopRequest request, CancellationToken ct)
    {
        var (board, period, bad, gone) = RankFields.Read(ranks, request.Board, request.Period);
        if (bad is not null) return Invalid(context, bad);
        if (request.Offset is < 0 or > MaxOffset) return Invalid(context, "offset");
        if (request.Count is < 1 or > MaxCount) return Invalid(context, "count");
        if (board is null) return Fail(gone);
        return await ranks.TopAsync(board, period, request.Offset, request.Count).ConfigureAwait(false);
    }
}

/// <summary>rank/2 me.</summary>
internal sealed class MeHandler(RankService ranks) : Handler<RankPeriodRequest, RankMeResponse>(RankProtocol.Me)
{
    protected override async ValueTask<RankMeResponse> HandleAsync(RequestContext context, RankPeriodRequest request, CancellationToken ct)
    {
        var (board, period, bad, gone) = RankFields.Read(ranks, request.Board, request.Period);
        if (bad is not null) return Invalid(context, bad);
        if (board is null) return Fail(gone);
        return await ranks.MeAsync(context.Account, board, period).ConfigureAwait(false);
    }
}

/// <summary>rank/3 history.</summary>
internal sealed class HistoryHandler(RankService ranks) : Handler<RankPeriodRequest, RankHistoryResponse>(RankProtocol.History)
{
    protected override async ValueTask<RankHistoryResponse> HandleAsync(RequestContext context, RankPeriodRequest request,
        CancellationToken ct)
    {
        var (board, period, bad, gone) = RankFields.Read(ranks, request.Board, request.Period);
        if (bad is not null) return Invalid(context, bad);
        if (board is null) return Fail(gone);
        return await ranks.HistoryAsync(board, period).ConfigureAwait(false);
    }
}
