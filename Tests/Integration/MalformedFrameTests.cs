using SocialGame.Core.Options;
using MessagePack;
using SocialGame.Client;
using SocialGame.Protocol.Catalog;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

/// <summary>Every malformed frame closes only its own connection, after telling it why; a bystander keeps being served.</summary>
public class MalformedFrameTests : ServerFixture
{
    protected override void Configure(ServerOptions options) => options.MaxFrameLength = 1024;

    private static byte[] Body(object value) => MessagePackSerializer.Serialize(value, ClientCodec.Options);

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData((object)new byte[] { 0, 0, 0, 0 }).SetName("zero length");
        yield return new TestCaseData((object)new byte[] { 0, 0, 4, 1, 0x80 }).SetName("length above the maximum");
        yield return new TestCaseData((object)new byte[] { 0xff, 0xff, 0xff, 0xff }).SetName("length 2^32-1");
        yield return new TestCaseData((object)ClientCodec.Prefix([0xc1, 0x00, 0x01])).SetName("not messagepack");
        yield return new TestCaseData((object)ClientCodec.Prefix(Body(new[] { 1, 1 }))).SetName("not a map");
        yield return new TestCaseData((object)ClientCodec.Prefix(Body(new Dictionary<string, object> { ["module_type"] = 1 })))
            .SetName("no opid");
        yield return new TestCaseData((object)ClientCodec.Prefix(Body(new Dictionary<string, object> { ["module_type"] = "1",
            ["opid"] = 2 }))).SetName("string module_type");
        yield return new TestCaseData((object)ClientCodec.Prefix(Body(new Dictionary<string, object> { ["module_type"] = 1,
            ["opid"] = 2.5 }))).SetName("fractional float opid");
        yield return new TestCaseData((object)ClientCodec.Prefix([.. Body(new Dictionary<string, object> { ["module_type"] = 1,
            ["opid"] = 2 }), 0x01])).SetName("bytes after the map");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task ClosesOnlyThatConnection(byte[] frame)
    {
        await using var bystander = await TestServer.LoginAsync(Host, TestServer.NewAccount());
        await using var offender = await TestServer.ConnectAsync(Host);
        Assert.That((await offender.RequestAsync(1, 2)).Result, Is.EqualTo(0));
        await offender.SendRawAsync(frame);
        await Kicks.ExpectAsync(offender, KickReason.MalformedFrame);
        Assert.That((await bystander.RequestAsync(1, 2)).Result, Is.EqualTo(0));
    }

    [Test]
    public async Task DataOfTheWrongTypeIsAParamErrorNotAClose()
    {
        await using var client = await TestServer.ConnectAsync(Host);
        await client.SendRawAsync(ClientCodec.Prefix(Body(new Dictionary<string, object> { ["module_type"] = 1, ["opid"] = 1,
            ["data"] = "text", ["seq"] = 5 })));
        var reply = await client.WaitForAsync(_ => true);
        Assert.That((reply.Seq, reply.Result), Is.EqualTo(((long?)5, 2)));
        Assert.That((await client.RequestAsync(1, 2)).Result, Is.EqualTo(0));
    }
}
