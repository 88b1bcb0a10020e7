using StackExchange.Redis;

namespace SocialGame.Core.Storage;

/// <summary>
/// KEYS and ARGV of one script call, appended in order by an <see cref="IScriptArgs"/>. A call is made once per
/// thread and reused (<see cref="ForThread"/>): only the two arrays sent to Redis are allocated per call.
/// </summary>
public sealed class ScriptCall
{
    [ThreadStatic] private static ScriptCall? _current;
    private RedisKey[] _keys = new RedisKey[4];
    private RedisValue[] _argv = new RedisValue[16];
    private int _keyCount, _argCount;

    /// <summary>This thread's call, empty. Read its <see cref="Keys"/> and <see cref="Argv"/> before anything else runs on the
    /// thread.</summary>
    internal static ScriptCall ForThread()
    {
        var call = _current ??= new ScriptCall();
        call.Clear();
        return call;
    }

    public RedisKey[] Keys => _keys.AsSpan(0, _keyCount).ToArray();

    public RedisValue[] Argv => _argv.AsSpan(0, _argCount).ToArray();

    /// <summary>Empties the call (and lets go of the values it held).</summary>
    internal void Clear()
    {
        Array.Clear(_keys, 0, _keyCount);
        Array.Clear(_argv, 0, _argCount);
        _keyCount = _argCount = 0;
    }

    public ScriptCall Key(RedisKey key)
    {
        if (_keyCount == _keys.Length) Array.Resize(ref _keys, _keys.Length * 2);
        _keys[_keyCount++] = key;
        return this;
    }

    public ScriptCall Arg(RedisValue value)
    {
        if (_argCount == _argv.Length) Array.Resize(ref _argv, _argv.Length * 2);
        _argv[_argCount++] = value;
        return this;
    }

    public ScriptCall Args(params ReadOnlySpan<RedisValue> values)
    {
        foreach (var value in values) Arg(value);
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
        // a list by index: foreach over the interface would box its enumerator on every call
        if (items is IReadOnlyList<T> list)
        {
            for (int i = 0; i < list.Count; i++) write(this, list[i]);
            return this;
        }
        foreach (var item in items) write(this, item);
        return this;
    }
}
