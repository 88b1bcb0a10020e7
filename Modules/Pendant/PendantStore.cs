using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NLog;
using SocialGame.Core.Logging;
using SocialGame.Core.Options;
using SocialGame.Core.Storage;
using StackExchange.Redis;

namespace SocialGame.Modules.Pendant;

internal enum PendantSaveOutcome
{
    Saved,
    Exists,
    Missing,
}

/// <summary>
/// The pendant definitions: kept in Redis (seeded from Config/pendants.json, changed by operators), and
/// cached on every node. A change is announced on a Redis channel every node listens to, so each node
/// reloads at once; a periodic version check catches an announcement a node missed (e.g. while its Redis
/// connection was down).
/// </summary>
internal sealed partial class PendantStore
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private static readonly RedisKey DefsKey = PendantKeys.Defs;
    private static readonly RedisKey VersionKey = PendantKeys.Version;
    private static readonly RedisKey SeedKey = PendantKeys.Seed;
    private static readonly RedisKey SeededKey = PendantKeys.Seeded;
    private static readonly RedisChannel ReloadChannel = PendantKeys.Reload;

    private readonly RedisStore _redis;
    private readonly string _node;
    private readonly IReadOnlyCollection<string> _appSchemes;
    private readonly LuaScript<SeedArgs, bool> _seed;
    private readonly LuaScript<SaveArgs, SaveResult> _save;
    private readonly SemaphoreSlim _reload = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Snapshot _snapshot = new(-1, []);
    private ChannelMessageQueue? _queue;
    private Task? _refreshLoop;

    private sealed record Snapshot(long Version, IReadOnlyList<PendantDef> Defs);

    /// <param name="appSchemes">the app's own link schemes: a stored pendant linking elsewhere (saved before links were checked) is not
    /// loaded</param>
    /// <param name="node">this node's name (it signs the reload announcements and the seed's datalog line)</param>
    public PendantStore(RedisStore redis, ScriptRegistry scripts, string node, IReadOnlyCollection<string> appSchemes)
    {
        _redis = redis;
        _node = node;
        _appSchemes = appSchemes;
        _seed = SeedScript(scripts);
        _save = SaveScript(scripts);
    }

    /// <summary>Every pendant this node knows, in id order.</summary>
    public IReadOnlyList<PendantDef> All => Volatile.Read(ref _snapshot).Defs;

    public long Version => Volatile.Read(ref _snapshot).Version;

    /// <summary>Raised after the cached definitions changed (on this node, after a reload that found a new version).</summary>
    public event Action? Changed;

    public PendantDef? Find(string id) => All.FirstOrDefault(d => d.Id == id);

    public static string ToJson(PendantDef def) => JsonSerializer.Serialize(def, ConfigLoader.Json);

    /// <summary>Listens for changes, applies the file when it changed since it was last applied, loads, and starts the periodic
    /// check.</summary>
    public async Task StartAsync(string fileText, PendantFile file)
    {
        _queue = await _redis.SubscribeAsync(s => s.SubscribeAsync(ReloadChannel)).ConfigureAwait(false);
        _queue.OnMessage(async _ => await TryReloadAsync("announced").ConfigureAwait(false));
        string sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fileText)));
        if (await _seed.CallAsync(new SeedArgs(sha, file.Pendants)).ConfigureAwait(false))
        {
            DataLog.Write("pendant seed", ("file", PendantFile.FileName), ("sha", sha), ("count", file.Pendants.Count), ("node", _node));
            await AnnounceAsync().ConfigureAwait(false);
        }
        await ReloadAsync().ConfigureAwait(false);
        _refreshLoop = RefreshLoopAsync(TimeSpan.FromSeconds(file.RefreshSeconds));
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_refreshLoop is not null) await _refreshLoop.ConfigureAwait(false);
        if (_queue is not null)
        {
            try
            {
                await _queue.UnsubscribeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
            {
                Log.Warn("pendant reload channel: unsubscribe failed: {Error}", ex.Message);
            }
        }
    }

    /// <summary>Creates, changes or removes one pendant, tells every node, and reloads this one before answering.</summary>
    public async Task<PendantSaveOutcome> SaveAsync(PendantSaveOp op, string id, PendantDef? def, string by)
    {
        string json = def is null ? "" : ToJson(def);
        var (outcome, version) = await _save.CallAsync(new SaveArgs(op, id, json)).ConfigureAwait(false);
        if (outcome != PendantSaveOutcome.Saved) return outcome;
        DataLog.Write("pendant " + SaveOps.Write(op), ("id", id), ("by", by), ("version", version), ("pendant", def is null ? null : json));
        await AnnounceAsync().ConfigureAwait(false);
        await ReloadAsync().ConfigureAwait(false);
        return PendantSaveOutcome.Saved;
    }

    private Task AnnounceAsync() => _redis.Subscriber.PublishAsync(ReloadChannel, _node);

    /// <summary>Reloads when the stored version differs from the cached one (or always, with <paramref name="force"/>).</summary>
    public async Task ReloadAsync(bool force = false)
    {
        await _reload.WaitAsync().ConfigureAwait(false);
        try
        {
            // The version is read first: a change landing during the read makes the next check load again.
            long version = (long?)await _redis.Db.StringGetAsync(VersionKey).ConfigureAwait(false) ?? 0;
            if (!force && version == Version) return;
            var entries = await _redis.Db.HashGetAllAsync(DefsKey).ConfigureAwait(false);
            var defs = new List<PendantDef>();
            foreach (var e in entries)
            {
                try
                {
                    var def = ConfigLoader.Parse<PendantDef>(e.Value.ToString(), "stored pendant " + e.Name);
                    var links = new OptionsValidator();
                    def.CheckLinks(links, _appSchemes);
                    if (links.Errors.Count > 0) throw new ConfigException($"stored pendant {e.Name}: {string.Join("; ", links.Errors)}");
                    defs.Add(def);
                }
                catch (ConfigException ex)
                {
                    Log.Error("skipping a stored pendant: {Error}", ex.Message);
                }
            }
            Volatile.Write(ref _snapshot, new Snapshot(version, defs.OrderBy(d => d.Id, StringComparer.Ordinal).ToList()));
            Log.Info("pendants loaded: {Count} (version {Version})", defs.Count, version.ToString(CultureInfo.InvariantCulture));
        }
        finally
        {
            _reload.Release();
        }
        Changed?.Invoke();
    }

    private async Task TryReloadAsync(string why)
    {
        try
        {
            await ReloadAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
        {
            Log.Warn("pendant reload ({Why}) failed: {Error}", why, ex.Message);
        }
        catch (Exception ex)
        {
            Log.Error(ex, "pendant reload ({Why}) failed", why);
        }
    }

    private async Task RefreshLoopAsync(TimeSpan period)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
                await TryReloadAsync("periodic").ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
