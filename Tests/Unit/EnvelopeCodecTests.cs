using System.Buffers;
using System.Globalization;
using MessagePack;
using SocialGame.Client;
using SocialGame.Protocol;
using SocialGame.Protocol.Wire;

namespace SocialGame.Tests.Unit;

public class EnvelopeCodecTests
{
    private static byte[] Body(object map) => MessagePackSerializer.Serialize(map, ClientCodec.Options);

    [Test]
    public void DecodesAClientFrameWithSeqAndData()
    {
        var body = Body(new Dictionary<string, object?> { ["module_type"] = 6, ["opid"] = 4, ["seq"] = 77L,
            ["data"] = new Dictionary<string, object?> { ["id"] = 1 } });
        var envelope = EnvelopeCodec.TryDecode(body, out var error);
        Assert.That(error, Is.Null);
        Assert.That(envelope!.ModuleType, Is.EqualTo(6));
        Assert.That(envelope.OpId, Is.EqualTo(4));
        Assert.That(envelope.Seq?.ToString(), Is.EqualTo("77"), "the value (its bytes are echoed as the client wrote them)");
        Assert.That(MessagePackSerializer.ConvertToJson(envelope.Data), Is.EqualTo("{\"id\":1}"));
    }

    [Test]
    public void DataAndSeqMayBeAbsentAndUnknownKeysAreSkipped()
    {
        var envelope = EnvelopeCodec.TryDecode(Body(new Dictionary<string, object?> { ["opid"] = 2, ["module_type"] = 1,
            ["extra"] = new[] { 1, 2 } }), out _);
        Assert.That(envelope, Is.Not.Null);
        Assert.That(envelope!.Seq, Is.Null);
        Assert.That(envelope.Data.IsEmpty, Is.True);
    }

