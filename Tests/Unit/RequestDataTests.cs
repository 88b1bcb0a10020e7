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
}
