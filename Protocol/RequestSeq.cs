using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using MessagePack;

namespace SocialGame.Protocol;

/// <summary>
/// A request's <c>seq</c> exactly as the client encoded it: any MessagePack integer (-2^63 to 2^64-1, in
/// whatever width the client chose) or a float with a whole value. The response echoes these bytes unchanged,
/// so the client gets back the very value it sent. The bytes (at most nine) are kept in the value itself: a request's
/// seq costs no allocation.
/// </summary>
public readonly struct RequestSeq : IEquatable<RequestSeq>
{
    /// <summary>The longest encoding: a type byte and eight bytes of value.</summary>
    public const int MaxLength = 9;

    private readonly SeqBytes _bytes;
    private readonly byte _length;

    private RequestSeq(ReadOnlySpan<byte> raw)
    {
        if (raw.Length > MaxLength) throw new ArgumentException($"a seq is at most {MaxLength} bytes", nameof(raw));
        raw.CopyTo(_bytes);
        _length = (byte)raw.Length;
    }

    /// <summary>The length of the encoded value.</summary>
    public int Length => _length;

    /// <summary>Writes the encoded value (one MessagePack integer or float); returns its length.</summary>
    public int WriteTo(Span<byte> destination)
    {
        ReadOnlySpan<byte> raw = _bytes;
        raw[.._length].CopyTo(destination);
        return _length;
    }

    /// <summary>The encoded value as a new array.</summary>
    public byte[] ToArray()
    {
        ReadOnlySpan<byte> raw = _bytes;
        return raw[.._length].ToArray();
    }

    /// <summary>A seq from its encoded bytes (the codec checked they are one integer or whole float).</summary>
    public static RequestSeq FromRaw(ReadOnlySpan<byte> raw) => new(raw);

    public static implicit operator RequestSeq(long value)
    {
        var buffer = new ArrayBufferWriter<byte>(MaxLength);
        var writer = new MessagePackWriter(buffer);
        writer.Write(value);
        writer.Flush();
        return new RequestSeq(buffer.WrittenSpan);
    }

    /// <summary>The value as text: an integer, or a float with its fraction (".0").</summary>
    public override string ToString()
    {
        if (_length == 0) return "";
        var reader = new MessagePackReader(ToArray());
        return reader.NextCode switch
        {
            MessagePackCode.UInt64 => reader.ReadUInt64().ToString(CultureInfo.InvariantCulture),
            MessagePackCode.Float32 or MessagePackCode.Float64 =>
                reader.ReadDouble().ToString("0.0##############", CultureInfo.InvariantCulture),
            _ => reader.ReadInt64().ToString(CultureInfo.InvariantCulture),
        };
    }

    public bool Equals(RequestSeq other)
    {
        ReadOnlySpan<byte> mine = _bytes, theirs = other._bytes;
        return mine[.._length].SequenceEqual(theirs[..other._length]);
    }

    public override bool Equals(object? obj) => obj is RequestSeq other && Equals(other);

    public override int GetHashCode()
    {
        ReadOnlySpan<byte> raw = _bytes;
        var hash = new HashCode();
        hash.AddBytes(raw[.._length]);
        return hash.ToHashCode();
    }

    public static bool operator ==(RequestSeq left, RequestSeq right) => left.Equals(right);
    public static bool operator !=(RequestSeq left, RequestSeq right) => !left.Equals(right);

    [InlineArray(MaxLength)]
    private struct SeqBytes
    {
        private byte _first;
    }
}
