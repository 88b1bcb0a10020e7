using SocialGame.Core.Options;
using SocialGame.Protocol;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

public class LoginTests : ServerFixture
{
    [Test]
    public async Task AGoodTokenLogsInAndAnswersTheAccountAndServerTime()
    {
        string acc = TestServer.NewAccount();
        await using var client = await TestServer.ConnectAsync(Host);
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var reply = await client.RequestAsync(1, 1, new { acc, token = TestServer.Token(acc), areaid = 1, deviceid = "dev-1", devicetype = 1, version = "3.4.0" });
        Assert.That(reply.Result, Is.EqualTo(0));
        Assert.That(reply.GetString("acc"), Is.EqualTo(acc));
        Assert.That(reply.GetLong("servertime"), Is.InRange(before - 1000, before + 5000));
        Assert.That(reply.GetString("protocol"), Is.EqualTo(Protocol.Generators.ProtocolText.Version), "the protocol version, as the Lua constants carry it");
        Assert.That(Host.Services.Sessions.Registry.TryGetByAccount(acc, out _), Is.True);
    }

    [Test]
    public async Task AForgedTokenIsRefusedAndTheConnectionClosed()
    {
        string acc = TestServer.NewAccount();
        await using var client = await TestServer.ConnectAsync(Host);
        var token = TestServer.Token("someone-else");
        var reply = await client.RequestAsync(1, 1, new { acc, token });
        Assert.That(reply.Result, Is.EqualTo((int)ResultCode.BadToken));
        await Kicks.ExpectAsync(client, Protocol.Catalog.KickReason.BadToken);
    }

    [Test]
    public async Task AnExpiredTokenIsRefusedAndTheConnectionClosed()
    {
        string acc = TestServer.NewAccount();
        await using var client = await TestServer.ConnectAsync(Host);
        var reply = await client.RequestAsync(1, 1, new { acc, token = TestServer.Token(acc, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1) });
        Assert.That(reply.Result, Is.EqualTo((int)ResultCode.BadToken));
        await Kicks.ExpectAsync(client, Protocol.Catalog.KickReason.BadToken);
    }

    [TestCase("missing acc")]
    [TestCase("acc with space")]
    [TestCase("acc too long")]
    [TestCase("acc is a number")]
    [TestCase("other area")]
    [TestCase("bad devicetype")]
    public async Task BadLoginFieldsAnswerParamErrorAndKeepTheConnection(string kind)
    {
        string acc = TestServer.NewAccount();
        object data = kind switch
        {
            "missing acc" => new { token = TestServer.Token(acc) },
            "acc with space" => new { acc = "a b", token = TestServer.Token("a b") },
            "acc too long" => new { acc = new string('a', 65), token = TestServer.Token(new string('a', 65)) },
            "acc is a number" => new { acc = 12, token = TestServer.Token("12") },
            "other area" => new { acc, token = TestServer.Token(acc), areaid = 2 },
            "bad devicetype" => new { acc, token = TestServer.Token(acc), devicetype = 7 },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        await using var client = await TestServer.ConnectAsync(Host);
        var reply = await client.RequestAsync(1, 1, data);
        Assert.That(reply.Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That(reply.GetString("field"), Is.EqualTo(kind switch { "other area" => "areaid", "bad devicetype" => "devicetype", _ => "acc" }), "the field at fault is named");
        Assert.That((await client.RequestAsync(1, 2)).Result, Is.EqualTo(0), "the connection stays usable");
    }

    [Test]
    public async Task NothingButSystemIsServedBeforeLogin()
    {
        await using var client = await TestServer.ConnectAsync(Host);
        Assert.That((await client.RequestAsync(2, 1, new { text = "help" })).Result, Is.EqualTo((int)ResultCode.NotLoggedIn));
        Assert.That((await client.RequestAsync(1, 2)).Result, Is.EqualTo(0), "heartbeat is allowed before login");
        Assert.That((await client.RequestAsync(77, 1)).Result, Is.EqualTo((int)ResultCode.UnknownOp));
    }

    [Test]
    public async Task ALoginAndARequestSentTogetherAreServedInOrder()
    {
        string acc = "gm";
        await using var client = await TestServer.ConnectAsync(Host);
        await client.SendAsync(1, 1, new { acc, token = TestServer.Token(acc) }, 1);
        await client.SendAsync(2, 1, new { text = "time" }, 2);
        var login = await client.WaitForAsync(_ => true);
        Assert.That((login.OpId, login.Result), Is.EqualTo((1, 0)), "responses to seq requests sent with SendAsync arrive unsolicited");
        var gm = await client.WaitForAsync(_ => true);
        Assert.That((gm.ModuleType, gm.Seq, gm.Result), Is.EqualTo((2, (long?)2, 0)), "the GM request saw the login before it");
    }

    [Test]
    public async Task SeqIsEchoedAndAbsentWhenTheRequestHadNone()
    {
        await using var client = await TestServer.ConnectAsync(Host);
        await client.SendAsync(1, 2, null, 123456789012L);
        var echoed = await client.WaitForAsync(_ => true);
        Assert.That(echoed.Seq, Is.EqualTo(123456789012L));
        await client.SendAsync(1, 2, null, null);
        var bare = await client.WaitForAsync(_ => true);
        Assert.That(bare.Seq, Is.Null);
        Assert.That(bare.Result, Is.EqualTo(0));
    }

    [Test]
    public async Task ASecondLoginAsAnotherAccountOnTheSameConnectionIsRefused()
    {
        string acc = TestServer.NewAccount();
        await using var client = await TestServer.LoginAsync(Host, acc);
        string other = TestServer.NewAccount();
        Assert.That((await client.RequestAsync(1, 1, new { acc = other, token = TestServer.Token(other) })).Result, Is.EqualTo((int)ResultCode.AlreadyLoggedIn));
        Assert.That((await client.RequestAsync(1, 1, new { acc, token = TestServer.Token(acc) })).Result, Is.EqualTo(0), "the same account again is harmless");
    }
}
