using System.Text;
using SocialGame.Core.Gm;

namespace SocialGame.Modules.Rank;

/// <summary>//gm rank settle|show: settle an ended period now (idempotent), or show a period's state and places.</summary>
internal sealed class RankCommand(RankService ranks) : IGmCommand
{
    public string Name => "rank";
    public string Usage => "rank settle <board> <period> | rank show <board> <period>";

    public async ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count != 3 || args[0] is not ("settle" or "show")) return GmResult.Usage(this);
        if (!RankOptions.ValidId(args[1]) || ranks.Options.Find(args[1]) is not { } board) return GmResult.Usage(this, "unknown board");
        if (ranks.PeriodOf(board, args[2]) is not { } p)
            return GmResult.Usage(this, "not a period of that board (yyyyMMdd; a week by its Monday)");
        if (ranks.Gone(board, p.End)) return GmResult.Usage(this, "that period is no longer kept");
        if (args[0] == "show") return GmResult.Ok(await ShowAsync(board, p.Period).ConfigureAwait(false));
        if (p.End > ranks.Periods.Now) return GmResult.Usage(this, "that period has not ended");
        var outcome = await ranks.SettleAsync(board, p.Period, p.End).ConfigureAwait(false);
        return GmResult.Ok($"rank {board.Id} {p.Period}: " + outcome switch
        {
            SettleOutcome.Settled => "settled",
            SettleOutcome.AlreadyDone => "already settled",
            _ => "another node is settling it; try again later",
        });
    }

    private async Task<string> ShowAsync(RankBoard board, string period)
    {
        var top = await ranks.TopAsync(board, period, 0, board.HistorySize).ConfigureAwait(false);
        var text = new StringBuilder($"rank {board.Id} {period}: {(top.Settled == 1 ? "settled" : "open or settling")}");
        if (top.Settled == 1)
        {
            var final = await ranks.FinalAsync(board.Id, period).ConfigureAwait(false);
            text.Append("; final:");
            for (int i = 0; i < final.Count; i++) text.Append($" {i + 1}.{final[i].Acc}={final[i].Score}");
        }
        text.Append("; board:");
        foreach (var e in top.Entries) text.Append($" {e.Rank}.{e.Acc}={e.Score}");
        return text.ToString();
    }
}
