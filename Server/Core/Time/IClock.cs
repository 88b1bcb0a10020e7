namespace SocialGame.Core.Time;

/// <summary>The one source of time for the rules; tests inject their own.</summary>
public interface IClock
{
    DateTimeOffset UtcNow { get; }
    long UnixMilliseconds => UtcNow.ToUnixTimeMilliseconds();
    long UnixSeconds => UtcNow.ToUnixTimeSeconds();
}

internal sealed class SystemClock : IClock
{
    public static readonly SystemClock Instance = new();
    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
}
