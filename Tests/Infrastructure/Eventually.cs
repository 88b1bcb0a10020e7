namespace SocialGame.Tests.Infrastructure;

/// <summary>Polls a condition that becomes true asynchronously (a close, a presence release) until a deadline.</summary>
public static class Eventually
{
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, double seconds = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(20);
        }
        return await condition();
    }

    public static Task<bool> TrueAsync(Func<bool> condition, double seconds = 5) =>
        TrueAsync(() => Task.FromResult(condition()), seconds);
}
