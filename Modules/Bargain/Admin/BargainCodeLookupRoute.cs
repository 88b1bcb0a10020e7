using System.Globalization;
using SocialGame.Core.Admin;

namespace SocialGame.Modules.Bargain.Admin;

/// <summary>
/// GET /admin/bargain/codes/{code} (viewer): a bargain code for operators: its owner, period, goods, every helper's cut, the totals
/// (the system's cut plus the helpers' is the total cut) and its state (open, collecting, received). A code lives in the :code hash
/// of its period, so every configured period is looked in (<c>?period=N</c>: that one only). The record keeps no time per help; a
/// help's time is its <c>bargain help</c> datalog line.
/// </summary>
internal sealed class BargainCodeLookupRoute(BargainConfig config, BargainStore store) : IAdminRoute
{
    public string Method => "GET";
    public string Pattern => "/admin/bargain/codes/{code}";

    public async Task<AdminResponse> HandleAsync(AdminRequest request, CancellationToken ct)
    {
        if (BargainCodes.Normalize(request.RouteValues.GetValueOrDefault("code")) is not { } code)
            return AdminResponse.Invalid("code", "is not a bargain code (8-10 letters and digits of the code alphabet)");
        var options = config.Current;
        var periods = options.Periods.OrderBy(p => p.Id).ToList();
        if (request.Query.TryGetValue("period", out var asked))
        {
            if (!int.TryParse(asked, NumberStyles.None, CultureInfo.InvariantCulture, out int id)
                || options.Find(id) is not { } only)
                return AdminResponse.Invalid("period", "is not a configured bargain period");
            periods = [only];
        }
        foreach (var period in periods)
        {
            if (await store.GetCodeAsync(period.Id, code).ConfigureAwait(false) is not { } record) continue;
            var goods = period.FindGoods(record.Idx);
            long helped = record.Helpers.Sum(h => h.DelPrice);
            return AdminResponse.Ok(new
            {
                code = record.Code.Length > 0 ? record.Code : code,
                owner = record.Master,
                period = new { id = period.Id, name = period.Name, begintime = period.BeginTime, endtime = period.EndTime },
                goods = new
                {
                    idx = record.Idx, goodsid = record.GoodsId, itemid = goods?.ItemId, price = goods?.Price,
                    floorprice = goods?.FloorPrice, maxcut = goods?.MaxCut,
                },
                createtime = record.CreateTime,
                state = StateText(record.IsGet),
                helpers = record.Helpers.Select(h => new { acc = h.Acc, amount = h.DelPrice }),
                totals = new { system = record.SysDelPrice, helpers = helped, total = record.TotalDelPrice },
            });
        }
        return AdminResponse.Error(404, "unknown bargain code");
    }

    private static string StateText(int isGet) => isGet switch
    {
        CodeRecord.Open => "open",
        CodeRecord.Received => "received",
        CodeRecord.Collecting => "collecting",
        _ => "unknown",
    };
}
