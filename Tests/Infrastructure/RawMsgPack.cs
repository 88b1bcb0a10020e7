using System.Buffers;
using System.Buffers.Binary;
using MessagePack;

namespace SocialGame.Tests.Infrastructure;

/// <summary>
/// MessagePack bytes written by hand, as other client libraries write them (floats for whole numbers, empty
/// arrays for empty tables, uint64 seqs), and the top-level fields of what the server sent back, as raw bytes.
/// </summary>
public static class RawMsgPack
{
    public static readonly byte[] NilValue = [0xc0];
    public static readonly byte[] EmptyArray = [0x90];
    public static readonly byte[] EmptyMap = [0x80];

    public static byte[] Int(long value) => Write((ref MessagePackWriter w) => w.Write(value));
    public static byte[] UInt64(ulong value) => [0xcf, .. BigEndian(value)];
    /// <summary>A 64-bit float (<c>cb</c>), as Lua 5.3 packs 1.0.</summary>
    public static byte[] F64(double value) => [0xcb, .. BigEndian((ulong)BitConverter.DoubleToInt64Bits(value))];
    /// <summary>A 32-bit float (<c>ca</c>).</summary>
    public static byte[] F32(float value)
    {
        var bytes = new byte[5];
        bytes[0] = 0xca;
        BinaryPrimitives.WriteSingleBigEndian(bytes.AsSpan(1), value);
        return bytes;
    }
    public static byte[] Str(string value) => Write((ref MessagePackWriter w) => w.Write(value));

    public static byte[] Map(params (string Key, byte[] Value)[] fields) => Write((ref MessagePackWriter w) =>
    {
        w.WriteMapHeader(fields.Length);
        foreach (var (key, value) in fields)
        {
            w.Write(key);
            w.WriteRaw(value);
        }
    });

    /// <summary>A whole frame: the length prefix and a body map of these raw fields.</summary>
    public static byte[] Frame(params (string Key, byte[] Value)[] fields)
    {
        byte[] body = Map(fields);
        byte[] frame = new byte[4 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)body.Length);
        body.CopyTo(frame, 4);
        return frame;
    }

    /// <summary>The top-level fields of a body, each as its raw bytes.</summary>
    public static Dictionary<string, byte[]> Fields(ReadOnlyMemory<byte> body)
    {
        var reader = new MessagePackReader(body);
        int count = reader.ReadMapHeader();
        var fields = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = reader.ReadString()!;
            var start = reader.Position;
            reader.Skip();
            fields[key] = reader.Sequence.Slice(start, reader.Position).ToArray();
        }
        return fields;
    }

    private static byte[] BigEndian(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    private delegate void Writing(ref MessagePackWriter writer);

    private static byte[] Write(Writing write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
