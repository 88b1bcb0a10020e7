using MessagePack;

namespace SocialGame.Client;

/// <summary>One frame the server sent: a response (with the request's seq, if it had one) or a push.</summary>
public sealed class Frame(int moduleType, int opId, long? seq, IReadOnlyDictionary<string, object?> data, byte[] body)
{
    public int ModuleType { get; } = moduleType;
    public int OpId { get; } = opId;
    public long? Seq { get; } = seq;
    public IReadOnlyDictionary<string, object?> Data { get; } = data;
    /// <summary>The whole MessagePack body as received.</summary>
    public byte[] Body { get; } = body;

    /// <summary>The <c>result</c> of a response (-1 when absent, as in a push).</summary>
    public int Result => Data.TryGetValue("result", out var r) && r is not null
        ? Convert.ToInt32(r, System.Globalization.CultureInfo.InvariantCulture) : -1;

    public long GetLong(string key) => Convert.ToInt64(Data[key], System.Globalization.CultureInfo.InvariantCulture);
    public string? GetString(string key) => Data.TryGetValue(key, out var v) ? v as string : null;

    /// <summary>An array of maps in <c>data</c> (e.g. a list of items), each with string keys.</summary>
    public IReadOnlyList<Dictionary<string, object?>> GetList(string key) =>
        Data.TryGetValue(key, out var v) && v is object?[] array ? array.OfType<Dictionary<string, object?>>().ToList() : [];

    /// <summary>A map in <c>data</c>, with string keys.</summary>
    public Dictionary<string, object?> GetMap(string key) =>
        Data.TryGetValue(key, out var v) && v is Dictionary<string, object?> map ? map : [];

    /// <summary>The body as JSON (for tools and test messages).</summary>
    public string ToJson() => MessagePackSerializer.ConvertToJson(Body);

    public override string ToString() => ToJson();
}
