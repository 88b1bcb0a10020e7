using MessagePack;
using SocialGame.Client;
using SocialGame.Protocol;
using SocialGame.Protocol.Wire;

namespace SocialGame.Tests.Unit;

/// <summary>
/// The envelope's span reader (the common bodies, read straight from their bytes) against the full reader it stands in
/// for: what it reads must come out as the full reader reads it, and what it leaves, the full reader reads or refuses.
/// </summary>
public class EnvelopeSpanReaderTests
{
    private static string Describe(Envelope? envelope, string? error) => envelope is null
        ? "refused: " + error
        : $"{envelope.ModuleType}/{envelope.OpId} seq={(envelope.Seq is { } s ? Convert.ToHexString(s.ToArray()) : "-")} "
          + $"data={Convert.ToHexString(envelope.Data.Span)} bad={envelope.BadField}";

    private static string Fully(byte[] body) => Describe(EnvelopeCodec.TryDecodeFully(body, out var error), error);

    [Test]
    public void TheBodiesClientsWriteAreReadByTheSpanReader()
    {
        byte[][] bodies =
        [
            // the C# client: heartbeat without data, a request with seq and data
            ClientCodec.EncodeFrame(1, 2, null, 7)[4..],
            ClientCodec.EncodeFrame(6, 4, new { code = "ab12", device = "d-1", n = 300 }, 70000)[4..],
            // as the Lua client writes one: keys in another order, seq first, an empty table for data
            [0x84, 0xa3, .. "seq"u8, 0xce, 0, 1, 0, 0, 0xa4, .. "data"u8, 0x80, 0xa4, .. "opid"u8, 0x02,
             0xab, .. "module_type"u8, 0x01],
            // negative and 16/32-bit numbers, data nested
            [0x83, 0xab, .. "module_type"u8, 0xd1, 0x01, 0x00, 0xa4, .. "opid"u8, 0xff, 0xa4, .. "data"u8,
             0x91, 0x81, 0xa1, (byte)'k', 0x92, 0xc3, 0xcb, 0, 0, 0, 0, 0, 0, 0, 0],
            // data holding a value of every sized format: str8/16, bin8/16, ext8/16, fixext, map16 and array16, float32
            [0x83, 0xab, .. "module_type"u8, 0x05, 0xa4, .. "opid"u8, 0x06, 0xa4, .. "data"u8,
             0xdc, 0, 9, 0xd9, 2, .. "ab"u8, 0xda, 0, 1, (byte)'c', 0xc4, 2, 1, 2, 0xc5, 0, 1, 9, 0xc7, 2, 7, 1, 2,
             0xc8, 0, 1, 7, 1, 0xd5, 7, 1, 2, 0xde, 0, 1, 0xa1, (byte)'m', 0xdc, 0, 0, 0xca, 0x3f, 0x80, 0, 0],
        ];
        foreach (var body in bodies)
        {
            Assert.That(EnvelopeSpanReader.TryRead(body, out var envelope), Is.True, Convert.ToHexString(body));
            Assert.That(Describe(envelope, null), Is.EqualTo(Fully(body)));
        }
        EnvelopeSpanReader.TryRead(bodies[2], out var lua);
        Assert.That((lua.ModuleType, lua.OpId, lua.Seq?.ToString(), lua.Data.Length), Is.EqualTo((1, 2, "65536", 1)));
    }

    [Test]
    public void TheSpanReaderAndTheFullReaderAgreeOnManyBodiesGoodAndBad()
    {
        var random = new Random(20261206);
        int read = 0, left = 0;
        for (int i = 0; i < 30_000; i++)
        {
            var body = RandomBody(random);
            string fully = Fully(body);
            if (EnvelopeSpanReader.TryRead(body, out var envelope))
            {
                read++;
                Assert.That(Describe(envelope, null), Is.EqualTo(fully), Convert.ToHexString(body));
            }
            else left++;
            Assert.That(Describe(EnvelopeCodec.TryDecode(body, out var error), error), Is.EqualTo(fully), Convert.ToHexString(body));
        }
        // both ways taken often: the comparison covers what the span reader reads and what it leaves
        Assert.That(read, Is.GreaterThan(1_000), "bodies the span reader read");
        Assert.That(left, Is.GreaterThan(5_000), "bodies it left to the full reader");
    }

