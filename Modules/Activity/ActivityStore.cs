using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NLog;
using SocialGame.Core.Jobs;
using SocialGame.Core.Logging;
using SocialGame.Core.Options;
using SocialGame.Core.Storage;
using StackExchange.Redis;

namespace SocialGame.Modules.Activity;

/// <summary>How an activity is opened or closed by hand: open or closed whatever its window says, or back to its window.</summary>
internal enum ActivityOverride
{
    Auto,
    Open,
    Close,
}

/// <summary>A set of activities as the admin API takes it and Redis keeps it.</summary>
internal sealed class ActivitySet : IValidatableOptions
{
    public List<ActivityDef> Activities { get; set => field = value ?? []; } = [];

    /// <summary>Parsing only: the set is validated against the running zone and schemes by
    /// <see cref="ActivityFile.ValidateActivities"/>.</summary>
    public void Validate(OptionsValidator v)
    {
    }
}

/// <summary>
/// The running activities and their hand overrides: kept in Redis (seeded from Config/activities.json when the file changed,
/// replaced by operators or by <c>//gm activity reload</c>), cached on every node. A change is announced on a channel every node
/// listens to; a periodic version check catches an announcement a node missed.
/// </summary>
internal sealed class ActivityStore
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private static readonly StringCodec<ActivityOverride> Overrides = StringCodec<ActivityOverride>.SnakeCase("activity override");
    private readonly RedisStore _redis;
    private readonly string _node;
    private readonly LuaScript<SaveArgs, long> _save;
    private readonly SemaphoreSlim _reload = new(1, 1);
    private Snapshot _snapshot = new(-1, [], new Dictionary<string, ActivityOverride>());
    private ChannelMessageQueue? _queue;
    private PeriodicJob? _refresh;

    public sealed record Snapshot(long Version, IReadOnlyList<ActivityDef> Activities,
        IReadOnlyDictionary<string, ActivityOverride> Overrides);

    public ActivityStore(RedisStore redis, ScriptRegistry scripts, string node)
    {
        _redis = redis;
        _node = node;
        _save = new(scripts, typeof(ActivityStore).Assembly, "activity_save.lua", r => r.Long());
    }

    public Snapshot Current => Volatile.Read(ref _snapshot);

    public ActivityDef? Find(string id) => Current.Activities.FirstOrDefault(a => a.Id == id);

    public static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string ToJson(IReadOnlyList<ActivityDef> activities) =>
        JsonSerializer.Serialize(new ActivitySet { Activities = [.. activities] }, ConfigLoader.Json);

    /// <summary>Listens for changes, applies the file when it changed since it was last applied, loads, and starts the periodic
    /// check.</summary>
    public async Task StartAsync(string fileText, ActivityFile file)
    {
        _queue = await _redis.SubscribeAsync(s => s.SubscribeAsync(ActivityKeys.Reload)).ConfigureAwait(false);
        _queue.OnMessage(async _ =>
        {
            try
            {
                await ReloadAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
            {
                Log.Warn("activity reload (announced) failed: {Error}", ex.Message);
            }
        });
        string sha = Digest(fileText);
        long version = await _save.CallAsync(new SaveArgs("seed", ToJson(file.Activities), sha)).ConfigureAwait(false);
        if (version > 0)
        {
            DataLog.Write("activity seed", ("file", ActivityFile.FileName), ("sha", sha), ("count", file.Activities.Count), ("node", _node),
                ("version", version));
            await AnnounceAsync().ConfigureAwait(false);
        }
        await ReloadAsync().ConfigureAwait(false);
        _refresh = PeriodicJob.Start("activity refresh", TimeSpan.FromSeconds(file.RefreshSeconds), _ => ReloadAsync());
    }

    public async Task StopAsync()
    {
        if (_refresh is not null) await _refresh.StopAsync().ConfigureAwait(false);
        if (_queue is not null) await _queue.UnsubscribeAsync().ConfigureAwait(false);
    }

    /// <summary>Replaces every activity (validated by the caller); <paramref name="fileDigest"/> when it is the file's content.</summary>
    public async Task<long> ReplaceAsync(IReadOnlyList<ActivityDef> activities, string fileDigest, string by)
    {
        string json = ToJson(activities);
        long version = await _save.CallAsync(new SaveArgs("replace", json, fileDigest)).ConfigureAwait(false);
        DataLog.Write("activity replace", ("by", by), ("version", version), ("count", activities.Count), ("activities", json));
        await ChangedAsync().ConfigureAwait(false);
        return version;
    }

    /// <summary>Opens or closes an activity by hand, whatever its window says, or gives it back to its window.</summary>
    public async Task<long> OverrideAsync(string id, ActivityOverride state, string by)
    {
        long version = await _save.CallAsync(new SaveArgs("override", id, Overrides.Write(state))).ConfigureAwait(false);
        DataLog.Write("activity override", ("id", id), ("state", Overrides.Write(state)), ("by", by), ("version", version));
        await ChangedAsync().ConfigureAwait(false);
        return version;
    }

    private async Task ChangedAsync()
    {
        await AnnounceAsync().ConfigureAwait(false);
        await ReloadAsync().ConfigureAwait(false);
    }

    private Task AnnounceAsync() => _redis.Subscriber.PublishAsync(ActivityKeys.Reload, _node);

    /// <summary>Reloads when the stored version differs from the cached one.</summary>
    public async Task ReloadAsync()
    {
        await _reload.WaitAsync().ConfigureAwait(false);
        try
        {
            // The version is read first: a change landing during the read makes the next check load again.
            long version = (long?)await _redis.Db.StringGetAsync(ActivityKeys.Version).ConfigureAwait(false) ?? 0;
            if (version == Current.Version) return;
            string json = (string?)await _redis.Db.StringGetAsync(ActivityKeys.Defs).ConfigureAwait(false) ?? "{}";
            var overrides = await _redis.Db.HashGetAllAsync(ActivityKeys.Overrides).ConfigureAwait(false);
            List<ActivityDef> activities;
            try
            {
                activities = ConfigLoader.Parse<ActivitySet>(json, "stored activities").Activities;
            }
            catch (ConfigException ex)
            {
                Log.Error("stored activities unreadable, keeping the running ones: {Error}", ex.Message);
                return;
            }
            var byId = new Dictionary<string, ActivityOverride>();
            foreach (var o in overrides)
                if (Overrides.TryRead(o.Value.ToString(), out var state)) byId[o.Name.ToString()] = state;
            Volatile.Write(ref _snapshot, new Snapshot(version, activities, byId));
            Log.Info("activities loaded: {Count} (version {Version})", activities.Count, version.ToString(CultureInfo.InvariantCulture));
        }
        finally
        {
            _reload.Release();
        }
    }

    public static string OverrideName(ActivityOverride state) => Overrides.Write(state);

    /// <summary><c>activity_save.lua</c>: the op, then two arguments as its header lists them.</summary>
    private sealed record SaveArgs(string Op, string First, string Second) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(ActivityKeys.Defs).Key(ActivityKeys.Version).Key(ActivityKeys.Seed)
            .Key(ActivityKeys.Overrides).Args(Op, First, Second);
    }
}
