using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using NLog;
using StackExchange.Redis;

namespace SocialGame.Core.Storage;

/// <summary>A Lua script known by name, with its SHA-1 computed locally.</summary>
public sealed class RedisScript(string name, string source)
{
    public string Name { get; } = name;
    public string Source { get; } = source;
    public byte[] Sha { get; } = SHA1.HashData(Encoding.UTF8.GetBytes(source));
    public override string ToString() => Name;
}

/// <summary>
/// Every Lua script of the server: registered once (duplicate names refused), loaded into Redis at
/// start-up, called by SHA (EVALSHA); on NOSCRIPT (Redis restarted or flushed) the script is loaded
/// again and the call retried once. A durable script's write waits for <paramref name="replicaWait"/> (none: no wait).
/// </summary>
public sealed class ScriptRegistry(RedisStore redis, ReplicaWait? replicaWait = null)
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly ConcurrentDictionary<string, RedisScript> _scripts = new();

    public IReadOnlyCollection<RedisScript> Scripts => _scripts.Values.ToList();

    public RedisScript Register(string name, string source)
    {
        var script = new RedisScript(name, source);
        if (!_scripts.TryAdd(name, script)) throw new InvalidOperationException($"Lua script '{name}' registered twice");
        return script;
    }

    /// <summary>
    /// Registers an embedded <c>.lua</c> resource of <paramref name="assembly"/> whose name ends with <paramref name="fileName"/>,
    /// with the embedded <paramref name="libraries"/> (helpers shared by several scripts) prepended in order.
    /// </summary>
    public RedisScript RegisterEmbedded(Assembly assembly, string fileName, params string[] libraries)
    {
        var source = new StringBuilder();
        foreach (var library in libraries) source.Append(ReadEmbedded(assembly, library)).Append('\n');
        source.Append(ReadEmbedded(assembly, fileName));
        return Register(Path.GetFileNameWithoutExtension(fileName), source.ToString());
    }

    private static string ReadEmbedded(Assembly assembly, string fileName)
    {
        string resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"embedded Lua script {fileName} not found in {assembly.GetName().Name}");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Loads every script into every connected server. Failures are logged; NOSCRIPT handling covers them later.</summary>
    public async Task LoadAllAsync()
    {
        foreach (var server in redis.Connection.GetServers())
        {
            if (!server.IsConnected) continue;
            foreach (var script in _scripts.Values)
            {
                try
                {
                    await server.ScriptLoadAsync(script.Source).ConfigureAwait(false);
                }
                catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
                {
                    Log.Warn("could not load Lua script {Script} into {Endpoint}: {Error}", script.Name, server.EndPoint, ex.Message);
                }
            }
        }
    }

    public async Task<RedisResult> EvalAsync(RedisScript script, RedisKey[] keys, RedisValue[] args)
    {
        try
        {
            return await EvalShaAsync(script, keys, args).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (IsNoScript(ex))
        {
            return await ReloadAndEvalAsync(script, keys, args).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// EVALSHA alone (a caller that awaits it itself saves a level): a NOSCRIPT fault is for <see cref="ReloadAndEvalAsync"/>.
    /// </summary>
    internal Task<RedisResult> EvalShaAsync(RedisScript script, RedisKey[] keys, RedisValue[] args) =>
        redis.Db.ScriptEvaluateAsync(script.Sha, keys, args);

    internal static bool IsNoScript(RedisServerException ex) => ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal);

    /// <summary>After NOSCRIPT (Redis restarted or flushed): loads the script again and calls it once more.</summary>
    internal async Task<RedisResult> ReloadAndEvalAsync(RedisScript script, RedisKey[] keys, RedisValue[] args)
    {
        Log.Info("Lua script {Script} missing in redis (restarted or flushed); loading it again", script.Name);
        await LoadOneAsync(script).ConfigureAwait(false);
        return await redis.Db.ScriptEvaluateAsync(script.Sha, keys, args).ConfigureAwait(false);
    }

    /// <summary>
    /// After a durable script's write to <paramref name="key"/>'s slot: waits until the replicas have it (when configured).
    /// </summary>
    public Task WaitForReplicasAsync(RedisKey key) => replicaWait?.AfterWriteAsync(key) ?? Task.CompletedTask;

    private async Task LoadOneAsync(RedisScript script)
    {
        foreach (var server in redis.Connection.GetServers())
            if (server.IsConnected && !server.IsReplica)
                await server.ScriptLoadAsync(script.Source).ConfigureAwait(false);
    }
}
