using System.Diagnostics;

using SocialGame.Core.Storage;

namespace SocialGame.Tests.Infrastructure;

/// <summary>
/// A real local Redis Cluster: <c>redis-server --cluster-enabled yes</c> on free loopback ports (cluster bus ports
/// chosen free as well), each node's nodes.conf in a temporary folder, a short cluster-node-timeout, joined with
/// <c>redis-cli --cluster create ... --cluster-replicas N --cluster-yes</c>. A node can be killed (SIGKILL) and started
/// again on its port with its nodes.conf, when it rejoins (a failed-over master as its successor's replica).
/// <see cref="Shared"/> is the one 3-master, 3-replica cluster of a test run (started on first use, stopped at the end).
/// </summary>
public sealed class RedisCluster : ITestRedis, IDisposable
{
    /// <summary>cluster-node-timeout: a master unreachable this long is failed over to its replica.</summary>
    public const int NodeTimeoutMs = 1000;

    private static readonly Lazy<RedisCluster> SharedCluster = new(() =>
    {
        var cluster = new RedisCluster(masters: 3, replicasPerMaster: 1);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
        return cluster;
    });

    private readonly string _dir;
    private readonly Dictionary<int, Process?> _nodes = [];
    private readonly Dictionary<int, int> _busPorts = [];
    private int _disposed;

    public RedisCluster(int masters, int replicasPerMaster)
    {
        _dir = Path.Combine(Path.GetTempPath(), "sgcluster-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dir);
        try
        {
            for (int i = 0; i < masters * (1 + replicasPerMaster); i++)
            {
                int port = RedisServer.FreePort(), bus = RedisServer.FreePort();
                _busPorts[port] = bus;
                _nodes[port] = null;
                StartNode(port);
            }
            Ports = _nodes.Keys.ToList();
            RedisProcess.Cli($"--cluster create {string.Join(' ', Ports.Select(p => "127.0.0.1:" + p))} --cluster-replicas " +
                $"{replicasPerMaster} --cluster-yes");
            WaitHealthy(TimeSpan.FromSeconds(30));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The run's shared cluster (3 masters, 3 replicas).</summary>
    public static RedisCluster Shared => SharedCluster.Value;

    /// <summary>True once <see cref="Shared"/> was started.</summary>
    public static bool SharedStarted => SharedCluster.IsValueCreated;

    /// <summary>Every node's port, masters and replicas.</summary>
    public IReadOnlyList<int> Ports { get; }

    public string Address => string.Join(',', Ports.Select(p => "127.0.0.1:" + p));
    public bool IsCluster => true;

    private void StartNode(int port)
    {
        string dir = Path.Combine(_dir, port.ToString());
        Directory.CreateDirectory(dir);
        _nodes[port] = RedisProcess.Start(port,
            $"--port {port} --cluster-port {_busPorts[port]} --bind 127.0.0.1 --dir \"{dir}\" --cluster-enabled yes " +
                $"--cluster-config-file nodes.conf " +
            $"--cluster-node-timeout {NodeTimeoutMs} --cluster-replica-validity-factor 0 --cluster-require-full-coverage no " +
            "--save \"\" --appendonly no --daemonize no --loglevel warning");
    }

    /// <summary>The masters that serve slots, as the cluster sees them now (asked of a live node).</summary>
    public IReadOnlyList<int> Masters() => Nodes().Where(n => n.ServesSlots && !n.Failed).Select(n => n.EndPoint.Port).ToList();

    /// <summary>The port of the master serving <paramref name="slot"/> now.</summary>
    public int MasterOfSlot(int slot) => Nodes().Single(n => n.ServesSlots && !n.Failed && n.Slots.Any(r => r.From <= slot && slot <= r.To))
        .EndPoint.Port;

    /// <summary>The ports of the replicas of the master on <paramref name="masterPort"/>.</summary>
    public IReadOnlyList<int> ReplicasOf(int masterPort)
    {
        var nodes = Nodes();
        string id = nodes.Single(n => n.EndPoint.Port == masterPort).Id;
        return nodes.Where(n => n.MasterId == id && !n.Failed).Select(n => n.EndPoint.Port).ToList();
    }

    private IReadOnlyList<ClusterNodeLine> Nodes() => ClusterNodeLine.ParseAll(Cli("cluster nodes"));

    /// <summary>redis-cli against the first live node that answers.</summary>
    private string Cli(string command)
    {
        foreach (int port in Ports.Where(p => _nodes[p] is not null))
        {
            try
            {
                return RedisProcess.Cli($"-p {port} {command}", 10);
            }
            catch (InvalidOperationException)
            {
            }
        }
        throw new InvalidOperationException("no node of the cluster answers");
    }

    /// <summary>kill -9 of the node on <paramref name="port"/>.</summary>
    public void Kill(int port)
    {
        if (_nodes[port] is { } process) RedisProcess.Kill(process);
        _nodes[port] = null;
    }

    /// <summary>
    /// Stops (SIGSTOP) or continues (SIGCONT) the node on <paramref name="port"/>: a node that hangs without closing its connections.
    /// </summary>
    public void Pause(int port, bool paused = true)
    {
        using var kill = Process.Start("kill", $"-{(paused ? "STOP" : "CONT")} {_nodes[port]!.Id}");
        kill.WaitForExit(5000);
    }

    /// <summary>Starts the killed node on <paramref name="port"/> again (it rejoins with its nodes.conf).</summary>
    public void Restart(int port)
    {
        if (_nodes[port] is null) StartNode(port);
    }

    /// <summary>
    /// Waits until every running node says cluster_state:ok, every slot is served, and every replica's link to its master
    /// is up and in sync (so a WAIT for one replica can be answered).
    /// </summary>
    public void WaitHealthy(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = Problem() ?? "";
                if (last.Length == 0) return;
            }
            catch (InvalidOperationException ex)
            {
                last = ex.Message;
            }
            Thread.Sleep(100);
        }
        throw new InvalidOperationException($"the cluster did not become healthy in {within.TotalSeconds:F0}s: {last}");
    }

    private string? Problem()
    {
        foreach (int port in Ports.Where(p => _nodes[p] is not null))
        {
            string info = RedisProcess.Cli($"-p {port} cluster info", 10);
            if (!info.Contains("cluster_state:ok", StringComparison.Ordinal)) return $"{port}: cluster_state not ok";
            if (!info.Contains("cluster_slots_ok:16384", StringComparison.Ordinal)) return $"{port}: not every slot ok";
            string replication = RedisProcess.Cli($"-p {port} info replication", 10);
            if (replication.Contains("role:slave", StringComparison.Ordinal) &&
                !(replication.Contains("master_link_status:up", StringComparison.Ordinal)
                    && replication.Contains("master_sync_in_progress:0", StringComparison.Ordinal)))
                return $"{port}: replica not in sync";
        }
        return null;
    }

    /// <summary>Empties every master (and so its replicas): what one fixture wrote is gone for the next.</summary>
    public void FlushAll()
    {
        WaitHealthy(TimeSpan.FromSeconds(30));
        foreach (int port in Masters()) RedisProcess.Cli($"-p {port} flushall", 10);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        foreach (int port in _nodes.Keys.ToList()) Kill(port);
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
