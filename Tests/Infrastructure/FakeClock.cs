using SocialGame.Core.Time;

namespace SocialGame.Tests.Infrastructure;

/// <summary>A clock the test moves by hand (expiry, cooling periods).</summary>
public sealed class FakeClock(DateTimeOffset start) : IClock
{
    private long _ticks = start.UtcTicks;

    public DateTimeOffset UtcNow => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
