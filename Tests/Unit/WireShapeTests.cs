using System.Buffers;
using MessagePack;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Account;
using SocialGame.Protocol.Messages.Bargain;
using SocialGame.Protocol.Messages.Player;
using SocialGame.Protocol.Messages.System;
using SocialGame.Protocol.Wire;
using static SocialGame.Tests.Infrastructure.RawMsgPack;

namespace SocialGame.Tests.Unit;

/// <summary>How request data is read (lenient where client libraries differ) and how answers are shaped.</summary>
public class WireShapeTests
{
    private static (bool Ok, T Value, string? Field) Read<T>(byte[] data) where T : new()
    {
        bool ok = RequestReader.TryRead<T>(data, out var value, out string? field);
        return (ok, value, field);
    }

    [Test]
    public void EveryRequestOfTheCatalogueCanBeRead()
    {
        foreach (var op in ProtocolCatalog.All.Where(o => o.RequestType is not null))
            Assert.That(RequestReader.Unsupported(op.RequestType!), Is.Empty, op.ToString());
    }

    [Test]
    public void WholeFloatsAreIntegersAndFractionalOnesNameTheField()
    {
        var whole = Read<BargainGoodsRequest>(Map(("id", F64(1)), ("idx", F32(2)), ("goodsid", Int(101))));
        Assert.That((whole.Ok, whole.Value.Id, whole.Value.Idx, whole.Value.GoodsId), Is.EqualTo((true, (int?)1, (int?)2, (int?)101)));
        var fractional = Read<BargainGoodsRequest>(Map(("id", Int(1)), ("idx", F64(2.5)), ("goodsid", Int(101))));
        Assert.That((fractional.Ok, fractional.Field), Is.EqualTo((false, "idx")));
        var beyond = Read<BargainGoodsRequest>(Map(("id", F64(3e9)), ("idx", Int(1)), ("goodsid", Int(101))));
        Assert.That((beyond.Ok, beyond.Field), Is.EqualTo((false, "id")), "a whole float outside the int range");
        foreach (var (value, ok) in new[] { (Int(int.MaxValue), true), (Int(int.MinValue), true), (Int(1L << 31), false),
                     (Int(-(1L << 31) - 1), false), (UInt64(ulong.MaxValue), false), (UInt64(5), true) })
        {
            var integer = Read<BargainGoodsRequest>(Map(("id", value), ("idx", Int(1)), ("goodsid", Int(101))));
            Assert.That((integer.Ok, integer.Field), Is.EqualTo((ok, ok ? null : "id")), Convert.ToHexString(value));
        }
        var longs = Read<ReadInboxRequest>(Map(("ids", [0x92, .. F64(7), .. Int(8)])));
        Assert.That(longs.Value.Ids, Is.EqualTo(new long[] { 7, 8 }));
    }

