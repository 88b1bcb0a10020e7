using System.Buffers;
using System.Buffers.Binary;
using MessagePack;

namespace SocialGame.Protocol.Wire;

/// <summary>
/// The frame body codec of the wire contract: one MessagePack map with string keys
/// <c>module_type</c>, <c>opid</c>, <c>data</c>, <c>seq</c>. Pure functions, no transport types,
/// so the server pipeline and the tools share exactly one definition of a body.
/// </summary>
public static class EnvelopeCodec
{
    public const string KeyModuleType = "module_type";
    public const string KeyOpId = "opid";
    public const string KeyData = "data";
    public const string KeySeq = "seq";

    // each of the four keys' bit in the set of keys seen
    internal const int ModuleTypeBit = 1, OpIdBit = 2, DataBit = 4, SeqBit = 8;

    // the keys as written: MessagePack strings, encoded once
    private static readonly byte[] RawModuleType = RawKey(KeyModuleType);
    private static readonly byte[] RawOpId = RawKey(KeyOpId);
    private static readonly byte[] RawData = RawKey(KeyData);
    private static readonly byte[] RawSeq = RawKey(KeySeq);

    // the data of most requests without parameters (a client's empty table), shared instead of copied per request
    private static readonly ReadOnlyMemory<byte> EmptyMap = new byte[] { 0x80 };

    /// <summary>Deepest nesting accepted inside <c>data</c>; deeper bodies are malformed.</summary>
    public const int MaxDepth = 16;

    /// <summary>
    /// Decodes a body. Returns null and a one-line reason when the body is not MessagePack, not a map,
    /// lacks a whole-number <c>module_type</c>/<c>opid</c> (an integer, or a float with a whole value),
    /// nests deeper than <see cref="MaxDepth"/>, or has bytes after the map. A <c>seq</c> that is not a
    /// whole number still decodes, with <see cref="Envelope.BadField"/> naming it. Never throws.
    /// </summary>
    public static Envelope? TryDecode(ReadOnlyMemory<byte> body, out string? error)
    {
        error = null;
        return EnvelopeSpanReader.TryRead(body, out var envelope) ? envelope : TryDecodeFully(body, out error);
    }

    /// <summary><see cref="TryDecode"/> by the full reader alone: each body the span reader leaves, and the tests' reference.</summary>
    internal static Envelope? TryDecodeFully(ReadOnlyMemory<byte> body, out string? error)
    {
        try
        {
            return Decode(body, out error);
        }
        catch (Exception ex)
        {
            // Hostile input can make the reader throw several exception types (bad format, end of data,
            // lengths beyond the buffer, overflow); every one of them means the same: malformed.
            error = "malformed messagepack: " + ex.GetType().Name + ": " + ex.Message;
            return null;
        }
    }

