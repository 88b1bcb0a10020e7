using StackExchange.Redis;

namespace SocialGame.Core.Storage;

/// <summary>KEYS and ARGV of one script call, appended in order by an <see cref="IScriptArgs"/>.</summary>
public sealed class ScriptCall
{
    private readonly List<RedisKey> _keys = [];
    private readonly List<RedisValue> _argv = [];

    public RedisKey[] Keys => _keys.ToArray();

    public RedisValue[] Argv => _argv.ToArray();

    public ScriptCall Key(RedisKey key)
    {
        _keys.Add(key);
        return this;
    }

    public ScriptCall Arg(RedisValue value)
    {
        _argv.Add(value);
        return this;
    }

    public ScriptCall Args(params ReadOnlySpan<RedisValue> values)
    {
        foreach (var value in values) _argv.Add(value);
        return this;
    }

    public ScriptCall Flag(bool value) => Arg(value ? 1 : 0);

    /// <summary>A counted list: its length, then what <paramref name="write"/> writes for each element.</summary>
    public ScriptCall Counted<T>(IReadOnlyCollection<T> items, Action<ScriptCall, T> write)
    {
        Arg(items.Count);
        return Each(items, write);
    }

    /// <summary>An uncounted tail: what <paramref name="write"/> writes for each element (the script reads to the end of ARGV).</summary>
    public ScriptCall Each<T>(IEnumerable<T> items, Action<ScriptCall, T> write)
    {
        foreach (var item in items) write(this, item);
        return this;
    }
}
