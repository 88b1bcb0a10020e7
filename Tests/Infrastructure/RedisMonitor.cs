using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace SocialGame.Tests.Infrastructure;

/// <summary>
/// Watches every command a real redis-server runs (its MONITOR feed, scripts' calls included), so a test can tell
/// which keys some work touched: e.g. that a pass read only what it had to.
/// </summary>
public sealed class RedisMonitor : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly Task _reader;
    private readonly ConcurrentQueue<string> _lines = new();

    private RedisMonitor(TcpClient tcp)
    {
        _tcp = tcp;
        _reader = ReadAsync(new StreamReader(tcp.GetStream(), Encoding.UTF8));
    }

    /// <summary>Starts watching; returns once Redis has confirmed the feed (commands from then on are seen).</summary>
    public static async Task<RedisMonitor> StartAsync(RedisServer redis)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", redis.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync("MONITOR\r\n"u8.ToArray());
        var ok = new byte[5];
        await stream.ReadExactlyAsync(ok);
        if (Encoding.ASCII.GetString(ok) != "+OK\r\n") throw new InvalidOperationException("MONITOR refused");
        return new RedisMonitor(tcp);
    }

    /// <summary>The commands seen so far, one line each as Redis prints them.</summary>
    public IReadOnlyList<string> Lines => _lines.ToList();

    /// <summary>Waits until a command containing <paramref name="marker"/> has been seen (to know the feed caught up).</summary>
    public Task<bool> SawAsync(string marker) => Eventually.TrueAsync(() => _lines.Any(l => l.Contains(marker, StringComparison.Ordinal)));

    private async Task ReadAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line) _lines.Enqueue(line);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        await _reader;
    }
}
