using SocialGame.Core.Options;
using SocialGame.Core.Time;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Unit;

public class BusinessCalendarTests
{
    private static BusinessCalendar Shanghai(DateTimeOffset now) =>
        new(BusinessCalendar.Resolve("Asia/Shanghai")!, new FakeClock(now));

    [Test]
    public void AShanghaiDayEndsAtSixteenUtc()
    {
        var calendar = Shanghai(DateTimeOffset.Parse("2026-12-05T15:59:59Z"));
        Assert.That(calendar.Today, Is.EqualTo("20261205"));
        Assert.That(calendar.DayKey(DateTimeOffset.Parse("2026-12-05T16:00:00Z")), Is.EqualTo("20261206"));
        var (start, end) = calendar.DayOf(DateTimeOffset.Parse("2026-12-05T15:59:59Z"));
        Assert.That(start, Is.EqualTo(DateTimeOffset.Parse("2026-12-04T16:00:00Z")));
        Assert.That(end, Is.EqualTo(DateTimeOffset.Parse("2026-12-05T16:00:00Z")));
    }

    [Test]
    public void AWeekRunsFromMondayToSundayLocalTime()
    {
        // Sunday 2026-12-06 23:59 in Shanghai is still the week of Monday 2026-11-30; a minute later the next one begins.
        var calendar = Shanghai(DateTimeOffset.Parse("2026-12-06T15:59:00Z"));
        Assert.That(calendar.ThisWeek, Is.EqualTo("20261130"));
        Assert.That(calendar.WeekKey(DateTimeOffset.Parse("2026-12-06T16:00:00Z")), Is.EqualTo("20261207"));
        var (start, end) = calendar.WeekOf(DateTimeOffset.Parse("2026-12-02T00:00:00Z"));
        Assert.That(start, Is.EqualTo(DateTimeOffset.Parse("2026-11-29T16:00:00Z")));
        Assert.That(end - start, Is.EqualTo(TimeSpan.FromDays(7)));
    }

    [Test]
    public void AnUnknownZoneStopsTheStartNamingTheField()
    {
        var ex = Assert.Throws<ConfigException>(() =>
            ConfigLoader.Parse<ServerOptions>("""{"timeZone": "Mars/Olympus"}""", "server.json"));
        Assert.That(ex!.Message, Does.Contain("server.json").And.Contain("timeZone"));
    }
}