    /// <summary>An envelope of random field formats, key order and data, sometimes cut, lengthened or with a byte changed.</summary>
    private static byte[] RandomBody(Random random)
    {
        var b = new List<byte>();
        var fields = new List<Action>();
        if (random.Next(20) != 0) fields.Add(() => { Key(b, random, "module_type"); Number(b, random); });
        if (random.Next(20) != 0) fields.Add(() => { Key(b, random, "opid"); Number(b, random); });
        if (random.Next(3) != 0) fields.Add(() => { Key(b, random, "seq"); Seq(b, random); });
        if (random.Next(3) != 0) fields.Add(() => { Key(b, random, "data"); Value(b, random, 0); });
        if (random.Next(15) == 0) fields.Add(() => { Key(b, random, "extra"); Value(b, random, 0); });
        if (random.Next(25) == 0) fields.Add(() => { Key(b, random, "opid"); Number(b, random); });
        if (random.Next(40) == 0) fields.Add(() => { b.Add(0x07); b.Add(0x01); });
        Shuffle(random, fields);
        if (random.Next(30) == 0) b.AddRange([0xde, 0, (byte)fields.Count]);
        else b.Add((byte)(0x80 | fields.Count));
        foreach (var field in fields) field();
        switch (random.Next(20))
        {
            case 0 when b.Count > 1:
                return [.. b.Take(random.Next(1, b.Count))];
            case 1:
                b.Add((byte)random.Next(256));
                break;
            case 2:
                b[random.Next(b.Count)] = (byte)random.Next(256);
                break;
        }
        return [.. b];
    }

