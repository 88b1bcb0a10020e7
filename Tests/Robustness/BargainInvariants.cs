using SocialGame.Modules.Bargain;
using SocialGame.Modules.Player;
using StackExchange.Redis;

namespace SocialGame.Tests.Robustness;

/// <summary>
/// What must hold for a bargain period after any fault: each code's cuts equal its system cut plus its helper
/// list and stay within price - floorprice; helpers' records match the codes' lists; a received code was paid
/// and granted exactly once under its ledger key (an open code not at all, no other bargain key anywhere);
/// gotgoods counts the received codes; every wallet equals its ledger.
/// </summary>
internal static class BargainInvariants
{
    /// <summary>Every broken invariant as a readable line; empty when all hold.</summary>
    public static async Task<List<string>> CheckAsync(IDatabase db, BargainKeys keys, BargainPeriod period, LedgerAudit audit)
    {
        var problems = new List<string>();
        var codes = (await db.HashGetAllAsync(keys.Code(period.Id))).Select(e => CodeRecord.Parse(e.Value)!).ToList();
        var players = (await db.HashGetAllAsync(keys.Player(period.Id)))
            .ToDictionary(e => e.Name.ToString(), e => PlayerRecord.Parse(e.Value));

        var given = players.SelectMany(p => p.Value.Helps.Select(h => $"{h.Code} {p.Key} {h.DelPrice}")).Order().ToList();
        var listed = codes.SelectMany(c => c.Helpers.Select(h => $"{c.Code} {h.Acc} {h.DelPrice}")).Order().ToList();
        if (!given.SequenceEqual(listed))
            problems.Add($"helps recorded by helpers ({given.Count}) differ from the codes' helper lists ({listed.Count}): " +
                string.Join(", ", given.Except(listed).Concat(listed.Except(given)).Take(10)));

        foreach (var c in codes)
        {
            var goods = period.FindGoods(c.Idx)!;
            long helped = c.Helpers.Sum(h => h.DelPrice);
            if (c.TotalDelPrice != c.SysDelPrice + helped)
                problems.Add($"code {c.Code}: totaldelprice {c.TotalDelPrice} != sysdelprice {c.SysDelPrice} + helps {helped}");
            if (c.TotalDelPrice > goods.MaxCut)
                problems.Add($"code {c.Code}: totaldelprice {c.TotalDelPrice} passes price - floorprice {goods.MaxCut}");
            if (c.IsGet is not (CodeRecord.Open or CodeRecord.Received))
                problems.Add($"code {c.Code}: isget {c.IsGet} (a collection never finished)");
        }

        string prefix = keys.LedgerKey(period.Id, "");
        var owned = codes.ToLookup(c => c.Master);
        foreach (var acc in players.Keys.Union(owned.Select(g => g.Key)))
        {
            var byKey = (await db.StreamRangeAsync(PlayerKeys.Ledger(acc)))
                .Where(e => e["key"].ToString().StartsWith(prefix, StringComparison.Ordinal))
                .GroupBy(e => e["key"].ToString()).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var c in owned[acc])
            {
                var goods = period.FindGoods(c.Idx)!;
                var entries = byKey.Remove(keys.LedgerKey(period.Id, c.Code), out var found) ? found : [];
                var paid = entries.Where(e => !e["cur"].IsNull).Select(e => $"{e["cur"]}:{e["delta"]}");
                var granted = entries.Where(e => !e["item"].IsNull).Select(e => $"#{e["item"]}:{e["delta"]}");
                string actual = string.Join(",", paid.Concat(granted));
                long due = goods.Price - c.TotalDelPrice;
                string expected = c.IsGet != CodeRecord.Received ? ""
                    : (due > 0 ? $"{BargainOptions.Currency}:{-due}," : "") + $"#{goods.ItemId}:{goods.Count}";
                if (actual != expected)
                    problems.Add($"code {c.Code} of {acc} (isget {c.IsGet}): ledger shows [{actual}], expected [{expected}]");
            }
            foreach (var stray in byKey.Keys) problems.Add($"{acc}: ledger entries under {stray}, which is no received code of theirs");
            foreach (var goods in period.Goods)
            {
                int received = owned[acc].Count(c => c.Idx == goods.Idx && c.IsGet == CodeRecord.Received);
                int counted = players.GetValueOrDefault(acc, PlayerRecord.Empty).GotCount(goods.Idx);
                if (received != counted) problems.Add($"{acc}: {received} codes of goods {goods.Idx} received, gotgoods counts {counted}");
            }
        }

        var report = await audit.RunAsync();
        if (report.Mismatches.Count > 0) problems.Add(report.ToString());
        return problems;
    }
}
