using System.Buffers.Binary;
using MessagePack;
using MessagePack.Resolvers;

namespace SocialGame.Client;

/// <summary>
/// The client side of the wire contract, written independently of the server's codec: a 4-byte
/// big-endian length, then a MessagePack map {module_type, opid, data, seq}.
/// </summary>
public static class ClientCodec
{
    /// <summary>Serialises anonymous objects, dictionaries and primitives as MessagePack maps by name.</summary>
    public static readonly MessagePackSerializerOptions Options =
        MessagePackSerializerOptions.Standard.WithResolver(ContractlessStandardResolver.Instance);

    public static byte[] EncodeFrame(int module, int opid, object? data, long? seq)
    {
        var body = new Dictionary<string, object?> { ["module_type"] = module, ["opid"] = opid };
        if (data is not null) body["data"] = data;
        if (seq is { } s) body["seq"] = s;
        return Prefix(MessagePackSerializer.Serialize(body, Options));
    }

    public static byte[] Prefix(byte[] body)
    {
        var frame = new byte[4 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)body.Length);
        body.CopyTo(frame, 4);
        return frame;
    }

    public static Frame DecodeBody(byte[] body)
    {
        var map = MessagePackSerializer.Deserialize<Dictionary<object, object?>>(body, Options);
        var top = Normalize(map);
        int module = Convert.ToInt32(top["module_type"], System.Globalization.CultureInfo.InvariantCulture);
        int opid = Convert.ToInt32(top["opid"], System.Globalization.CultureInfo.InvariantCulture);
        // a seq beyond the long range (echoed from a request that sent one) is not one of this client's
        long? seq = top.TryGetValue("seq", out var s) && s is not null and not (ulong and > long.MaxValue)
            ? Convert.ToInt64(s, System.Globalization.CultureInfo.InvariantCulture) : null;
        var data = top.TryGetValue("data", out var d) && d is Dictionary<string, object?> dm ? dm : new Dictionary<string, object?>();
        return new Frame(module, opid, seq, data, body);
    }

    /// <summary>Maps get string keys all the way down (also inside arrays), so callers index them by field name.</summary>
    private static Dictionary<string, object?> Normalize(Dictionary<object, object?> map) =>
        map.ToDictionary(kv => kv.Key.ToString()!, kv => NormalizeValue(kv.Value));

    private static object? NormalizeValue(object? value) => value switch
    {
        Dictionary<object, object?> inner => Normalize(inner),
        object?[] array => array.Select(NormalizeValue).ToArray(),
        _ => value,
    };
}
