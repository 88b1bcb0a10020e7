using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SocialGame.Tests.Infrastructure;

/// <summary>A real redis-server on a free loopback port, no persistence; can be stopped and started again on the same port.</summary>
public sealed class RedisServer : ITestRedis, IDisposable
{
    private Process? _process;
    private readonly string? _dataDir;

    /// <param name="durable">append-only file with fsync on every write, kept across Stop/Start (for crash tests)</param>
    public RedisServer(bool durable = false)
    {
        Port = FreePort();
        if (durable)
        {
            _dataDir = Path.Combine(Path.GetTempPath(), "sgredis-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(_dataDir);
        }
        Start();
    }

    public int Port { get; }
    public string Address => $"127.0.0.1:{Port}";
    public bool IsCluster => false;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Start()
    {
        string persistence = _dataDir is null ? "--appendonly no" : $"--appendonly yes --appendfsync always --dir \"{_dataDir}\"";
        _process = RedisProcess.Start(Port, $"--port {Port} --bind 127.0.0.1 --save \"\" {persistence} --daemonize no --loglevel warning");
    }

    public void Stop()
    {
        if (_process is null) return;
        RedisProcess.Kill(_process);
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        if (_dataDir is not null) Directory.Delete(_dataDir, recursive: true);
    }
}
