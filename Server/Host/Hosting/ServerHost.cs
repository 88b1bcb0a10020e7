using System.Collections.Concurrent;
using NLog;
using SocialGame.Core;
using SocialGame.Core.Admin;
using SocialGame.Core.Auth;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Events;
using SocialGame.Core.Events.Kafka;
using SocialGame.Core.Jobs;
using SocialGame.Core.Metrics;
using SocialGame.Core.Options;
using SocialGame.Core.Push;
using SocialGame.Core.Sessions;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Modules;
using SocialGame.Protocol.Catalog;
using SocialGame.Server.Admin;
using SocialGame.Server.Transport;

namespace SocialGame.Server.Hosting;

/// <summary>
/// One server node: wires the services, the modules, the game port and the admin port, and stops
/// them in order (stop accepting, answer what is in flight, close connections, release Redis).
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly ConcurrentDictionary<Task, byte> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly GameListener _listener;
    private readonly AdminServer _admin;
    private readonly Dispatcher _dispatcher;
    private readonly MessageRouter _router;
    private readonly IReadOnlyList<IGameModule> _modules;
    private readonly JobTable _jobs;
    private PeriodicJob? _refresh;
    private PeriodicJob? _sweep;
    private PeriodicJob? _history;
    private int _stopped;

    private ServerHost(ServerServices services, MessageRouter router, IReadOnlyList<IGameModule> modules, JobTable jobs,
        HandlerTable handlers, AccountLocks locks, ConnectionGate gate)
    {
        _jobs = jobs;
        Services = services;
        Locks = locks;
        _router = router;
        _modules = modules;
        _dispatcher = new Dispatcher(handlers, locks, services.Metrics, services.Options.MaxQueuedPerSession);
        var options = services.Options;
        _listener = new GameListener(options, new SessionStageParts(_dispatcher, services.Sessions, gate, services.RateLimits,
            services.Metrics, TimeSpan.FromSeconds(options.LoginTimeoutSeconds), Track));
        _admin = new AdminServer(services);
    }

    public ServerServices Services { get; }
    /// <summary>The accounts' request locks (tests check that closed connections leave none behind).</summary>
    internal AccountLocks Locks { get; }
    public IReadOnlyList<IGameModule> Modules => _modules;
    public int Port => _listener.Port;
    /// <summary>How many event loops serve the game port.</summary>
    internal int EventLoops => _listener.EventLoops;
    public int AdminPort => _admin.Port;
    public string Node => Services.Options.Node;

    /// <summary>Builds and starts a node. <paramref name="extraModules"/> lets tests add modules of their own.</summary>
    public static async Task<ServerHost> StartAsync(
        ServerOptions options,
        string configDir,
        IClock? clock = null,
        Func<ServerServices, IEnumerable<IGameModule>>? extraModules = null,
        bool allowUncatalogued = false,
        IRandomSource? random = null)
    {
        // Redis replies and handlers continue on the thread pool. Its minimum stays the runtime's unless configured: a
        // larger one keeps more workers awake under load (BENCHMARKS.md); a process hosting many nodes (the tests) sets it.
        ThreadPool.GetMinThreads(out int workers, out int io);
        if (workers < options.ThreadPoolMinWorkers) ThreadPool.SetMinThreads(options.ThreadPoolMinWorkers, io);

        DotNetty.Common.ResourceLeakDetector.Level = Enum.Parse<DotNetty.Common.ResourceLeakDetector.DetectionLevel>(options.LeakDetection,
            ignoreCase: true);
        var problems = ProtocolCatalog.Check();
        if (problems.Count > 0) throw new InvalidOperationException("protocol tables: " + string.Join("; ", problems));
        DevelopmentSecrets.CheckServer(options, Path.Combine(configDir, ServerConfig.FileName));

        var metrics = new ServerMetrics();
        var redis = await RedisStore.ConnectAsync(options.Redis).ConfigureAwait(false);
        try
        {
            redis.CheckMode(options.Redis, Path.Combine(configDir, ServerConfig.FileName));
        }
        catch
        {
            await redis.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var scripts = new ScriptRegistry(redis, new ReplicaWait(redis, options.Redis.WaitReplicas, options.Redis.WaitTimeoutMs));
        var presence = new Presence(redis, scripts, options.Node, options.Presence.TtlSeconds, options.Redis.Cluster);
        var registry = new SessionRegistry();
        var router = new MessageRouter(redis, registry, presence, metrics, new RouterChannels(options.Redis.Cluster));
        var locks = new AccountLocks();
        var domainEvents = new DomainEvents();
        var rateLimits = new RateLimits(options.RateLimit);
        var gate = new ConnectionGate(options.Connections, metrics);
        var sessions = new SessionService(registry, presence, router, locks, metrics, domainEvents, rateLimits);
        var eventDispatcher = new EventDispatcher(metrics);
        IEventBus events = string.IsNullOrWhiteSpace(options.Kafka.Brokers)
            ? new InProcessEventBus(eventDispatcher)
            : new KafkaEventBus(options.Kafka, eventDispatcher, "socialgame-" + options.Node);
        metrics.ConnectionCount = () => registry.Count;
        metrics.LoggedInCount = () => registry.LoggedInCount;
        clock ??= SystemClock.Instance;
        var operatorTokens = new OperatorTokens(options.Admin.TokenSecret, options.Admin.TokenLifetimeSeconds,
            new OperatorDirectory(options.Admin.Operators));
        metrics.NotLoggedInCount = () => gate.NotLoggedIn;
        var services = new ServerServices
        {
            Options = options,
            ConfigDir = configDir,
            Redis = redis,
            Scripts = scripts,
            Sessions = sessions,
            Push = router,
            Router = router,
            Tokens = new TokenService(options.Auth.Secret, options.Auth.MaxTokenLifetimeSeconds),
            Clock = clock,
            Calendar = new BusinessCalendar(BusinessCalendar.Resolve(options.TimeZone)!, clock),
            Random = random ?? SystemRandomSource.Instance,
            Events = events,
            DomainEvents = domainEvents,
            Metrics = metrics,
            Operators = new OperatorLogins(operatorTokens, options.Admin, redis, scripts, clock),
            RateLimits = rateLimits,
            ConsoleSessions = new ConsoleSessions(redis, operatorTokens.Directory, options.Admin.TokenLifetimeSeconds),
            Audit = new AdminAudit(redis),
            MetricsHistory = new MetricsHistory(metrics, options.Node),
        };

        List<IGameModule> modules;
        var jobs = new JobTable();
        var handlers = new HandlerTable { AllowUncatalogued = allowUncatalogued };
        try
        {
            OperatorRoutes.Register(services.AdminRoutes, services.Operators, services.Audit);
            services.MetricsHistory.Register(services.AdminRoutes);
            modules = ModuleList.Create(services).Concat(extraModules?.Invoke(services) ?? []).ToList();
            var builder = new ModuleBuilder(new ModuleTables(handlers, services.GmCommands, services.AdminRoutes, domainEvents, events,
                services.LoginGate, router, services.AccountData, jobs));
            foreach (var module in modules) builder.Register(module);
            builder.CheckScripts(scripts.Scripts.Select(s => s.Name));
            services.AccountData.CheckErasers();
        }
        catch
        {
            // a module's configuration refused (or another start-up fault): nothing else was started yet
            await redis.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var host = new ServerHost(services, router, modules, jobs, handlers, locks, gate);
        try
        {
            await host.StartPartsAsync().ConfigureAwait(false);
        }
        catch
        {
            await host.StopAsync().ConfigureAwait(false);
            throw;
        }
        redis.Connection.ConnectionRestored += (_, _) => host.Track(host.RestorePresenceAsync());
        return host;
    }

    private async Task StartPartsAsync()
    {
        var options = Services.Options;
        foreach (var module in _modules) await module.StartAsync(_stop.Token).ConfigureAwait(false);
        _jobs.StartAll();
        await Services.Scripts.LoadAllAsync().ConfigureAwait(false);
        await _router.StartAsync(Services.Sessions.OnKickRouted).ConfigureAwait(false);
        await _listener.StartAsync().ConfigureAwait(false);
        if (options.AdminPort >= 0) await _admin.StartAsync(options.AdminHost, options.AdminPort).ConfigureAwait(false);
        _refresh = PeriodicJob.Start("presence refresh", TimeSpan.FromSeconds(Math.Max(1, options.Presence.TtlSeconds / 3)),
            _ => Services.Sessions.RefreshPresenceAsync());
        Services.MetricsHistory.Sample(Services.Clock.UtcNow.ToUnixTimeMilliseconds());
        _history = PeriodicJob.Start("metrics history", TimeSpan.FromSeconds(MetricsHistory.PeriodSeconds), _ =>
        {
            Services.MetricsHistory.Sample(Services.Clock.UtcNow.ToUnixTimeMilliseconds());
            return Task.CompletedTask;
        });
        _sweep = PeriodicJob.Start("rate limit sweep", TimeSpan.FromSeconds(30), _ =>
        {
            Services.RateLimits.Sweep();
            return Task.CompletedTask;
        });
        // Last: every module has subscribed by now, and handlers may use everything started above.
        if (Services.Events is KafkaEventBus kafka) await kafka.StartAsync(_stop.Token).ConfigureAwait(false);
        Log.Info("node {Node} listening on {Host}:{Port} (admin {Admin}), redis {Redis}, events {Events}, modules: {Modules}",
            options.Node, options.Host, Port, options.AdminPort >= 0 ? $"{options.AdminHost}:{AdminPort}" : "off", options.Redis.Address,
            string.IsNullOrWhiteSpace(options.Kafka.Brokers) ? "in-process" : "kafka " + options.Kafka.Brokers,
            string.Join(", ", _modules.Select(m => m.Name)));
    }

    private async Task RestorePresenceAsync()
    {
        try
        {
            await Services.Sessions.RestorePresenceAsync().ConfigureAwait(false);
            Log.Info("presence of {Count} sessions restored after the redis reconnect", Services.Sessions.Registry.LoggedInCount);
        }
        catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
        {
            Log.Warn("presence restore failed: {Error}", ex.Message);
        }
    }

    /// <summary>
    /// Completes when the background work started so far (a closed connection's presence release and offline
    /// handlers) has finished: a signal for tests to wait on.
    /// </summary>
    public Task BackgroundIdleAsync() => Task.WhenAll(_pending.Keys);

    /// <summary>Keeps background work (connection clean-up) alive until the stop waits for it.</summary>
    private void Track(Task task)
    {
        if (task.IsCompleted) return;
        _pending.TryAdd(task, 0);
        task.ContinueWith(t =>
        {
            _pending.TryRemove(t, out _);
            if (t.Exception is { } ex) Log.Error(ex, "background work failed");
        }, TaskScheduler.Default);
    }

    /// <summary>
    /// Stop accepting, answer requests in flight (up to shutdown.drainSeconds), tell every connection
    /// (kicked, reason "shutdown") and close it, release presence, then the rest. Each step runs even if
    /// an earlier one failed.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        var options = Services.Options;
        Log.Info("node {Node} stopping: {Connections} connections, {InFlight} requests in flight", options.Node,
            Services.Sessions.Registry.Count, _dispatcher.InFlight);
        await Step("stop background work", async () =>
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            if (_refresh is not null) await _refresh.StopAsync().ConfigureAwait(false);
            if (_sweep is not null) await _sweep.StopAsync().ConfigureAwait(false);
            if (_history is not null) await _history.StopAsync().ConfigureAwait(false);
        }).ConfigureAwait(false);
        await Step("stop accepting", _listener.StopAcceptingAsync).ConfigureAwait(false);
        await Step("drain", async () =>
        {
            _dispatcher.BeginShutdown();
            if (!await _dispatcher.DrainAsync(TimeSpan.FromSeconds(options.Shutdown.DrainSeconds)).ConfigureAwait(false))
                Log.Warn("{InFlight} requests still running after {DrainSeconds}s; cancelled", _dispatcher.InFlight,
                    options.Shutdown.DrainSeconds);
        }).ConfigureAwait(false);
        await Step("close connections", async () =>
        {
            foreach (var session in Services.Sessions.Registry.Snapshot())
                Track(session.KickAsync(KickReason.Shutdown));
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while ((Services.Sessions.Registry.Count > 0 || !_pending.IsEmpty) && DateTime.UtcNow < deadline)
                await Task.Delay(10).ConfigureAwait(false);
        }).ConfigureAwait(false);
        // Events stop before the modules: no request publishes any more (drained), and the handler in progress
        // still finds its module running, so a stop does not turn a good message into a dead letter.
        await Step("stop events", async () =>
        {
            if (Services.Events is IAsyncDisposable events) await events.DisposeAsync().ConfigureAwait(false);
        }).ConfigureAwait(false);
        foreach (var module in _modules)
            await Step("stop module " + module.Name, async () =>
            {
                await _jobs.StopAsync(module.Name).ConfigureAwait(false);
                await module.StopAsync().ConfigureAwait(false);
            }).ConfigureAwait(false);
        await Step("stop message router", _router.StopAsync).ConfigureAwait(false);
        await Step("stop admin", _admin.StopAsync).ConfigureAwait(false);
        await Step("stop event loops", _listener.ShutdownAsync).ConfigureAwait(false);
        await Step("close redis", async () => await Services.Redis.DisposeAsync().ConfigureAwait(false)).ConfigureAwait(false);
        Log.Info("node {Node} stopped", options.Node);
    }

    private static async Task Step(string name, Func<Task> step)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await step().ConfigureAwait(false);
            Log.Debug("stop: {Step} took {TookMs:F0} ms", name, System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        catch (Exception ex)
        {
            Log.Error(ex, "stop: {Step} failed", name);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
