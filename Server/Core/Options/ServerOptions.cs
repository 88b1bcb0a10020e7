using System.Net;
using SocialGame.Protocol.Catalog;

namespace SocialGame.Core.Options;

/// <summary><c>Config/server.json</c>: the node, its ports, Redis, Kafka, auth, GM accounts and limits.</summary>
public sealed class ServerOptions : IValidatableOptions
{
    /// <summary>The secret shipped in the development configuration; refused outside development mode.</summary>
    public const string DevelopmentSecret = "socialgame-development-secret";

    /// <summary>This node's id, unique among the nodes sharing one Redis (env SOCIALGAME_NODE).</summary>
    public string Node { get; set; } = "node1";
    /// <summary>The game port's address (0.0.0.0 for every interface).</summary>
    public string Host { get; set; } = "127.0.0.1";
    /// <summary>Game TCP port (env SOCIALGAME_PORT); 0 picks a free port.</summary>
    public int Port { get; set; } = 9000;
    /// <summary>The admin port's address, whatever <see cref="Host"/> is (env SOCIALGAME_ADMIN_HOST).</summary>
    public string AdminHost { get; set; } = "127.0.0.1";
    /// <summary>Admin HTTP port (env SOCIALGAME_ADMIN_PORT); 0 picks a free port, -1 disables it.</summary>
    public int AdminPort { get; set; } = 9001;
    /// <summary>
    /// Development mode (env SOCIALGAME_DEVELOPMENT=1, which ./run.sh sets): the shipped development secrets and
    /// operator password are accepted with a warning. Off, the server refuses to start with any of them.
    /// </summary>
    public bool Development { get; set; }
    public int AreaId { get; set; } = 1;
    /// <summary>The zone of business days and weeks (daily limits, rankings, activity windows): an IANA id.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
    /// <summary>Largest accepted frame body in bytes; a longer or zero length closes the connection.</summary>
    public int MaxFrameLength { get; set; } = ConnectionDefaults.MaxFrameLength;
    /// <summary>A frame whose first bytes arrived must be complete this long after, or the connection closes (slowloris).</summary>
    public int FrameTimeoutSeconds { get; set; } = ConnectionDefaults.FrameTimeoutSeconds;
    /// <summary>A connection that sends nothing for this long is closed.</summary>
    public int IdleSeconds { get; set; } = ConnectionDefaults.IdleSeconds;
    /// <summary>A connection not logged in this long after it opened is closed (heartbeats do not keep it).</summary>
    public int LoginTimeoutSeconds { get; set; } = ConnectionDefaults.LoginTimeoutSeconds;
    /// <summary>DotNetty worker threads; 0 means one per core.</summary>
    public int EventLoopThreads { get; set; }
    /// <summary>
    /// Thread-pool workers the runtime keeps ready before it injects more (slowly, about one a second); 0 leaves the
    /// runtime's default (one per core). Nothing on the request path blocks a thread, so more ready workers only mean
    /// more of them woken and parked under load: 16 on two cores cost the bargain help about 15% more CPU (BENCHMARKS.md).
    /// </summary>
    public int ThreadPoolMinWorkers { get; set; }
    /// <summary>
    /// Socket completions run on the runtime's epoll thread instead of being handed to the thread pool
    /// (the process-wide DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS; an explicit environment value wins).
    /// One thread hand-off less per socket event: lower tail latency where context switches are dear
    /// (BENCHMARKS.md). Safe because nothing on the request path blocks a thread.
    /// </summary>
    public bool InlineSocketCompletions { get; set; } = true;
    /// <summary>
    /// DotNetty's buffer leak detection: disabled, simple, advanced or paranoid. Off by default: even its sampling mode
    /// records a stack trace every 128th buffer and measurably adds allocation to every answer (BENCHMARKS.md); turn it on
    /// to hunt a leak.
    /// </summary>
    public string LeakDetection { get; set; } = "disabled";
    /// <summary>Requests queued for one connection beyond this close it (a client far ahead of its answers).</summary>
    public int MaxQueuedPerSession { get; set; } = ConnectionDefaults.MaxQueuedPerSession;
    /// <summary>Folder for the human log and the datalog (relative to the working directory).</summary>
    public string LogDir { get; set; } = ".data/logs";
    /// <summary>
    /// Load balancers whose connections start with a PROXY protocol v1 line naming the real client;
    /// for them (and only them) the client IP is taken from that line.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    public RedisOptions Redis { get; set; } = new();
    public KafkaOptions Kafka { get; set; } = new();
    public AuthOptions Auth { get; set; } = new();
    public AdminOptions Admin { get; set; } = new();
    public GmOptions Gm { get; set; } = new();
    public RateLimitOptions RateLimit { get; set; } = new();
    public ConnectionOptions Connections { get; set; } = new();
    public OutboundOptions Outbound { get; set; } = new();
    public PresenceOptions Presence { get; set; } = new();
    public ShutdownOptions Shutdown { get; set; } = new();

