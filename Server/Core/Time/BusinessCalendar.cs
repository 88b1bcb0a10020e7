using System.Globalization;

namespace SocialGame.Core.Time;

/// <summary>
/// Business days and weeks in the configured time zone (<c>timeZone</c> in server.json, Asia/Shanghai shipped): daily
/// limits, rankings, XP caps and activity windows all cut their periods here, so they agree on when a day ends. A week
/// starts on Monday. Keys are plain text: a day is <c>yyyyMMdd</c>, a week is the <c>yyyyMMdd</c> of its Monday.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly IClock _clock;

    public BusinessCalendar(TimeZoneInfo zone, IClock clock)
    {
        Zone = zone;
        _clock = clock;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The local date and time of an instant.</summary>
    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    public string DayKey(DateTimeOffset at) => Local(at).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public string WeekKey(DateTimeOffset at) => DayKey(WeekOf(at).Start);

    public string Today => DayKey(_clock.UtcNow);

    public string ThisWeek => WeekKey(_clock.UtcNow);

    /// <summary>The business day holding an instant: its first instant and the first instant of the next day.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) DayOf(DateTimeOffset at)
    {
        var date = Local(at).Date;
        return (StartOf(date), StartOf(date.AddDays(1)));
    }

    /// <summary>The business week (Monday to Sunday) holding an instant.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) WeekOf(DateTimeOffset at)
    {
        var date = Local(at).Date;
        int sinceMonday = ((int)date.DayOfWeek + 6) % 7;
        var monday = date.AddDays(-sinceMonday);
        return (StartOf(monday), StartOf(monday.AddDays(7)));
    }

    /// <summary>The instant a local date begins (a date whose midnight a clock change skips begins at its first valid minute).</summary>
    public DateTimeOffset StartOf(DateTime localDate)
    {
        var midnight = DateTime.SpecifyKind(localDate.Date, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(midnight)) midnight = midnight.AddMinutes(1);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }

    /// <summary>
    /// The zone of an IANA or Windows id. A machine without time-zone data still knows the shipped Asia/Shanghai
    /// (UTC+8 all year, no daylight saving). Null when the id is unknown.
    /// </summary>
    public static TimeZoneInfo? Resolve(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return id is "Asia/Shanghai" or "China Standard Time"
                ? TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(8), id, id)
                : null;
        }
    }
}
