using System.Globalization;
using SocialGame.Core.Time;

namespace SocialGame.Modules.Rank;

/// <summary>
/// A board's periods on the business calendar: a day is <c>yyyyMMdd</c>, a week the <c>yyyyMMdd</c> of its Monday. An instant
/// belongs to exactly one period, so a gift after a period's end counts for the next.
/// </summary>
internal sealed class RankPeriods(BusinessCalendar calendar, IClock clock)
{
    public DateTimeOffset Now => clock.UtcNow;

    public string KeyOf(RankBoard board, DateTimeOffset at) =>
        board.Period == RankPeriodKind.Day ? calendar.DayKey(at) : calendar.WeekKey(at);

    public (DateTimeOffset Start, DateTimeOffset End) BoundsOf(RankBoard board, DateTimeOffset at) =>
        board.Period == RankPeriodKind.Day ? calendar.DayOf(at) : calendar.WeekOf(at);

    /// <summary>The bounds of a period key, or null when the text is no period of the board (not a date, a week not on Monday).</summary>
    public (DateTimeOffset Start, DateTimeOffset End)? Parse(RankBoard board, string? period)
    {
        if (period is not { Length: 8 }
            || !DateTime.TryParseExact(period, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return null;
        var bounds = BoundsOf(board, calendar.StartOf(date));
        return KeyOf(board, bounds.Start) == period ? bounds : null;
    }

    /// <summary>Unix seconds at which the period's keys expire: keepDays after its end.</summary>
    public static long ExpireAt(RankBoard board, DateTimeOffset end) => end.AddDays(board.KeepDays).ToUnixTimeSeconds();

    /// <summary>Seconds from now the period's keys are kept (a relative expiry, so it follows this node's clock).</summary>
    public long KeepSeconds(RankBoard board, DateTimeOffset end) => Math.Max(1, ExpireAt(board, end) - Now.ToUnixTimeSeconds());

    /// <summary>
    /// The periods of a board that ended and are still kept, newest first: what the settlement pass looks at (an ended period
    /// a node missed, e.g. while every node was down, is settled late but settled).
    /// </summary>
    public IEnumerable<(string Period, DateTimeOffset End)> Ended(RankBoard board)
    {
        var now = Now;
        var (start, _) = BoundsOf(board, now);
        while (true)
        {
            var (s, e) = BoundsOf(board, start.AddTicks(-1));
            if (e.AddDays(board.KeepDays) <= now) yield break;
            yield return (KeyOf(board, s), e);
            start = s;
        }
    }
}