    public void Validate(OptionsValidator v)
    {
        v.NotEmpty("node", Node);
        if (Node.Any(c => char.IsWhiteSpace(c) || c == '|')) v.Error("node", "must not contain spaces or '|'");
        if (!IPAddress.TryParse(Host, out _)) v.Error("host", $"must be an IP address, got '{Host}'");
        if (!IPAddress.TryParse(AdminHost, out _)) v.Error("adminHost", $"must be an IP address, got '{AdminHost}'");
        v.Range("port", Port, 0, 65535);
        v.Range("adminPort", AdminPort, -1, 65535);
        if (Port != 0 && Port == AdminPort) v.Error("adminPort", "must differ from port");
        v.Range("areaId", AreaId, 0, int.MaxValue);
        if (Time.BusinessCalendar.Resolve(TimeZone) is null) v.Error("timeZone", $"unknown time zone '{TimeZone}'");
        v.Range("maxFrameLength", MaxFrameLength, 64, 16 * 1024 * 1024);
        v.Range("frameTimeoutSeconds", FrameTimeoutSeconds, 1, 3600);
        v.Range("idleSeconds", IdleSeconds, 1, 86400);
        v.Range("loginTimeoutSeconds", LoginTimeoutSeconds, 1, 86400);
        v.Range("eventLoopThreads", EventLoopThreads, 0, 256);
        v.Range("threadPoolMinWorkers", ThreadPoolMinWorkers, 0, 1024);
        v.Range("maxQueuedPerSession", MaxQueuedPerSession, 1, 100_000);
        if (LeakDetection is not ("disabled" or "simple" or "advanced" or "paranoid"))
            v.Error("leakDetection", $"must be disabled, simple, advanced or paranoid, got '{LeakDetection}'");
        v.NotEmpty("logDir", LogDir);
        for (int i = 0; i < TrustedProxies.Count; i++)
            if (!IPAddress.TryParse(TrustedProxies[i], out _)) v.Error($"trustedProxies[{i}]",
                $"must be an IP address, got '{TrustedProxies[i]}'");
        v.Nested("redis", Redis);
        v.Nested("kafka", Kafka);
        v.Nested("auth", Auth);
        v.Nested("admin", Admin);
        v.Nested("gm", Gm);
        v.Nested("rateLimit", RateLimit);
        v.Nested("connections", Connections);
        v.Nested("outbound", Outbound);
        v.Nested("presence", Presence);
        v.Nested("shutdown", Shutdown);
    }

