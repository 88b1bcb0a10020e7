using SocialGame.Core.Admin;

namespace SocialGame.Modules.Rank.Admin;

/// <summary>
/// GET /admin/rank/{board}?period=yyyyMMdd (viewer): a ranking period for operators: its settlement (not_ended, settling, settled,
/// or gone once its keep days are over), the final places frozen at settlement with each place's reward and whether it was granted,
/// and the live top 20 of the board's current period. Without <c>period</c> the current one.
/// </summary>
internal sealed class RankSettlementRoute(RankService ranks) : IAdminRoute
{
    private const int LiveTop = 20;
    public string Method => "GET";
    public string Pattern => "/admin/rank/{board}";

    public async Task<AdminResponse> HandleAsync(AdminRequest request, CancellationToken ct)
    {
        string id = request.RouteValues.GetValueOrDefault("board") ?? "";
        if (!RankOptions.ValidId(id)) return AdminResponse.Invalid("board", "is not a board id");
        if (ranks.Options.Find(id) is not { } board) return AdminResponse.Error(404, "unknown board");
        string? asked = request.Query.GetValueOrDefault("period");
        if (ranks.PeriodOf(board, asked) is not { } p)
            return AdminResponse.Invalid("period", "is not a period of that board that has begun (yyyyMMdd; a week by its Monday)");
        var current = ranks.PeriodOf(board, null)!.Value;
        var live = await ranks.TopAsync(board, current.Period, 0, LiveTop).ConfigureAwait(false);
        var (state, settledAt, step) = await ranks.SettlementOfAsync(board.Id, p.Period).ConfigureAwait(false);
        var final = await ranks.FinalAsync(board.Id, p.Period).ConfigureAwait(false);
        var places = new List<object>();
        for (int rank = 1; rank <= final.Count; rank++)
        {
            var (acc, score) = final[rank - 1];
            var rewards = ranks.RewardsOf(board, rank);
            bool granted = rewards is not null && await ranks.GrantedAsync(board.Id, p.Period, rank, acc).ConfigureAwait(false);
            places.Add(new { rank, acc, score, rewards, granted });
        }
        return AdminResponse.Ok(new
        {
            board = new { id = board.Id, name = board.Name, metric = board.Metric.ToString().ToLowerInvariant(),
                period = board.Period.ToString().ToLowerInvariant() },
            period = p.Period, start = p.Start.ToUnixTimeSeconds(), end = p.End.ToUnixTimeSeconds(),
            settlement = Settlement(board, p.End, state),
            settledat = settledAt, step, final = places,
            current = new { period = current.Period, top = live.Entries.Select(e => new { rank = e.Rank, acc = e.Acc, score = e.Score,
                nickname = e.Nickname }) },
        });
    }

    private string Settlement(RankBoard board, DateTimeOffset end, string? state) =>
        state == "done" ? "settled"
        : end > ranks.Periods.Now ? "not_ended"
        : ranks.Gone(board, end) ? "gone"
        : "settling";
}
