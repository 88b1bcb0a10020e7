using System.Globalization;
using SocialGame.Core.Time;
using SocialGame.Modules.Common;
using SocialGame.Protocol;

namespace SocialGame.Modules.Store;

/// <summary>One purchase limit of an item in the current period: the account's counter, its limit and when it resets (0: never).</summary>
internal sealed record LimitPeriod(string Name, RuleText Text, int Limit, string Key, long ResetAt);

/// <summary>What is known of the player and the item now, for <see cref="StoreRules.Evaluate"/>.</summary>
internal sealed record EligibilityInput(
    DateTimeOffset Now, int VipLevel, string? ClientVersion, bool ActivityOpen, bool OwnedForGood,
    IReadOnlyList<(LimitPeriod Period, long Bought)> Limits, long? StockLeft);

/// <summary>Whether an item may be bought (count of it), its condition label and, when not, why.</summary>
internal sealed record Verdict(bool CanBuy, ResultCode Reason, string Label, string ReasonText, long ResetAt, long Bought, long Left)
{
    public static Verdict No(ResultCode reason, string label, string text) => new(false, reason, label, text, 0, 0, -1);
}

/// <summary>The rules of store items: their limit periods, their label and whether a player may buy one now (pure, table-tested).</summary>
internal static class StoreRules
{
    /// <summary>The item's limits in the periods holding <paramref name="now"/>, each with the account's counter key.</summary>
    public static IReadOnlyList<LimitPeriod> Periods(string acc, string storeId, StoreItem item, StoreTexts texts,
        BusinessCalendar calendar,
        DateTimeOffset now)
    {
        var list = new List<LimitPeriod>();
        var l = item.Limits;
        if (l.Day > 0)
        {
            var day = calendar.DayOf(now);
            list.Add(new("day", texts.Day, l.Day, StoreKeys.Counter(acc, storeId, item.Id, "d:" + calendar.DayKey(now)),
                day.End.ToUnixTimeSeconds()));
        }
        if (l.Week > 0)
        {
            var week = calendar.WeekOf(now);
            list.Add(new("week", texts.Week, l.Week, StoreKeys.Counter(acc, storeId, item.Id, "w:" + calendar.WeekKey(now)),
                week.End.ToUnixTimeSeconds()));
        }
        if (l.Window > 0)
        {
            string from = (item.Begin?.ToUnixTimeSeconds() ?? 0).ToString(CultureInfo.InvariantCulture);
            list.Add(new("window", texts.Window, l.Window, StoreKeys.Counter(acc, storeId, item.Id, "win:" + from),
                item.End?.ToUnixTimeSeconds() ?? 0));
        }
        if (l.Ever > 0) list.Add(new("ever", texts.Ever, l.Ever, StoreKeys.Counter(acc, storeId, item.Id, "ever"), 0));
        return list;
    }

    public static string Fill(string text, int level = 0, long limit = 0) =>
        text.Replace("{level}", level.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{limit}", limit.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>The item's condition label: its first rule with a label (VIP, activity, limits, stock, a sale window).</summary>
    public static string Label(StoreItem item, StoreTexts texts)
    {
        var candidates = new List<string>();
        if (item.MinVipLevel > 0) candidates.Add(Fill(texts.MinVip.Label, item.MinVipLevel));
        if (item.MaxVipLevel > 0) candidates.Add(Fill(texts.MaxVip.Label, item.MaxVipLevel));
        if (item.Activity.Length > 0) candidates.Add(texts.Activity.Label);
        if (item.Limits.Day > 0) candidates.Add(Fill(texts.Day.Label, limit: item.Limits.Day));
        if (item.Limits.Week > 0) candidates.Add(Fill(texts.Week.Label, limit: item.Limits.Week));
        if (item.Limits.Window > 0) candidates.Add(Fill(texts.Window.Label, limit: item.Limits.Window));
        if (item.Limits.Ever > 0) candidates.Add(Fill(texts.Ever.Label, limit: item.Limits.Ever));
        if (item.Stock is { } stock) candidates.Add(Fill(texts.Stock.Label, limit: stock));
        if (item.End is not null) candidates.Add(texts.OnSale.Label);
        return candidates.FirstOrDefault(c => c.Length > 0) ?? "";
    }

    /// <summary>
    /// Whether <paramref name="count"/> of the item may be bought now, checked in this order: sale window, client version, VIP
    /// level (minimum, maximum), activity, owned for good, purchase limits, stock. The first rule that fails gives the reason.
    /// </summary>
    public static Verdict Evaluate(StoreItem item, StoreTexts texts, EligibilityInput input, int count = 1)
    {
        string label = Label(item, texts);
        if ((item.Begin is { } b && input.Now < b) || (item.End is { } e && input.Now >= e))
            return Verdict.No(ResultCode.NotInWindow, label, texts.OnSale.NotBuyable);
        if (!ClientVersion.InRange(input.ClientVersion, item.MinVersion, item.MaxVersion))
            return Verdict.No(ResultCode.ClientTooOld, label, texts.Version.NotBuyable);
        if (input.VipLevel < item.MinVipLevel)
            return Verdict.No(ResultCode.VipTooLow, label, Fill(texts.MinVip.NotBuyable, item.MinVipLevel));
        if (item.MaxVipLevel > 0 && input.VipLevel > item.MaxVipLevel)
            return Verdict.No(ResultCode.NotBuyable, label, Fill(texts.MaxVip.NotBuyable, item.MaxVipLevel));
        if (item.Activity.Length > 0 && !input.ActivityOpen)
            return Verdict.No(ResultCode.ActivityNotOpen, label, texts.Activity.NotBuyable);
        if (item.NotIfOwned && input.OwnedForGood) return Verdict.No(ResultCode.AlreadyOwned, label, texts.Owned.NotBuyable);

        long left = -1, bought = 0;
        foreach (var (period, had) in input.Limits)
        {
            long room = Math.Max(0, period.Limit - had);
            if (left < 0 || room < left)
            {
                left = room;
                bought = had;
            }
        }
        var full = input.Limits.Where(x => x.Bought + count > x.Period.Limit).Select(x => x.Period).ToList();
        if (full.Count > 0)
        {
            // the limit reached that resets last decides when buying is possible again (0: never)
            var decisive = full.Any(p => p.ResetAt == 0) ? full.First(p => p.ResetAt == 0) : full.MaxBy(p => p.ResetAt)!;
            return new Verdict(false, ResultCode.PurchaseLimit, label, Fill(decisive.Text.NotBuyable, limit: decisive.Limit),
                decisive.ResetAt, bought, left);
        }
        if (input.StockLeft is { } stock && stock < count)
            return new Verdict(false, ResultCode.SoldOut, label, texts.Stock.NotBuyable, 0, bought, left);
        return new Verdict(true, ResultCode.Success, label, "", 0, bought, left);
    }
}
