using SocialGame.Client;
using SocialGame.Protocol;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Infrastructure.RawMsgPack;

namespace SocialGame.Tests.Integration;

/// <summary>
/// What Lua and other MessagePack libraries really send, written byte by byte and sent over a real socket:
/// empty tables as empty arrays, whole numbers as floats, seqs of any integer width; and what comes back.
/// </summary>
public class ClientLibraryWireTests : ServerFixture
{
    private static (string, byte[]) Module(int value) => ("module_type", Int(value));
    private static (string, byte[]) Op(int value) => ("opid", Int(value));

    private static async Task<Frame> SendAsync(GameClient client, params (string Key, byte[] Value)[] fields)
    {
        await client.SendRawAsync(Frame(fields));
        return await client.WaitForAsync(_ => true);
    }

    private static Dictionary<string, byte[]> DataOf(Frame frame) => Fields(Fields(frame.Body)["data"]);

    private async Task<GameClient> LoginAsync() => await TestServer.LoginAsync(Host, TestServer.NewAccount("w"));

    [Test]
    public async Task AnEmptyArrayIsEmptyData()
    {
        await using var client = await TestServer.ConnectAsync(Host);
        var heartbeat = await SendAsync(client, Module(1), Op(2), ("data", EmptyArray));
        Assert.That(heartbeat.Result, Is.EqualTo(0), heartbeat.ToJson());
        await using var player = await LoginAsync();
        var acks = await SendAsync(player, Module(6), Op(0), ("data", EmptyArray));
        Assert.That(acks.Result, Is.EqualTo(0), acks.ToJson());
        Assert.That(acks.GetMap("actlist"), Is.Not.Empty);
    }

    [Test]
    public async Task WholeFloatsAreIntegersInTheEnvelopeAndInData()
    {
        await using var client = await LoginAsync();
        var heartbeat = await SendAsync(client, ("module_type", F64(1)), ("opid", F32(2)));
        Assert.That((heartbeat.ModuleType, heartbeat.OpId, heartbeat.Result), Is.EqualTo((1, 2, 0)), "the answer names the integers");
        var config = await SendAsync(client, ("module_type", F64(6)), Op(1), ("data", Map(("id", F64(1)))));
        Assert.That(config.Result, Is.EqualTo(0), config.ToJson());
        // idx packed as cb 3ff0000000000000, as Lua 5.3 with lua-cjson does
        var start = await SendAsync(client, Module(6), Op(3),
            ("data", Map(("id", Int(1)), ("idx", [0xcb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0]), ("goodsid", F64(101)))));
        Assert.That(start.Result, Is.EqualTo(0), start.ToJson());
        Assert.That(start.GetMap("bargaindata")["idx"], Is.EqualTo(1));
    }

