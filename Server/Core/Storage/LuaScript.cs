using System.Reflection;
using StackExchange.Redis;

namespace SocialGame.Core.Storage;

/// <summary>
/// The arguments of one Lua script: they write the script's KEYS and ARGV in the order its header lists
/// them, in one place, so no call site assembles positional values.
/// </summary>
public interface IScriptArgs
{
    void Write(ScriptCall call);
}

/// <summary>
/// A Lua script with a typed contract: loaded once through the <see cref="ScriptRegistry"/> and called by
/// SHA (loaded again on NOSCRIPT); <typeparamref name="TArgs"/> writes KEYS and ARGV, and the reply is
/// parsed once into <typeparamref name="TResult"/>.
/// </summary>
public sealed class LuaScript<TArgs, TResult> where TArgs : IScriptArgs
{
    private readonly ScriptRegistry _registry;
    private readonly Func<ScriptReply, TResult> _parse;

    public LuaScript(ScriptRegistry registry, RedisScript script, Func<ScriptReply, TResult> parse)
    {
        _registry = registry;
        Script = script;
        _parse = parse;
    }

    /// <summary>
    /// The embedded <c>.lua</c> file <paramref name="fileName"/> of <paramref name="assembly"/>, with shared libraries prepended.
    /// </summary>
    public LuaScript(ScriptRegistry registry, Assembly assembly, string fileName, Func<ScriptReply, TResult> parse,
        params string[] libraries)
        : this(registry, registry.RegisterEmbedded(assembly, fileName, libraries), parse)
    {
    }

    public RedisScript Script { get; }

    /// <summary>
    /// A money write (ledger, payment, grab, getgoods, help): answered only once the replicas <c>redis.waitReplicas</c>
    /// asks for have it (WAIT on the master of its first key's slot; every key of one call shares that slot).
    /// </summary>
    public bool Durable { get; init; }

    public string Name => Script.Name;

    public async Task<TResult> CallAsync(TArgs args)
    {
        // the thread's reused call: its arrays are taken before the first wait
        var call = ScriptCall.ForThread();
        RedisKey[] keys;
        RedisValue[] argv;
        try
        {
            args.Write(call);
            keys = call.Keys;
            argv = call.Argv;
        }
        finally
        {
            call.Clear();
        }
        RedisResult raw;
        try
        {
            raw = await _registry.EvalShaAsync(Script, keys, argv).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ScriptRegistry.IsNoScript(ex))
        {
            raw = await _registry.ReloadAndEvalAsync(Script, keys, argv).ConfigureAwait(false);
        }
        if (Durable) await _registry.WaitForReplicasAsync(keys[0]).ConfigureAwait(false);
        return _parse(new ScriptReply(Script.Name, raw));
    }

    /// <summary>KEYS and ARGV as <paramref name="args"/> writes them (what <see cref="CallAsync"/> sends).</summary>
    public static ScriptCall Prepare(TArgs args)
    {
        var call = new ScriptCall();
        args.Write(call);
        return call;
    }
}
