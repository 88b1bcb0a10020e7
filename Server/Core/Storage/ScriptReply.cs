using StackExchange.Redis;

namespace SocialGame.Core.Storage;

/// <summary>A Lua script answered something its contract does not allow (an unknown outcome, a missing field).</summary>
public sealed class ScriptContractException(string script, string message) : InvalidOperationException($"Lua script '{script}': {message}")
{
    public string Script { get; } = script;
}

/// <summary>
/// The raw reply of one script call, read by position with errors that name the script (a value: nothing allocated per call).
/// </summary>
public readonly struct ScriptReply(string script, RedisResult raw)
{
    public string Script { get; } = script;

    public RedisResult Raw { get; } = raw;

    public bool IsNull => Raw.IsNull;

    /// <summary>The number of elements of an array reply.</summary>
    public int Length => Raw.Resp2Type == ResultType.Array ? Raw.Length : throw Broken($"expected an array reply, got {Raw.Resp2Type}");

    public RedisResult this[int index] =>
        index < Length ? Raw[index] : throw Broken($"expected at least {index + 1} elements, got {Length}");

    public long Long() => (long)Raw;

    public long Long(int index) => (long)this[index];

    public int Int() => (int)Raw;

    public int Int(int index) => (int)this[index];

    /// <summary>A 0/1 reply.</summary>
    public bool Flag() => Int() == 1;

    public string String() => Raw.ToString();

    public string String(int index) => this[index].ToString();

    /// <summary>The whole reply as an outcome of <paramref name="codec"/>.</summary>
    public T Outcome<T>(StringCodec<T> codec) where T : struct, Enum => Outcome(codec, String());

    /// <summary>Element <paramref name="index"/> as an outcome of <paramref name="codec"/>.</summary>
    public T Outcome<T>(StringCodec<T> codec, int index) where T : struct, Enum => Outcome(codec, String(index));

    /// <summary><paramref name="text"/> (read from the reply) as an outcome of <paramref name="codec"/>; anything else is a broken
    /// contract.</summary>
    public T Outcome<T>(StringCodec<T> codec, string text) where T : struct, Enum =>
        codec.TryRead(text, out var value) ? value : throw Broken($"unknown outcome '{text}' (expected {codec.Expected})");

    public ScriptContractException Broken(string message) => new(Script, message);
}
