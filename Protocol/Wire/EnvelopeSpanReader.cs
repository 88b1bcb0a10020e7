using System.Buffers.Binary;
using MessagePack;

namespace SocialGame.Protocol.Wire;

/// <summary>
/// The envelope as clients write nearly all of them, read straight from its bytes: a map of at most 15 entries whose keys
/// are the contract's four (each once), <c>module_type</c> and <c>opid</c> as integers of up to 32 bits, <c>seq</c> nil
/// or an integer, <c>data</c> nil or any value. Anything else (another key, a float, a malformed or truncated body, a
/// value nested too deep) is left to <see cref="EnvelopeCodec"/>'s full reader, which reads it or says what is wrong:
/// what this accepts, the full reader reads to the same envelope (a test compares the two on many bodies).
/// </summary>
internal static class EnvelopeSpanReader
{
    private const byte FixMap = 0x80, FixArray = 0x90, FixStr = 0xa0;

    public static bool TryRead(ReadOnlyMemory<byte> memory, out Envelope envelope)
    {
        envelope = null!;
        var body = memory.Span;
        if (body.IsEmpty || (body[0] & 0xf0) != FixMap) return false;
        int count = body[0] & 0x0f, at = 1, seen = 0;
        int module = 0, opid = 0;
        RequestSeq? seq = null;
        var data = ReadOnlyMemory<byte>.Empty;
        for (int i = 0; i < count; i++)
        {
            int bit = Key(body, ref at);
            if (bit == 0 || (seen & bit) != 0) return false;
            seen |= bit;
            bool read = bit switch
            {
                EnvelopeCodec.ModuleTypeBit => TryInt32(body, ref at, out module),
                EnvelopeCodec.OpIdBit => TryInt32(body, ref at, out opid),
                EnvelopeCodec.DataBit => TryData(memory, ref at, out data),
                _ => TrySeq(body, ref at, out seq),
            };
            if (!read) return false;
        }
        const int Addressed = EnvelopeCodec.ModuleTypeBit | EnvelopeCodec.OpIdBit;
        if (at != body.Length || (seen & Addressed) != Addressed) return false;
        envelope = new Envelope(module, opid, seq, data);
        return true;
    }

    /// <summary><c>data</c>: nil (none), or one value of any type, copied (the shared empty map for an empty one).</summary>
    private static bool TryData(ReadOnlyMemory<byte> memory, ref int at, out ReadOnlyMemory<byte> data)
    {
        data = ReadOnlyMemory<byte>.Empty;
        var body = memory.Span;
        if (!TryNil(body, ref at, out bool nil)) return false;
        if (nil) return true;
        int start = at;
        if (!TrySkip(body, ref at, 0)) return false;
        data = EnvelopeCodec.OwnData(memory[start..at]);
        return true;
    }

    /// <summary><c>seq</c>: nil (none) or an integer, kept as its bytes; a float or anything else goes to the full reader.</summary>
    private static bool TrySeq(ReadOnlySpan<byte> body, ref int at, out RequestSeq? seq)
    {
        seq = null;
        if (!TryNil(body, ref at, out bool nil)) return false;
        if (nil) return true;
        int length = IntegerLength(body[at]);
        if (length == 0 || body.Length - at < length) return false;
        seq = RequestSeq.FromRaw(body.Slice(at, length));
        at += length;
        return true;
    }

    /// <summary>Past a nil (<paramref name="nil"/>) if one is next; false when the body ends before a value.</summary>
    private static bool TryNil(ReadOnlySpan<byte> body, ref int at, out bool nil)
    {
        nil = false;
        if (at >= body.Length) return false;
        nil = body[at] == MessagePackCode.Nil;
        if (nil) at++;
        return true;
    }

    /// <summary>One of the four keys as a short string, by its bit in <see cref="EnvelopeCodec"/>'s order; 0 for anything else.</summary>
    private static int Key(ReadOnlySpan<byte> body, ref int at)
    {
        if (at >= body.Length || (body[at] & 0xe0) != FixStr) return 0;
        int length = body[at] & 0x1f;
        if (body.Length - at - 1 < length) return 0;
        int bit = EnvelopeCodec.KeyBit(body.Slice(at + 1, length));
        if (bit != 0) at += 1 + length;
        return bit;
    }

    /// <summary>An integer in the int range written in at most 32 bits; false (nothing read) for anything else.</summary>
    private static bool TryInt32(ReadOnlySpan<byte> body, ref int at, out int value)
    {
        value = 0;
        if (at >= body.Length) return false;
        byte code = body[at];
        int length = IntegerLength(code);
        if (length == 0 || body.Length - at < length) return false;
        var rest = body.Slice(at + 1);
        long read;
        switch (code)
        {
            case <= MessagePackCode.MaxFixInt: read = code; break;
            case >= MessagePackCode.MinNegativeFixInt: read = (sbyte)code; break;
            case MessagePackCode.UInt8: read = rest[0]; break;
            case MessagePackCode.UInt16: read = BinaryPrimitives.ReadUInt16BigEndian(rest); break;
            case MessagePackCode.UInt32: read = BinaryPrimitives.ReadUInt32BigEndian(rest); break;
            case MessagePackCode.Int8: read = (sbyte)rest[0]; break;
            case MessagePackCode.Int16: read = BinaryPrimitives.ReadInt16BigEndian(rest); break;
            case MessagePackCode.Int32: read = BinaryPrimitives.ReadInt32BigEndian(rest); break;
            default: return false; // 64-bit: the full reader says whether it fits
        }
        if (read > int.MaxValue) return false;
        value = (int)read;
        at += length;
        return true;
    }