    /// <summary>
    /// Applies the environment overrides: SOCIALGAME_PORT, SOCIALGAME_ADMIN_PORT, SOCIALGAME_ADMIN_HOST, SOCIALGAME_REDIS,
    /// SOCIALGAME_KAFKA, SOCIALGAME_NODE, SOCIALGAME_DEVELOPMENT (1/true or 0/false). A malformed value names the variable.
    /// </summary>
    public void ApplyEnvironment(Func<string, string?> env)
    {
        if (env("SOCIALGAME_DEVELOPMENT") is { Length: > 0 } dev)
            Development = dev switch
            {
                "1" or "true" => true,
                "0" or "false" => false,
                _ => throw new ConfigException($"environment: SOCIALGAME_DEVELOPMENT: must be 1, true, 0 or false, got '{dev}'"),
            };
        if (env("SOCIALGAME_ADMIN_HOST") is { Length: > 0 } adminHost) AdminHost = adminHost;
        if (env("SOCIALGAME_PORT") is { Length: > 0 } port) Port = ParseInt("SOCIALGAME_PORT", port);
        if (env("SOCIALGAME_ADMIN_PORT") is { Length: > 0 } admin) AdminPort = ParseInt("SOCIALGAME_ADMIN_PORT", admin);
        if (env("SOCIALGAME_REDIS") is { Length: > 0 } redis) Redis.Address = redis;
        if (env("SOCIALGAME_KAFKA") is { Length: > 0 } kafka) Kafka.Brokers = kafka;
        if (env("SOCIALGAME_NODE") is { Length: > 0 } node) Node = node;
    }

    private static int ParseInt(string name, string value) =>
        int.TryParse(value, out int n) ? n : throw new ConfigException($"environment: {name}: must be an integer, got '{value}'");
}

public sealed class RedisOptions : IValidatableOptions
{
    /// <summary>host:port (env SOCIALGAME_REDIS). Empty in the shipped file: run.sh starts a private redis.</summary>
    public string Address { get; set; } = "";
    public int ConnectTimeoutMs { get; set; } = 2000;
    /// <summary>A command not answered in this time fails with redis_error.</summary>
    public int OperationTimeoutMs { get; set; } = 2000;
    /// <summary>Cluster mode: keys of one activity period share a hash tag. Must match the Redis reached (checked at start-up).</summary>
    public bool Cluster { get; set; }
    /// <summary>
    /// Money writes (ledger, payments, grabs, getgoods, helps) are answered once this many replicas have them (WAIT); 0: off.
    /// </summary>
    public int WaitReplicas { get; set; }
    /// <summary>How long such a write waits for its replicas before it answers redis_error.</summary>
    public int WaitTimeoutMs { get; set; } = 500;

    public void Validate(OptionsValidator v)
    {
        v.Range("waitReplicas", WaitReplicas, 0, 5);
        v.Range("waitTimeoutMs", WaitTimeoutMs, 10, 60000);
        if (WaitReplicas > 0 && WaitTimeoutMs >= OperationTimeoutMs)
            v.Error("waitTimeoutMs", $"must be below operationTimeoutMs ({OperationTimeoutMs}), or the wait itself times out first");
        if (string.IsNullOrWhiteSpace(Address)) v.Error("address",
            "is required (set SOCIALGAME_REDIS, or start with ./run.sh which starts a private redis)");
        else if (!Address.Contains(':')) v.Error("address", $"must be host:port, got '{Address}'");
        v.Range("connectTimeoutMs", ConnectTimeoutMs, 100, 60000);
        v.Range("operationTimeoutMs", OperationTimeoutMs, 100, 60000);
    }
}


public sealed class AuthOptions : IValidatableOptions
{
    /// <summary>
    /// HMAC-SHA256 secret of login tokens. The shipped value is the known development secret (refused outside development mode).
    /// </summary>
    public string Secret { get; set; } = ServerOptions.DevelopmentSecret;
    /// <summary>Tokens whose expiry lies further ahead than this are refused.</summary>
    public int MaxTokenLifetimeSeconds { get; set; } = 30 * 86400;

    public void Validate(OptionsValidator v)
    {
        if (Secret.Length < 16) v.Error("secret", "must be at least 16 characters");
        v.Range("maxTokenLifetimeSeconds", MaxTokenLifetimeSeconds, 60, 366 * 86400);
    }
}