    [TestCase("not a map")]
    [TestCase("missing opid")]
    [TestCase("string module_type")]
    [TestCase("fractional opid")]
    [TestCase("trailing bytes")]
    [TestCase("truncated")]
    [TestCase("int key")]
    [TestCase("huge module_type")]
    [TestCase("duplicate key")]
    [TestCase("string length beyond the body")]
    [TestCase("huge map header")]
    public void MalformedBodiesAreRefusedWithAReason(string kind)
    {
        byte[] body = kind switch
        {
            "not a map" => Body(new[] { 1, 2, 3 }),
            "missing opid" => Body(new Dictionary<string, object?> { ["module_type"] = 1 }),
            "string module_type" => Body(new Dictionary<string, object?> { ["module_type"] = "1", ["opid"] = 1 }),
            "fractional opid" => Body(new Dictionary<string, object?> { ["module_type"] = 1, ["opid"] = 1.5 }),
            "trailing bytes" => [.. Body(new Dictionary<string, object?> { ["module_type"] = 1, ["opid"] = 1 }), 0xc0],
            "truncated" => Body(new Dictionary<string, object?> { ["module_type"] = 1, ["opid"] = 1, ["data"] = "abcdef" })[..^3],
            "int key" => Body(new Dictionary<object, object?> { [1] = 1, ["opid"] = 1 }),
            "huge module_type" => Body(new Dictionary<string, object?> { ["module_type"] = long.MaxValue, ["opid"] = 1 }),
            "duplicate key" => [0x83, .. Body("module_type"), 0x01, .. Body("opid"), 0x01, .. Body("opid"), 0x02],
            "string length beyond the body" => [0x81, 0xdb, 0xff, 0xff, 0xff, 0xff, 0x61],
            "huge map header" => [0xdf, 0xff, 0xff, 0xff, 0xff, 0xa1, 0x61],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        Assert.That(EnvelopeCodec.TryDecode(body, out var error), Is.Null);
        Assert.That(error, Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public void DeepNestingIsRefusedWithoutRecursingIntoIt()
    {
        // {"module_type":1,"opid":1,"data":[[[[...]]]]} nested 60,000 deep: the library's own skip would overflow the stack.
        var prefix = Body(new Dictionary<string, object?> { ["module_type"] = 1, ["opid"] = 1 });
        var writer = new ArrayBufferWriter<byte>();
        var w = new MessagePackWriter(writer);
        w.WriteMapHeader(3);
        w.Write("module_type"); w.Write(1);
        w.Write("opid"); w.Write(1);
        w.Write("data");
        for (int i = 0; i < 60_000; i++) w.WriteArrayHeader(1);
        w.WriteNil();
        w.Flush();
        Assert.That(prefix, Is.Not.Empty);
        Assert.That(EnvelopeCodec.TryDecode(writer.WrittenMemory, out var error), Is.Null);
        Assert.That(error, Does.Contain("deep"));
    }

    [Test]
    public void ServerFramesDecodeWithTheIndependentClientCodec()
    {
        var output = new ArrayBufferWriter<byte>();
        var data = ProtocolSerializer.SerializeData(new Protocol.Messages.System.HeartbeatResponse { Result = 0, ServerTime = 123 });
        EnvelopeCodec.WriteFrame(output, 1, 2, 9, data);
        var frame = output.WrittenSpan.ToArray();
        Assert.That(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(frame), Is.EqualTo(frame.Length - 4));
        var decoded = ClientCodec.DecodeBody(frame[4..]);
        Assert.That((decoded.ModuleType, decoded.OpId, decoded.Seq, decoded.Result), Is.EqualTo((1, 2, (long?)9, 0)));
        Assert.That(decoded.GetLong("servertime"), Is.EqualTo(123));
    }

    [Test]
    public void ASeqKeepsItsBytesAsSentAndComparesByThem()
    {
        var wide = RequestSeq.FromRaw([0xd2, 0, 0, 0, 7]); // 7 as an int32
        RequestSeq narrow = 7;
        Assert.That(narrow.ToArray(), Is.EqualTo(new byte[] { 7 }));
        Assert.That((wide.ToString(), wide.Length), Is.EqualTo(("7", 5)));
        Assert.That(wide, Is.Not.EqualTo(narrow));
        Assert.That(RequestSeq.FromRaw([0xd2, 0, 0, 0, 7]), Is.EqualTo(wide));
        Assert.That(RequestSeq.FromRaw([0xd2, 0, 0, 0, 7]).GetHashCode(), Is.EqualTo(wide.GetHashCode()));
        var longest = RequestSeq.FromRaw([0xcf, 255, 255, 255, 255, 255, 255, 255, 255]);
        Assert.That(longest.ToString(), Is.EqualTo(ulong.MaxValue.ToString(CultureInfo.InvariantCulture)));
        Assert.That(() => RequestSeq.FromRaw(new byte[10]), Throws.ArgumentException);
    }

    [Test]
    public void AnAnswerBodyIsTheMapAMessagePackWriterWritesForEveryIntegerAndSeq()
    {
        // module and opid are echoed from the request, so any int32 may come back; seq is echoed as the client encoded it
        int[] numbers = [0, 1, 31, 127, 128, 255, 256, 65535, 65536, int.MaxValue, -1, -32, -33, -128, -129, -32768, -32769,
            int.MinValue];
        RequestSeq?[] seqs =
            [null, 0, 7, 300, -5, long.MaxValue, RequestSeq.FromRaw([MessagePackCode.Float64, 0x40, 0x22, 0, 0, 0, 0, 0, 0])];
        byte[][] datas = [[], [0x81, 0xa6, (byte)'r', (byte)'e', (byte)'s', (byte)'u', (byte)'l', (byte)'t', 0x00]];
        foreach (int module in numbers)
        foreach (int opid in numbers.Take(6))
        foreach (var seq in seqs)
        foreach (var data in datas)
        {
            var expected = new ArrayBufferWriter<byte>();
            var writer = new MessagePackWriter(expected);
            writer.WriteMapHeader(seq.HasValue ? 4 : 3);
            writer.Write("module_type");
            writer.Write(module);
            writer.Write("opid");
            writer.Write(opid);
            if (seq.HasValue)
            {
                writer.Write("seq");
                writer.WriteRaw(seq.Value.ToArray());
            }
            writer.Write("data");
            if (data.Length == 0) writer.WriteNil();
            else writer.WriteRaw(data);
            writer.Flush();

            var body = new ArrayBufferWriter<byte>();
            EnvelopeCodec.WriteBody(body, module, opid, seq, data);
            Assert.That(body.WrittenSpan.ToArray(), Is.EqualTo(expected.WrittenSpan.ToArray()), $"{module}/{opid} seq={seq}");
            var decoded = EnvelopeCodec.TryDecode(body.WrittenMemory, out _)!;
            Assert.That((decoded.ModuleType, decoded.OpId, decoded.Seq), Is.EqualTo((module, opid, seq)));
        }
    }

    [Test]
    public void TypedRequestsRefuseWrongFieldTypes()
    {
        var good = Body(new Dictionary<string, object?> { ["acc"] = "a", ["token"] = "t", ["areaid"] = 1 });
        var bad = Body(new Dictionary<string, object?> { ["acc"] = 5, ["token"] = "t" });
        Assert.That(RequestReader.TryRead<Protocol.Messages.System.LoginRequest>(good, out var login, out _), Is.True);
        Assert.That(login.AreaId, Is.EqualTo(1));
        Assert.That(RequestReader.TryRead<Protocol.Messages.System.LoginRequest>(bad, out _, out string? field), Is.False);
        Assert.That(field, Is.EqualTo("acc"));
        Assert.That(RequestReader.TryRead<Protocol.Messages.System.LoginRequest>(Body("str"), out _, out field), Is.False);
        Assert.That(field, Is.EqualTo("data"));
    }
}