    private static Envelope? Decode(ReadOnlyMemory<byte> body, out string? error)
    {
        var reader = new MessagePackReader(body);
        if (reader.End || reader.NextMessagePackType != MessagePackType.Map)
        {
            error = "body is not a map";
            return null;
        }
        int count = reader.ReadMapHeader();
        // the four keys of the contract seen (bits), and any other key's text (rare: made only when one comes)
        int seenKnown = 0;
        HashSet<string>? seenOther = null;
        int? module = null, opid = null;
        RequestSeq? seq = null;
        string? badField = null;
        ReadOnlyMemory<byte> data = ReadOnlyMemory<byte>.Empty;
        for (int i = 0; i < count; i++)
        {
            if (reader.NextMessagePackType != MessagePackType.String)
            {
                error = "map key is not a string";
                return null;
            }
            var (key, bit) = ReadKey(ref reader);
            bool duplicate = bit != 0 ? (seenKnown & bit) != 0 : key is not null && !(seenOther ??= new(StringComparer.Ordinal)).Add(key);
            seenKnown |= bit;
            if (duplicate)
            {
                error = $"duplicate key {key}";
                return null;
            }
            // by the key's bit: the contract's keys without comparing their text again
            switch (bit)
            {
                case ModuleTypeBit:
                    if (!WireNumbers.TryReadInt32(ref reader, out int m, out string mProblem))
                    {
                        error = "module_type is " + mProblem;
                        return null;
                    }
                    module = m;
                    break;
                case OpIdBit:
                    if (!WireNumbers.TryReadInt32(ref reader, out int o, out string oProblem))
                    {
                        error = "opid is " + oProblem;
                        return null;
                    }
                    opid = o;
                    break;
                case SeqBit:
                    if (reader.TryReadNil()) break;
                    long seqStart = reader.Consumed;
                    var kind = WireNumbers.TryReadWhole(ref reader, out _);
                    if (kind == WholeNumber.Ok)
                    {
                        seq = RequestSeq.FromRaw(body.Span.Slice((int)seqStart, (int)(reader.Consumed - seqStart)));
                        break;
                    }
                    if (kind == WholeNumber.NotNumber && !TrySkip(ref reader, 0)) { error = "seq nests too deep"; return null; }
                    badField = KeySeq;
                    break;
                case DataBit:
                    if (reader.TryReadNil()) break;
                    long start = reader.Consumed;
                    if (!TrySkip(ref reader, 0)) { error = "data nests too deep"; return null; }
                    var value = body.Slice((int)start, (int)(reader.Consumed - start));
                    data = OwnData(value);
                    break;
                default:
                    if (!TrySkip(ref reader, 0)) { error = "value nests too deep"; return null; }
                    break;
            }
        }
        if (!reader.End)
        {
            error = "bytes after the body map";
            return null;
        }
        if (module is null || opid is null)
        {
            error = module is null ? "module_type missing" : "opid missing";
            return null;
        }
        error = null;
        return new Envelope(module.Value, opid.Value, seq, data) { BadField = badField };
    }

    /// <summary>The bit of the contract's key <paramref name="utf8"/> names; 0 for any other key.</summary>
    internal static int KeyBit(ReadOnlySpan<byte> utf8) =>
        utf8.SequenceEqual("module_type"u8) ? ModuleTypeBit : utf8.SequenceEqual("opid"u8) ? OpIdBit
        : utf8.SequenceEqual("data"u8) ? DataBit : utf8.SequenceEqual("seq"u8) ? SeqBit : 0;

    /// <summary>A request's <c>data</c> as its own copy (the frame's bytes are reused): the shared empty map for an empty one.</summary>
    internal static ReadOnlyMemory<byte> OwnData(ReadOnlyMemory<byte> value) => value.Span is [0x80] ? EmptyMap : value.ToArray();

    /// <summary>
    /// A map key: one of the contract's four (its text is the constant, and a bit of its own) without allocating, any
    /// other as its text (bit 0).
    /// </summary>
    private static (string? Key, int Bit) ReadKey(ref MessagePackReader reader)
    {
        if (reader.TryReadStringSpan(out var span))
        {
            return KeyBit(span) switch
            {
                ModuleTypeBit => (KeyModuleType, ModuleTypeBit),
                OpIdBit => (KeyOpId, OpIdBit),
                DataBit => (KeyData, DataBit),
                SeqBit => (KeySeq, SeqBit),
                _ => (System.Text.Encoding.UTF8.GetString(span), 0),
            };
        }
        // a string split across segments (not in one frame buffer) is read as text
        string? key = reader.ReadString();
        return key switch
        {
            KeyModuleType => (key, ModuleTypeBit),
            KeyOpId => (key, OpIdBit),
            KeyData => (key, DataBit),
            KeySeq => (key, SeqBit),
            _ => (key, 0),
        };
    }

