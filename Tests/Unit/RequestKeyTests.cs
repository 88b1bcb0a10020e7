using MessagePack;
using SocialGame.Protocol;
using SocialGame.Protocol.Wire;
using static SocialGame.Tests.Infrastructure.RawMsgPack;

namespace SocialGame.Tests.Unit;

/// <summary>
/// How a request's keys find their fields: a DTO of a few fields compares a key's bytes with each name, a larger one
/// looks the decoded key up; both must find the same fields and nothing else.
/// </summary>
public class RequestKeyTests
{
    [MessagePackObject]
    public sealed class ManyFields
    {
        [Key("f01")] public int F01 { get; set; }
        [Key("f02"), Optional] public int? F02 { get; set; }
        [Key("f03"), Optional] public int? F03 { get; set; }
        [Key("f04"), Optional] public int? F04 { get; set; }
        [Key("f05"), Optional] public int? F05 { get; set; }
        [Key("f06"), Optional] public int? F06 { get; set; }
        [Key("f07"), Optional] public int? F07 { get; set; }
        [Key("f08"), Optional] public int? F08 { get; set; }
        [Key("f09"), Optional] public int? F09 { get; set; }
        [Key("f10"), Optional] public int? F10 { get; set; }
        [Key("f11"), Optional] public int? F11 { get; set; }
        [Key("f12"), Optional] public int? F12 { get; set; }
        [Key("f13"), Optional] public int? F13 { get; set; }
        [Key("f14"), Optional] public int? F14 { get; set; }
        [Key("f15"), Optional] public int? F15 { get; set; }
        [Key("f16"), Optional] public int? F16 { get; set; }
        [Key("名字"), Optional] public string? Name { get; set; }
    }

    [MessagePackObject]
    public sealed class FewFields
    {
        [Key("f01")] public int F01 { get; set; }
        [Key("f1"), Optional] public int? F1 { get; set; }
        [Key("名字"), Optional] public string? Name { get; set; }
    }

    // keys that name no field: a prefix, a longer name, another case, bytes that are not UTF-8, a key past 64 bytes
    private static readonly byte[][] Strangers =
    [
        Str("f0"), Str("f011"), Str("F01"), Str("名"), [0xa3, 0x66, 0x30, 0xff], Str(new string('f', 80)), Str(""),
    ];

    [Test]
    public void EveryFieldIsFoundByItsNameAndNoOtherKeyInALargeDto()
    {
        var entries = Enumerable.Range(1, 16).Select(i => (Str($"f{i:D2}"), Int(100 + i))).Append((Str("名字"), Str("甲")))
            .Concat(Strangers.Select(k => (k, Int(-1)))).Reverse().ToArray();
        Assert.That(RequestReader.TryRead<ManyFields>(RawMap(entries), out var read, out var bad), Is.True, bad);
        int?[] numbers =
        [
            read.F01, read.F02, read.F03, read.F04, read.F05, read.F06, read.F07, read.F08, read.F09, read.F10, read.F11,
            read.F12, read.F13, read.F14, read.F15, read.F16,
        ];
        Assert.That(numbers, Is.EqualTo(Enumerable.Range(101, 16).Select(i => (int?)i)));
        Assert.That(read.Name, Is.EqualTo("甲"));

        Assert.That(RequestReader.TryRead<ManyFields>(RawMap(Strangers.Select(k => (k, Int(1))).ToArray()), out _, out bad),
            Is.False);
        Assert.That(bad, Is.EqualTo("f01"), "no stranger stands in for the required field");
    }

    [Test]
    public void EveryFieldIsFoundByItsNameAndNoOtherKeyInASmallDto()
    {
        var entries = new[] { (Str("f01"), Int(1)), (Str("f1"), Int(2)), (Str("名字"), Str("乙")) }
            .Concat(Strangers.Select(k => (k, Int(-1)))).ToArray();
        Assert.That(RequestReader.TryRead<FewFields>(RawMap(entries), out var read, out var bad), Is.True, bad);
        Assert.That((read.F01, read.F1, read.Name), Is.EqualTo((1, (int?)2, "乙")));

        Assert.That(RequestReader.TryRead<FewFields>(RawMap(Strangers.Select(k => (k, Int(1))).ToArray()), out _, out bad),
            Is.False);
        Assert.That(bad, Is.EqualTo("f01"), "no stranger stands in for the required field");
    }

    private static byte[] RawMap((byte[] Key, byte[] Value)[] entries) =>
        [0xde, (byte)(entries.Length >> 8), (byte)entries.Length, .. entries.SelectMany(e => e.Key.Concat(e.Value))];
}
