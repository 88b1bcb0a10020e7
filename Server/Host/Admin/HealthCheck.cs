using System.Diagnostics;
using SocialGame.Core.Storage;

namespace SocialGame.Server.Admin;

/// <summary>
/// The Redis half of <c>/health</c> (a command to every primary), made at most once per <paramref name="maxAge"/> however often
/// it is asked: requests arriving while a check runs share it, and a result younger than <paramref name="maxAge"/> is answered
/// as it is. <c>/health</c> is open, so its callers cannot turn it into a flood of commands on every primary.
/// </summary>
internal sealed class HealthCheck(Func<Task<RedisHealth>> check, TimeSpan maxAge)
{
    private readonly Lock _lock = new();
    private Task<RedisHealth>? _last;
    private long _startedAt;

    public Task<RedisHealth> GetAsync()
    {
        lock (_lock)
        {
            if (_last is { } last && (!last.IsCompleted || Stopwatch.GetElapsedTime(_startedAt) < maxAge)) return last;
            _startedAt = Stopwatch.GetTimestamp();
            return _last = Run();
        }
    }

    // async: a check that throws at once is a failed task like any other, shared and answered the same way
    private async Task<RedisHealth> Run() => await check().ConfigureAwait(false);
}