    [Test]
    public async Task AFractionalFloatInDataIsAParamErrorNamingTheField()
    {
        await using var client = await LoginAsync();
        var reply = await SendAsync(client, Module(6), Op(3), ("seq", Int(4)),
            ("data", Map(("id", Int(1)), ("idx", F64(1.5)), ("goodsid", Int(101)))));
        Assert.That(reply.Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That(DataOf(reply).Keys, Is.EquivalentTo(new[] { "result", "field" }),
            "nothing made up beside the result: " + reply.ToJson());
        Assert.That(reply.GetString("field"), Is.EqualTo("idx"));
        var huge = await SendAsync(client, Module(6), Op(1), ("data", Map(("id", F64(1e12)))));
        Assert.That((huge.Result, huge.GetString("field")), Is.EqualTo(((int)ResultCode.ParamError, "id")),
            "a whole float beyond the int range");
    }

    [TestCase("module_type")]
    [TestCase("opid")]
    public async Task AFractionalModuleTypeOrOpidClosesTheConnection(string key)
    {
        await using var client = await TestServer.ConnectAsync(Host);
        Assert.That((await client.RequestAsync(1, 2)).Result, Is.EqualTo(0));
        await client.SendRawAsync(Frame(key == "module_type" ? ("module_type", F64(1.5)) : Module(1),
            key == "opid" ? ("opid", F64(2.5)) : Op(2)));
        await client.Closed.WaitAsync(TimeSpan.FromSeconds(5));
    }

    public static IEnumerable<TestCaseData> Seqs()
    {
        yield return new TestCaseData((object)UInt64(1UL << 63)).SetName("seq 2^63 (uint64)");
        yield return new TestCaseData((object)UInt64(ulong.MaxValue)).SetName("seq 2^64-1 (uint64)");
        yield return new TestCaseData((object)Int(-1)).SetName("seq -1");
        yield return new TestCaseData((object)Int(long.MinValue)).SetName("seq -2^63");
        yield return new TestCaseData((object)new byte[] { 0xd3, 0, 0, 0, 0, 0, 0, 0, 5 }).SetName("seq 5 written as int64");
        yield return new TestCaseData((object)new byte[] { 0xce, 0xff, 0xff, 0xff, 0xff }).SetName("seq 2^32-1 (uint32)");
        yield return new TestCaseData((object)F64(7)).SetName("seq 7.0 (a whole float)");
    }

    [TestCaseSource(nameof(Seqs))]
    public async Task AnyIntegerSeqIsEchoedExactly(byte[] seq)
    {
        await using var client = await TestServer.ConnectAsync(Host);
        var reply = await SendAsync(client, Module(1), Op(2), ("seq", seq));
        Assert.That(reply.Result, Is.EqualTo(0));
        Assert.That(Fields(reply.Body)["seq"], Is.EqualTo(seq), "the very bytes that were sent");
    }

    public static IEnumerable<TestCaseData> BadSeqs()
    {
        yield return new TestCaseData((object)Str("abc")).SetName("seq a string");
        yield return new TestCaseData((object)F64(1.5)).SetName("seq a fractional float");
        yield return new TestCaseData((object)new byte[] { 0xc3 }).SetName("seq true");
        yield return new TestCaseData((object)Map(("a", Int(1)))).SetName("seq a map");
    }

    [TestCaseSource(nameof(BadSeqs))]
    public async Task ASeqOfAnotherTypeIsRefusedWithAReasonAndTheConnectionStays(byte[] seq)
    {
        await using var client = await TestServer.ConnectAsync(Host);
        var reply = await SendAsync(client, Module(1), Op(2), ("seq", seq), ("data", EmptyMap));
        Assert.That((reply.ModuleType, reply.OpId, reply.Result), Is.EqualTo((1, 2, (int)ResultCode.ParamError)));
        Assert.That(reply.GetString("field"), Is.EqualTo("seq"));
        Assert.That(Fields(reply.Body).ContainsKey("seq"), Is.False);
        Assert.That((await client.RequestAsync(1, 2)).Result, Is.EqualTo(0), "the connection stays usable");
    }

    [Test]
    public async Task ErrorAnswersCarryTheResultAndNoMadeUpDefaults()
    {
        await using var client = await LoginAsync();
        var unknownPeriod = await SendAsync(client, Module(6), Op(1), ("data", Map(("id", Int(999)))));
        Assert.That(unknownPeriod.Result, Is.EqualTo((int)ResultCode.DataError));
        Assert.That(DataOf(unknownPeriod).Keys, Is.EquivalentTo(new[] { "result" }), unknownPeriod.ToJson());

        var missing = await SendAsync(client, Module(6), Op(1), ("data", EmptyArray));
        Assert.That((missing.Result, missing.GetString("field")), Is.EqualTo(((int)ResultCode.ParamError, "id")));
        Assert.That(DataOf(missing).Keys, Is.EquivalentTo(new[] { "result", "field" }), missing.ToJson());

        var wrongType = await SendAsync(client, Module(6), Op(4),
            ("data", Map(("id", Int(1)), ("deviceid", Int(5)), ("devicetype", Int(0)), ("bargaincode", Str("ABCDEFGH")))));
        Assert.That((wrongType.Result, wrongType.GetString("field")), Is.EqualTo(((int)ResultCode.ParamError, "deviceid")),
            wrongType.ToJson());

        var notYours = await SendAsync(client, Module(6), Op(4),
            ("data", Map(("id", Int(1)), ("deviceid", Str("dev-w")), ("devicetype", Int(0)), ("bargaincode", Str("ZZZZZZZZ")))));
        Assert.That(notYours.Result, Is.EqualTo((int)ResultCode.HelpNotExist));
        Assert.That(DataOf(notYours).Keys, Is.EquivalentTo(new[] { "result", "bargaincode" }),
            "the code helped is echoed, no delprice = 0: " + notYours.ToJson());

        var success = await SendAsync(client, Module(6), Op(1), ("data", Map(("id", Int(1)))));
        Assert.That(DataOf(success).Keys, Is.SupersetOf(new[] { "result", "state", "helpstate", "helphad", "config", "goods_state_list" }));
        Assert.That(DataOf(success).ContainsKey("field"), Is.False);
    }

    [Test]
    public async Task ASuccessAnswerLeavesOutAnAbsentOptionalFieldInsteadOfSendingNil()
    {
        string owner = TestServer.NewAccount("o");
        await using var ownerClient = await TestServer.LoginAsync(Host, owner);
        string room = TestServer.NewAccount("room");
        await TestServer.GmAsync(Host, $"live start {room} {owner}");
        await using var client = await LoginAsync();
        Assert.That((await client.RequestAsync(13, 1, new { roomid = room })).Result, Is.EqualTo(0));
        var left = await SendAsync(client, Module(13), Op(2), ("data", Map(("roomid", Str(room)))));
        Assert.That(left.Result, Is.EqualTo(0), left.ToJson());
        Assert.That(DataOf(left).Keys, Is.EquivalentTo(new[] { "result" }), "no room = nil: " + left.ToJson());
    }
}