    private static void Shuffle<T>(Random random, List<T> list)
    {
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    private static void Key(List<byte> b, Random random, string key)
    {
        if (random.Next(30) == 0) b.AddRange([0xd9, (byte)key.Length]);
        else b.Add((byte)(0xa0 | key.Length));
        b.AddRange(System.Text.Encoding.UTF8.GetBytes(key));
    }

    /// <summary>module_type or opid: mostly an integer in any format that holds it, sometimes a float or a string.</summary>
    private static void Number(List<byte> b, Random random)
    {
        switch (random.Next(12))
        {
            case 0: Float(b, random); return;
            case 1: Str(b, random); return;
        }
        long value = random.Next(6) switch
        {
            0 => random.Next(128),
            1 => -random.Next(1, 33),
            2 => random.Next(128, 70_000),
            3 => random.NextInt64(int.MinValue, 0),
            4 => random.NextInt64(int.MaxValue - 2L, uint.MaxValue + 3L),
            _ => random.Next(2) == 0 ? long.MaxValue : random.Next(),
        };
        Integer(b, random, value);
    }

    /// <summary>An integer in a random one of the formats that can hold it.</summary>
    private static void Integer(List<byte> b, Random random, long v)
    {
        var fits = new List<Action>
        {
            () => { b.Add(0xd3); Big(b, (ulong)v, 8); },
        };
        if (v >= 0) fits.Add(() => { b.Add(0xcf); Big(b, (ulong)v, 8); });
        if (v is >= 0 and <= 127) fits.Add(() => b.Add((byte)v));
        if (v is >= -32 and < 0) fits.Add(() => b.Add((byte)(sbyte)v));
        if (v is >= 0 and <= byte.MaxValue) fits.Add(() => { b.Add(0xcc); b.Add((byte)v); });
        if (v is >= 0 and <= ushort.MaxValue) fits.Add(() => { b.Add(0xcd); Big(b, (ulong)v, 2); });
        if (v is >= 0 and <= uint.MaxValue) fits.Add(() => { b.Add(0xce); Big(b, (ulong)v, 4); });
        if (v is >= sbyte.MinValue and <= sbyte.MaxValue) fits.Add(() => { b.Add(0xd0); b.Add((byte)(sbyte)v); });
        if (v is >= short.MinValue and <= short.MaxValue) fits.Add(() => { b.Add(0xd1); Big(b, (ulong)(ushort)(short)v, 2); });
        if (v is >= int.MinValue and <= int.MaxValue) fits.Add(() => { b.Add(0xd2); Big(b, (uint)(int)v, 4); });
        fits[random.Next(fits.Count)]();
    }

    private static void Big(List<byte> b, ulong value, int bytes)
    {
        for (int i = bytes - 1; i >= 0; i--) b.Add((byte)(value >> (8 * i)));
    }

    private static void Float(List<byte> b, Random random)
    {
        double value = random.Next(3) == 0 ? random.NextDouble() * 100 : random.Next(-50, 1000);
        if (random.Next(2) == 0)
        {
            b.Add(0xca);
            Big(b, BitConverter.SingleToUInt32Bits((float)value), 4);
        }
        else
        {
            b.Add(0xcb);
            Big(b, (ulong)BitConverter.DoubleToInt64Bits(value), 8);
        }
    }

    private static void Str(List<byte> b, Random random)
    {
        int length = random.Next(3) == 0 ? random.Next(32, 300) : random.Next(32);
        switch (random.Next(4))
        {
            case 0 when length < 32: b.Add((byte)(0xa0 | length)); break;
            case 1 when length < 256: b.AddRange([0xd9, (byte)length]); break;
            case 2: b.Add(0xda); Big(b, (ulong)length, 2); break;
            default: b.Add(0xdb); Big(b, (ulong)length, 4); break;
        }
        for (int i = 0; i < length; i++) b.Add((byte)random.Next('a', 'z' + 1));
    }

    /// <summary>seq: nil, an integer, a float (whole or not), or something that is no number at all.</summary>
    private static void Seq(List<byte> b, Random random)
    {
        switch (random.Next(8))
        {
            case 0: b.Add(0xc0); break;
            case 1: Float(b, random); break;
            case 2: Str(b, random); break;
            case 3: b.AddRange([0x81, 0xa1, (byte)'a', 0x91, 0x01]); break;
            default: Integer(b, random, random.Next(2) == 0 ? random.Next() : random.NextInt64(long.MinValue, long.MaxValue)); break;
        }
    }

    /// <summary>Any MessagePack value, nested; now and then a chain deeper than the readers allow.</summary>
    private static void Value(List<byte> b, Random random, int depth)
    {
        if (depth == 0 && random.Next(40) == 0)
        {
            int deep = random.Next(14, 20);
            for (int i = 0; i < deep; i++) b.Add(0x91);
            b.Add(0x01);
            return;
        }
        int kind = depth > 3 ? random.Next(9) : random.Next(15);
        switch (kind)
        {
            case 0: b.Add(0xc0); break;
            case 1: b.Add(random.Next(2) == 0 ? (byte)0xc2 : (byte)0xc3); break;
            case 2: Integer(b, random, random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64)); break;
            case 3: Float(b, random); break;
            case 4: Str(b, random); break;
            case 5:
            {
                int length = random.Next(300);
                if (length < 256 && random.Next(2) == 0) b.AddRange([0xc4, (byte)length]);
                else if (random.Next(2) == 0) { b.Add(0xc5); Big(b, (ulong)length, 2); }
                else { b.Add(0xc6); Big(b, (ulong)length, 4); }
                for (int i = 0; i < length; i++) b.Add((byte)random.Next(256));
                break;
            }
            case 6:
            {
                int[] fixedSizes = [1, 2, 4, 8, 16];
                int pick = random.Next(fixedSizes.Length + 3);
                int length = pick < fixedSizes.Length ? fixedSizes[pick] : random.Next(40);
                if (pick < fixedSizes.Length) b.Add((byte)(0xd4 + pick));
                else if (pick == fixedSizes.Length) b.AddRange([0xc7, (byte)length]);
                else if (pick == fixedSizes.Length + 1) { b.Add(0xc8); Big(b, (ulong)length, 2); }
                else { b.Add(0xc9); Big(b, (ulong)length, 4); }
                b.Add((byte)random.Next(256));
                for (int i = 0; i < length; i++) b.Add((byte)random.Next(256));
                break;
            }
            case 7: b.Add(0xc1); break;
            case 8: b.Add(0x80); break;
            default:
            {
                bool map = kind % 2 == 0;
                int count = random.Next(5);
                switch (random.Next(3))
                {
                    case 0: b.Add((byte)((map ? 0x80 : 0x90) | count)); break;
                    case 1: b.Add(map ? (byte)0xde : (byte)0xdc); Big(b, (ulong)count, 2); break;
                    default: b.Add(map ? (byte)0xdf : (byte)0xdd); Big(b, (ulong)count, 4); break;
                }
                for (int i = 0; i < count * (map ? 2 : 1); i++) Value(b, random, depth + 1);
                break;
            }
        }
    }
}
