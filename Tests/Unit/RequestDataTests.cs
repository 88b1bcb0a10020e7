using MessagePack;
using SocialGame.Core.Dispatch;
using SocialGame.Protocol.Wire;

namespace SocialGame.Tests.Unit;

public class RequestDataTests
{
    private static ReadOnlyMemory<byte> Data(object value) => MessagePackSerializer.Serialize(value, ProtocolSerializer.Options);

    [Test]
    public void ALoginTokenNeverReachesTheLog()
    {
        string json = RequestData.ToLogJson(Data(new Dictionary<string, object> { ["acc"] = "alice", ["token"] = "secret.with\"quote" }));
        Assert.That(json, Does.Contain("\"acc\":\"alice\""));
        Assert.That(json, Does.Contain("\"token\":\"***\""));
        Assert.That(json, Does.Not.Contain("secret"));
    }

    [Test]
    public void SignaturesAreMaskedAndOtherFieldsKept()
    {
        string json = RequestData.ToLogJson(Data(new Dictionary<string, object> { ["orderid"] = "O1", ["Sign"] = "abc123",
            ["amount"] = 600 }));
        Assert.That(json, Is.EqualTo("{\"orderid\":\"O1\",\"Sign\":\"***\",\"amount\":600}"));
    }

    [Test]
    public void UndecodableDataIsShownAsItsLength() =>
        Assert.That(RequestData.ToLogJson(new byte[] { 0xc1, 0x00 }), Is.EqualTo("<2 bytes>"));

    [TestCase("{\"token\":[\"s3cr3t\",\"x\"]}", "s3cr3t")]
    [TestCase("{\"acc\":\"a\",\"sign\":{\"v\":\"s3cr3t\"}}", "s3cr3t")]
    [TestCase("{\"password\":271828}", "271828")]
    [TestCase("{\"order\":{\"Secret\":[1,2,31415]}}", "31415")]
    public void ASecretFieldWhoseValueIsNoStringIsNotLoggedEither(string json, string secret)
    {
        var data = MessagePackSerializer.ConvertFromJson(json, ProtocolSerializer.Options);
        string logged = RequestData.ToLogJson(data);
        Assert.That(logged, Does.Not.Contain(secret));
        Assert.That(logged, Is.EqualTo($"<{data.Length} bytes with a secret field that is no string>"));
    }
}