    /// <summary>Skips one value with a depth limit (the library's own skip recurses without one).</summary>
    private static bool TrySkip(ref MessagePackReader reader, int depth)
    {
        if (depth > MaxDepth) return false;
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Map:
            {
                int n = reader.ReadMapHeader();
                for (int i = 0; i < n * 2; i++)
                    if (!TrySkip(ref reader, depth + 1)) return false;
                return true;
            }
            case MessagePackType.Array:
            {
                int n = reader.ReadArrayHeader();
                for (int i = 0; i < n; i++)
                    if (!TrySkip(ref reader, depth + 1)) return false;
                return true;
            }
            default:
                reader.Skip();
                return true;
        }
    }

    /// <summary>
    /// Writes one whole frame (4-byte big-endian length, then the body map) for a response or push.
    /// <paramref name="data"/> is the already serialised <c>data</c> value.
    /// </summary>
    public static void WriteFrame(IBufferWriter<byte> output, int module, int opid, RequestSeq? seq, ReadOnlySpan<byte> data)
    {
        var body = new ArrayBufferWriter<byte>(32 + data.Length);
        WriteBody(body, module, opid, seq, data);
        Span<byte> prefix = output.GetSpan(4);
        BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)body.WrittenCount);
        output.Advance(4);
        output.Write(body.WrittenSpan);
    }

    private static byte[] RawKey(string key)
    {
        var output = new ArrayBufferWriter<byte>(16);
        var writer = new MessagePackWriter(output);
        writer.Write(key);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    /// <summary>The longest header <see cref="WriteHeader"/> writes: the map, four keys, two integers and a seq.</summary>
    public const int MaxHeaderLength = 64;

    /// <summary>The body map up to the <c>data</c> value (written next by the caller); returns the bytes written.</summary>
    public static int WriteHeader(Span<byte> output, int module, int opid, RequestSeq? seq)
    {
        output[0] = (byte)(seq.HasValue ? 0x84 : 0x83); // fixmap
        int at = 1;
        RawModuleType.CopyTo(output[at..]);
        at += RawModuleType.Length;
        at += WriteInt(output[at..], module);
        RawOpId.CopyTo(output[at..]);
        at += RawOpId.Length;
        at += WriteInt(output[at..], opid);
        if (seq.HasValue)
        {
            RawSeq.CopyTo(output[at..]);
            at += RawSeq.Length;
            at += seq.Value.WriteTo(output[at..]);
        }
        RawData.CopyTo(output[at..]);
        return at + RawData.Length;
    }

    /// <summary>An integer in its shortest MessagePack form (as MessagePack-CSharp writes it).</summary>
    private static int WriteInt(Span<byte> output, int value)
    {
        switch (value)
        {
            case >= 0 and <= 0x7f:
            case < 0 and >= -32:
                output[0] = (byte)value;
                return 1;
            case > 0 and <= byte.MaxValue:
                output[0] = MessagePackCode.UInt8;
                output[1] = (byte)value;
                return 2;
            case > 0 and <= ushort.MaxValue:
                output[0] = MessagePackCode.UInt16;
                BinaryPrimitives.WriteUInt16BigEndian(output[1..], (ushort)value);
                return 3;
            case > 0:
                output[0] = MessagePackCode.UInt32;
                BinaryPrimitives.WriteUInt32BigEndian(output[1..], (uint)value);
                return 5;
            case >= sbyte.MinValue:
                output[0] = MessagePackCode.Int8;
                output[1] = (byte)value;
                return 2;
            case >= short.MinValue:
                output[0] = MessagePackCode.Int16;
                BinaryPrimitives.WriteInt16BigEndian(output[1..], (short)value);
                return 3;
            default:
                output[0] = MessagePackCode.Int32;
                BinaryPrimitives.WriteInt32BigEndian(output[1..], value);
                return 5;
        }
    }

    /// <summary>Writes the body map only (no length prefix).</summary>
    public static void WriteBody(IBufferWriter<byte> output, int module, int opid, RequestSeq? seq, ReadOnlySpan<byte> data)
    {
        int header = WriteHeader(output.GetSpan(MaxHeaderLength), module, opid, seq);
        output.Advance(header);
        if (data.IsEmpty)
        {
            output.GetSpan(1)[0] = MessagePackCode.Nil;
            output.Advance(1);
        }
        else
        {
            output.Write(data);
        }
    }
}