public sealed class GmOptions : IValidatableOptions
{
    public List<string> Accounts { get; set; } = ["gm"];

    public void Validate(OptionsValidator v)
    {
        for (int i = 0; i < Accounts.Count; i++)
            if (!Sessions.AccountName.IsValid(Accounts[i])) v.Error($"accounts[{i}]", "must be an account name: "
                + Sessions.AccountName.Rule);
    }
}

public sealed class RateLimitOptions : IValidatableOptions
{
    /// <summary>Token bucket refill per second: per connection before login, per account (on this node) after it.</summary>
    public double RatePerSecond { get; set; } = ConnectionDefaults.RatePerSecond;
    public int Burst { get; set; } = ConnectionDefaults.Burst;
    /// <summary>Rejected requests within one minute after which the connection is closed.</summary>
    public int CloseAfterRejected { get; set; } = ConnectionDefaults.CloseAfterRejected;
    /// <summary>Minimum milliseconds between two requests of one opid, keyed "module/opid" (e.g. "6/4").</summary>
    public Dictionary<string, int> MinIntervalMs { get; set; } = new()
    {
        ["6/4"] = ConnectionDefaults.HelpMinIntervalMs,
        ["6/5"] = ConnectionDefaults.GetGoodsMinIntervalMs,
    };
    /// <summary>Login attempts per client IP per minute (a bucket of this size refilling over a minute), on this node.</summary>
    public int LoginsPerIpPerMinute { get; set; } = ConnectionDefaults.LoginsPerIpPerMinute;
    /// <summary>Logins with a valid token per account per minute, on this node.</summary>
    public int LoginsPerAccountPerMinute { get; set; } = ConnectionDefaults.LoginsPerAccountPerMinute;

    public void Validate(OptionsValidator v)
    {
        v.Range("ratePerSecond", RatePerSecond, 0.1, 1_000_000);
        v.Range("burst", Burst, 1, 1_000_000);
        v.Range("closeAfterRejected", CloseAfterRejected, 1, 100_000_000);
        v.Range("loginsPerIpPerMinute", LoginsPerIpPerMinute, 1, 100_000_000);
        v.Range("loginsPerAccountPerMinute", LoginsPerAccountPerMinute, 1, 100_000_000);
        foreach (var (key, ms) in MinIntervalMs)
        {
            if (ParseKey(key) is null) v.Error($"minIntervalMs.{key}", "key must be \"module/opid\"");
            v.Range($"minIntervalMs.{key}", ms, 1, 3_600_000);
        }
    }

    public static (int Module, int OpId)? ParseKey(string key)
    {
        var parts = key.Split('/');
        return parts.Length == 2 && int.TryParse(parts[0], out int m) && int.TryParse(parts[1], out int o) ? (m, o) : null;
    }
}

public sealed class OutboundOptions : IValidatableOptions
{
    /// <summary>Bytes waiting to be written to one connection above which it is closed (a client that stopped reading).</summary>
    public int MaxPendingBytes { get; set; } = ConnectionDefaults.MaxPendingBytes;

    public void Validate(OptionsValidator v) => v.Range("maxPendingBytes", MaxPendingBytes, 4096, 256 * 1024 * 1024);
}

public sealed class PresenceOptions : IValidatableOptions
{
    /// <summary>TTL of the account -> node entry in Redis; refreshed every third of it while connected.</summary>
    public int TtlSeconds { get; set; } = 60;

    public void Validate(OptionsValidator v) => v.Range("ttlSeconds", TtlSeconds, 3, 3600);
}

public sealed class ShutdownOptions : IValidatableOptions
{
    /// <summary>How long a stop waits for requests in flight before closing connections.</summary>
    public int DrainSeconds { get; set; } = 5;

    public void Validate(OptionsValidator v) => v.Range("drainSeconds", DrainSeconds, 0, 120);
}