    /// <summary>The bytes of an integer starting with <paramref name="code"/> (code included); 0 when it is no integer.</summary>
    private static int IntegerLength(byte code) => code switch
    {
        <= MessagePackCode.MaxFixInt or >= MessagePackCode.MinNegativeFixInt => 1,
        MessagePackCode.UInt8 or MessagePackCode.Int8 => 2,
        MessagePackCode.UInt16 or MessagePackCode.Int16 => 3,
        MessagePackCode.UInt32 or MessagePackCode.Int32 => 5,
        MessagePackCode.UInt64 or MessagePackCode.Int64 => 9,
        _ => 0,
    };

    /// <summary>
    /// Past one value of any type, nested at most <see cref="EnvelopeCodec.MaxDepth"/> deep as the full reader allows; false
    /// when the value is cut short, deeper, or starts with the one code MessagePack never uses.
    /// </summary>
    private static bool TrySkip(ReadOnlySpan<byte> body, ref int at, int depth)
    {
        if (depth > EnvelopeCodec.MaxDepth || at >= body.Length) return false;
        byte code = body[at];
        long items = 0, bytes;
        switch (code)
        {
            case <= MessagePackCode.MaxFixInt or >= MessagePackCode.MinNegativeFixInt:
            case MessagePackCode.Nil or MessagePackCode.False or MessagePackCode.True:
                bytes = 1;
                break;
            case < FixArray:
                items = 2 * (code & 0x0f);
                bytes = 1;
                break;
            case < FixStr:
                items = code & 0x0f;
                bytes = 1;
                break;
            case <= MessagePackCode.MaxFixStr:
                bytes = 1 + (code & 0x1f);
                break;
            default:
                if (!Sized(body, at, code, out bytes, out items)) return false;
                break;
        }
        if (body.Length - at < bytes) return false;
        at += (int)bytes;
        for (long i = 0; i < items; i++)
            if (!TrySkip(body, ref at, depth + 1)) return false;
        return true;
    }

    /// <summary>
    /// A value whose first byte is 0xc1-0xdf: its own bytes (code, length and payload) and the items it holds; false for 0xc1
    /// or a length cut short.
    /// </summary>
    private static bool Sized(ReadOnlySpan<byte> body, int at, byte code, out long bytes, out long items)
    {
        items = 0;
        bytes = 0;
        // the width of the length (or count) field after the code, and the bytes after it besides the payload
        (int width, int fixedBytes, int perItem) = code switch
        {
            MessagePackCode.Bin8 or MessagePackCode.Str8 => (1, 0, 0),
            MessagePackCode.Bin16 or MessagePackCode.Str16 => (2, 0, 0),
            MessagePackCode.Bin32 or MessagePackCode.Str32 => (4, 0, 0),
            MessagePackCode.Ext8 => (1, 1, 0),
            MessagePackCode.Ext16 => (2, 1, 0),
            MessagePackCode.Ext32 => (4, 1, 0),
            MessagePackCode.Array16 => (2, 0, 1),
            MessagePackCode.Array32 => (4, 0, 1),
            MessagePackCode.Map16 => (2, 0, 2),
            MessagePackCode.Map32 => (4, 0, 2),
            _ => (0, FixedLength(code), 0),
        };
        if (width == 0)
        {
            bytes = fixedBytes;
            return fixedBytes > 0;
        }
        if (body.Length - at - 1 < width) return false;
        var field = body.Slice(at + 1, width);
        long n = width switch
        {
            1 => field[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(field),
            _ => BinaryPrimitives.ReadUInt32BigEndian(field),
        };
        if (perItem > 0)
        {
            items = n * perItem;
            bytes = 1 + width;
        }
        else bytes = 1 + width + fixedBytes + n;
        return true;
    }

    /// <summary>The whole length of a value of fixed size (numbers, fixext) among 0xc1-0xdf; 0 for 0xc1 and the sized codes.</summary>
    private static int FixedLength(byte code) => code switch
    {
        MessagePackCode.Float32 => 5,
        MessagePackCode.Float64 => 9,
        MessagePackCode.FixExt1 => 3,
        MessagePackCode.FixExt2 => 4,
        MessagePackCode.FixExt4 => 6,
        MessagePackCode.FixExt8 => 10,
        MessagePackCode.FixExt16 => 18,
        _ => IntegerLength(code),
    };
}