    [Test]
    public void FieldNamesAreFoundWithoutMakingAStringOfEveryKey()
    {
        var fields = new (string, byte[])[]
        {
            ("id", Int(3)), ("deviceid", Str("dev-1")), ("devicetype", Int(1)), ("bargaincode", Str("AB12CD34")),
        };
        // keys no field has: other names, one longer than any field's, one not ASCII, one that is a prefix of a field's
        var others = Enumerable.Range(0, 40).Select(i => ($"not_a_field_{i:D3}", Int(i)))
            .Concat([(new string('k', 300), Int(1)), ("設備", Int(2)), ("device", Int(3))]).ToArray();
        var plain = Map(fields);
        var noisy = Map([.. others, .. fields]);
        var read = Read<BargainHelpRequest>(noisy);
        Assert.That((read.Ok, read.Value.Id, read.Value.DeviceId, read.Value.DeviceType, read.Value.BargainCode),
            Is.EqualTo((true, (int?)3, "dev-1", (int?)1, "AB12CD34")));
        Read<BargainHelpRequest>(plain);
        long PerRead(byte[] data)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++) RequestReader.TryRead<BargainHelpRequest>(data, out _, out _);
            return (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        }
        long extra = PerRead(noisy) - PerRead(plain);
        // the 300-character key is made into a string (it cannot name a field), the other 42 keys are not
        Assert.That(extra, Is.LessThan(42 * 8 + 2 * 300 + 64), "bytes allocated for the keys no field has");
    }

    [Test]
    public void ARequestWithoutParametersIsOneSharedInstanceAndARequestWithFieldsANewOneEachTime()
    {
        // every request of an operation without parameters is the same empty object (nothing to keep apart); one with
        // fields is made per request, since a handler may keep it past the next request
        var empty = Read<EmptyRequest>([0x80]).Value;
        Assert.That(Read<EmptyRequest>([0xc0]).Value, Is.SameAs(empty));
        var data = Map([("id", Int(3)), ("deviceid", Str("dev-1")), ("devicetype", Int(1)), ("bargaincode", Str("AB12CD34"))]);
        Assert.That(Read<BargainHelpRequest>(data).Value, Is.Not.SameAs(Read<BargainHelpRequest>(data).Value));
        Assert.That(Read<Unsealed>([0x80]).Value, Is.Not.SameAs(Read<Unsealed>([0x80]).Value), "a class that may be derived from");
    }

    /// <summary>No state of its own, but not sealed: a derived type could add some.</summary>
    public class Unsealed;

    [Test]
    public void ARequestsFieldsAreSetWithoutBoxingTheirValues()
    {
        var data = Map([("id", Int(3)), ("deviceid", Str("dev-1")), ("devicetype", Int(1)), ("bargaincode", Str("AB12CD34"))]);
        RequestReader.TryRead<BargainHelpRequest>(data, out _, out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) RequestReader.TryRead<BargainHelpRequest>(data, out _, out _);
        long perRead = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        // the request object and its two strings; through PropertyInfo.SetValue every field cost a boxed value and an
        // argument array, and the per-field state two arrays (about 250 B more)
        long request = 24 + 4 * 8 + 2 * 16, strings = 2 * (22 + 2 * 8);
        Assert.That(perRead, Is.LessThanOrEqualTo(request + strings + 32), "bytes allocated per read");
    }

    [Test]
    public void AnEmptyArrayIsAnEmptyMapAndNilIsAbsent()
    {
        Assert.That(Read<EmptyRequest>(EmptyArray).Ok, Is.True);
        Assert.That(Read<EmptyRequest>(EmptyMap).Ok, Is.True);
        Assert.That(Read<EmptyRequest>(Int(3)).Field, Is.EqualTo("data"));
        var login = Read<LoginRequest>(Map(("acc", Str("a")), ("token", Str("t")), ("areaid", NilValue), ("version", NilValue)));
        Assert.That((login.Ok, login.Value.AreaId, login.Value.Version), Is.EqualTo((true, (int?)null, (string?)null)));
        var emptyList = Read<ReadInboxRequest>(Map(("ids", EmptyMap)));
        Assert.That(emptyList.Value.Ids, Is.Empty, "an empty table packed as a map is an empty list too");
    }

    [Test]
    public void TheFirstBadFieldIsNamedInTheRequestsOwnOrder()
    {
        // wrong types come first in whatever order the client wrote them; the name is the first in the DTO's order
        var twoBad = Read<BargainHelpRequest>(Map(("bargaincode", Int(1)), ("deviceid", Int(2)), ("id", Int(1)), ("devicetype", Int(0))));
        Assert.That(twoBad.Field, Is.EqualTo("deviceid"));
        var missing = Read<BargainHelpRequest>(Map(("id", Int(1)), ("deviceid", Str("d"))));
        Assert.That(missing.Field, Is.EqualTo("devicetype"), "a required field left out");
        var nilRequired = Read<LoginRequest>(Map(("acc", NilValue), ("token", Str("t"))));
        Assert.That(nilRequired.Field, Is.EqualTo("acc"), "nil is absent, and acc is required");
        var optionalOnly = Read<GetProfileRequest>(EmptyArray);
        Assert.That((optionalOnly.Ok, optionalOnly.Value.Acc), Is.EqualTo((true, (string?)null)));
        Assert.That(Read<LoginRequest>(Map(("acc", Str("a")), ("token", Str("t")), ("unknown", Map(("x", Int(1)))))).Ok, Is.True,
            "unknown keys are skipped");
    }

    private static Dictionary<string, object?> Answer(IResponse response, string? field = null) =>
        MessagePackSerializer.Deserialize<Dictionary<string, object?>>(ProtocolSerializer.SerializeAnswer(response, field));

    [Test]
    public void AnErrorAnswerCarriesOnlyWhatIsTrueForIt()
    {
        var error = Answer(new BargainGetConfigResponse { Result = (int)ResultCode.DataError }, "ignored unless param_error");
        Assert.That(error.Keys, Is.EquivalentTo(new[] { "result" }));
        var param = Answer(new BargainGetConfigResponse { Result = (int)ResultCode.ParamError }, "id");
        Assert.That(param, Is.EquivalentTo(new Dictionary<string, object?> { ["result"] = (byte)2, ["field"] = "id" }));
        var echoed = Answer(new BargainHelpResponse { Result = (int)ResultCode.HelpOver, BargainCode = "ABCDEFGH" });
        Assert.That(echoed.Keys, Is.EquivalentTo(new[] { "result", "bargaincode" }), "a field marked AlsoOnError goes when it has a value");
        var unset = Answer(new BargainHelpResponse { Result = (int)ResultCode.ParamError }, "bargaincode");
        Assert.That(unset.Keys, Is.EquivalentTo(new[] { "result", "field" }), "...and not when it is empty");
        var helpNone = Answer(new BargainGetHelpResponse { Result = (int)ResultCode.HelpNone, HelpLeft = 5 });
        Assert.That(helpNone.Keys, Is.SupersetOf(new[] { "helpstate", "helphad", "helpcount", "helpleft", "helplist" }),
            "help_none is answered in full");
    }

    [Test]
    public void ASuccessAnswerLeavesOutNilFieldsAtAnyDepth()
    {
        var noRecord = Answer(new CancelResponse { Text = "ok" });
        Assert.That(noRecord.Keys, Is.EquivalentTo(new[] { "result", "text" }));
        var full = Answer(new BargainGetConfigResponse { Config = new BargainPeriodConfig { Id = 1 } });
        Assert.That(full.Keys, Is.EquivalentTo(new[] { "result", "state", "helpstate", "helphad", "config", "goods_state_list" }));
        var push = MessagePackSerializer.Deserialize<Dictionary<string,
            object?>>(ProtocolSerializer.SerializeData(new GetProfileResponse()));
        Assert.That(push.Keys, Is.EquivalentTo(new[] { "result" }), "pushes and other data leave nil fields out too");
    }

    [MessagePackObject]
    public sealed class NestedAnswer : IResponse
    {
        [Key("result")] public int Result { get; set; }
        [Key("items")] public List<NestedItem>? Items { get; set; }
        [Key("note")] public string? Note { get; set; }
    }

    [MessagePackObject]
    public sealed class NestedItem
    {
        [Key("id")] public int Id { get; set; }
        [Key("name")] public string? Name { get; set; }
        [Key("tags")] public List<string?>? Tags { get; set; }
    }

    [Test]
    public void ANilInsideAListOfMapsIsLeftOutAndAnAnswerWithoutNilsIsWrittenAsSerialised()
    {
        var whole = new NestedAnswer { Items = [new NestedItem { Id = 1, Name = "a", Tags = ["x", null] }], Note = "n" };
        var serialised = MessagePackSerializer.Serialize(whole, ProtocolSerializer.Options);
        Assert.That(ProtocolSerializer.SerializeAnswer(whole), Is.EqualTo(serialised),
            "nothing to leave out (a nil inside a list stays: it is an element, not a field)");
        var generic = new ArrayBufferWriter<byte>();
        ProtocolSerializer.WriteAnswer(generic, whole);
        Assert.That(generic.WrittenSpan.ToArray(), Is.EqualTo(serialised));

        var nested = new NestedAnswer { Items = [new NestedItem { Id = 1, Tags = [] }, new NestedItem { Id = 2, Name = "b" }], Note = "n" };
        var answer = MessagePackSerializer.Deserialize<Dictionary<string, object?>>(ProtocolSerializer.SerializeAnswer(nested));
        Assert.That(answer.Keys, Is.EquivalentTo(new[] { "result", "items", "note" }), "every field at the top has a value");
        var items = ((object[])answer["items"]!).Cast<Dictionary<object, object?>>().ToArray();
        Assert.That(items[0].Keys, Is.EquivalentTo(new object[] { "id", "tags" }), "the first item's nil name is left out");
        Assert.That(items[1].Keys, Is.EquivalentTo(new object[] { "id", "name" }), "the second item's nil tags are left out");
    }

    [MessagePackObject]
    public sealed class FlatAnswer : IResponse
    {
        [Key("result")] public int Result { get; set; }
        [Key("name")] public string? Name { get; set; }
        [Key("count")] public int? Count { get; set; }
        [Key("kind")] public ResultCode Kind { get; set; }
    }

    [Test]
    public void ASuccessAnswerOfFlatFieldsIsWrittenAsSerialisedOnlyWhenNoneIsNil()
    {
        Dictionary<string, object?> Written(FlatAnswer answer, out byte[] bytes)
        {
            var output = new ArrayBufferWriter<byte>();
            ProtocolSerializer.WriteAnswer(output, answer);
            bytes = output.WrittenSpan.ToArray();
            return MessagePackSerializer.Deserialize<Dictionary<string, object?>>(bytes);
        }
        var whole = new FlatAnswer { Name = "n", Count = 0, Kind = ResultCode.HelpOver };
        Written(whole, out var bytes);
        Assert.That(bytes, Is.EqualTo(MessagePackSerializer.Serialize(whole, ProtocolSerializer.Options)));
        Assert.That(Written(new FlatAnswer { Count = 3 }, out _).Keys, Is.EquivalentTo(new[] { "result", "count", "kind" }),
            "a nil string is left out");
        Assert.That(Written(new FlatAnswer { Name = "n" }, out _).Keys, Is.EquivalentTo(new[] { "result", "name", "kind" }),
            "a nil number is left out");
    }

    [Test]
    public void AnAnswerOfNumbersOnlyIsWrittenAsSerialisedOnSuccessAndCutDownOnError()
    {
        var ok = new HeartbeatResponse { Result = 0, ServerTime = 1_700_000_000_000 };
        var output = new ArrayBufferWriter<byte>();
        ProtocolSerializer.WriteAnswer(output, ok);
        Assert.That(output.WrittenSpan.ToArray(), Is.EqualTo(MessagePackSerializer.Serialize(ok, ProtocolSerializer.Options)));

        var failed = new HeartbeatResponse { Result = (int)ResultCode.ServerError, ServerTime = 1_700_000_000_000 };
        output.ResetWrittenCount();
        ProtocolSerializer.WriteAnswer(output, failed);
        var answer = MessagePackSerializer.Deserialize<Dictionary<string, object?>>(output.WrittenMemory);
        Assert.That(answer.Keys, Is.EquivalentTo(new[] { "result" }), "an error answer carries only its result");

        output.ResetWrittenCount();
        ProtocolSerializer.WriteAnswer(output, new HeartbeatResponse { Result = (int)ResultCode.ParamError }, "x");
        answer = MessagePackSerializer.Deserialize<Dictionary<string, object?>>(output.WrittenMemory);
        Assert.That(answer, Is.EquivalentTo(new Dictionary<string, object?> { ["result"] = (byte)2, ["field"] = "x" }));
    }
}
