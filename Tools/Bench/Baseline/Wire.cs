using System.Runtime.CompilerServices;
using DotNetty.Buffers;
using MessagePack;

namespace SocialGame.Baseline;

/// <summary>A request's seq exactly as sent (at most 9 bytes of MessagePack), echoed in its answer.</summary>
[InlineArray(9)]
internal struct SeqBytes
{
    private byte _first;
}

/// <summary>The fields of a request the baseline serves, read from the frame in place.</summary>
internal struct Request
{
    public int Module, OpId, SeqLength;
    public SeqBytes Seq;
    public long Id, Idx, GoodsId, DeviceType;
    public string? Acc, Code, Device;

    /// <summary>Reads one frame body (a MessagePack map) straight from the frame's buffer; false when malformed.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> body, out Request request)
    {
        request = default;
        try
        {
            var reader = new MessagePackReader(body);
            int n = reader.ReadMapHeader();
            for (int i = 0; i < n; i++)
            {
                if (!reader.TryReadStringSpan(out var key)) return false;
                if (key.SequenceEqual("module_type"u8)) request.Module = reader.ReadInt32();
                else if (key.SequenceEqual("opid"u8)) request.OpId = reader.ReadInt32();
                else if (key.SequenceEqual("seq"u8))
                {
                    long start = reader.Consumed;
                    reader.Skip();
                    var raw = body.Span.Slice((int)start, (int)(reader.Consumed - start));
                    if (raw.Length > 9) return false;
                    raw.CopyTo(request.Seq);
                    request.SeqLength = raw.Length;
                }
                else if (key.SequenceEqual("data"u8) && reader.NextMessagePackType == MessagePackType.Map)
                    ReadData(ref reader, ref request);
                else reader.Skip();
            }
            return request.OpId != 0;
        }
        catch (MessagePackSerializationException)
        {
            return false;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    private static void ReadData(ref MessagePackReader reader, ref Request request)
    {
        int n = reader.ReadMapHeader();
        for (int i = 0; i < n; i++)
        {
            if (!reader.TryReadStringSpan(out var key))
            {
                reader.Skip();
                reader.Skip();
                continue;
            }
            if (reader.NextMessagePackType == MessagePackType.Integer)
            {
                long value = reader.ReadInt64();
                if (key.SequenceEqual("id"u8)) request.Id = value;
                else if (key.SequenceEqual("idx"u8)) request.Idx = value;
                else if (key.SequenceEqual("goodsid"u8)) request.GoodsId = value;
                else if (key.SequenceEqual("devicetype"u8)) request.DeviceType = value;
            }
            else if (reader.NextMessagePackType == MessagePackType.String)
            {
                if (key.SequenceEqual("acc"u8)) request.Acc = reader.ReadString();
                else if (key.SequenceEqual("bargaincode"u8)) request.Code = reader.ReadString();
                else if (key.SequenceEqual("deviceid"u8)) request.Device = reader.ReadString();
                else reader.Skip();
            }
            else reader.Skip();
        }
    }
}

/// <summary>One answer or push frame: the length, then {module_type, opid, [seq], data}; data written by the caller.</summary>
internal static class Frames
{
    public static IByteBuffer Begin(IByteBufferAllocator allocator, int module, int opid, ReadOnlySpan<byte> seq,
        out MessagePackWriter writer)
    {
        var buffer = allocator.HeapBuffer(128);
        buffer.WriteInt(0);
        writer = new MessagePackWriter(ByteBufferWriter.On(buffer));
        writer.WriteMapHeader(seq.IsEmpty ? 3 : 4);
        writer.WriteString("module_type"u8);
        writer.Write(module);
        writer.WriteString("opid"u8);
        writer.Write(opid);
        if (!seq.IsEmpty)
        {
            writer.WriteString("seq"u8);
            writer.WriteRaw(seq);
        }
        writer.WriteString("data"u8);
        return buffer;
    }

    public static IByteBuffer End(IByteBuffer buffer, ref MessagePackWriter writer)
    {
        writer.Flush();
        buffer.SetInt(0, buffer.WriterIndex - 4);
        return buffer;
    }
}
