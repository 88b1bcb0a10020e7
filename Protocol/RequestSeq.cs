using System.Buffers;
using System.Globalization;
using MessagePack;

namespace SocialGame.Protocol;

/// <summary>
/// A request's <c>seq</c> exactly as the client encoded it: any MessagePack integer (-2^63 to 2^64-1, in
/// whatever width the client chose) or a float with a whole value. The response echoes these bytes unchanged,
/// so the client gets back the very value it sent.
/// </summary>
public readonly struct RequestSeq : IEquatable<RequestSeq>
{
    private readonly byte[] _raw;

    private RequestSeq(byte[] raw) => _raw = raw;

    /// <summary>The encoded value (one MessagePack integer or float).</summary>
    public ReadOnlySpan<byte> Raw => _raw;

    /// <summary>A seq from its encoded bytes (the codec checked they are one integer or whole float).</summary>
    public static RequestSeq FromRaw(ReadOnlySpan<byte> raw) => new(raw.ToArray());

    public static implicit operator RequestSeq(long value)
    {
        var buffer = new ArrayBufferWriter<byte>(9);
        var writer = new MessagePackWriter(buffer);
        writer.Write(value);
        writer.Flush();
        return new RequestSeq(buffer.WrittenSpan.ToArray());
    }

    /// <summary>The value as text: an integer, or a float with its fraction (".0").</summary>
    public override string ToString()
    {
        if (_raw is null) return "";
        var reader = new MessagePackReader(_raw);
        return reader.NextCode switch
        {
            MessagePackCode.UInt64 => reader.ReadUInt64().ToString(CultureInfo.InvariantCulture),
            MessagePackCode.Float32 or MessagePackCode.Float64 =>
                reader.ReadDouble().ToString("0.0##############", CultureInfo.InvariantCulture),
            _ => reader.ReadInt64().ToString(CultureInfo.InvariantCulture),
        };
    }

    public bool Equals(RequestSeq other) => Raw.SequenceEqual(other.Raw);
    public override bool Equals(object? obj) => obj is RequestSeq other && Equals(other);
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Raw);
        return hash.ToHashCode();
    }

    public static bool operator ==(RequestSeq left, RequestSeq right) => left.Equals(right);
    public static bool operator !=(RequestSeq left, RequestSeq right) => !left.Equals(right);
}
