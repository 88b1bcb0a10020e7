using SocialGame.Core.Options;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Gm;
using SocialGame.Protocol.Messages.System;
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
        var reply = await client.RequestAsync(SystemProtocol.Login,
            new LoginRequest { Acc = acc, Token = TestServer.Token(acc), AreaId = 1, DeviceId = "dev-1", DeviceType = 1,
                Version = "3.4.0" });
        Assert.That(reply.Result, Is.EqualTo(0));
        Assert.That(reply.Acc, Is.EqualTo(acc));
        Assert.That(reply.ServerTime, Is.InRange(before - 1000, before + 5000));
        Assert.That(reply.Protocol, Is.EqualTo(Protocol.Generators.ProtocolText.Version),
            "the protocol version, as the Lua constants carry it");
        Assert.That(Host.Services.Sessions.Registry.TryGetByAccount(acc, out _), Is.True);
    }

    [Test]
    public async Task AForgedTokenIsRefusedAndTheConnectionClosed()
    {
        string acc = TestServer.NewAccount();
        await using var client = await TestServer.ConnectAsync(Host);
        var token = TestServer.Token("someone-else");
        var reply = await client.RequestAsync(SystemProtocol.Login, new LoginRequest { Acc = acc, Token = token });
        Assert.That(reply.Result, Is.EqualTo((int)ResultCode.BadToken));
        await Kicks.ExpectAsync(client, Protocol.Catalog.KickReason.BadToken);
    }

    [Test]
    public async Task AnExpiredTokenIsRefusedAndTheConnectionClosed()
    {
        string acc = TestServer.NewAccount();
        await using var client = await TestServer.ConnectAsync(Host);
        var reply = await client.RequestAsync(SystemProtocol.Login,
            new LoginRequest { Acc = acc, Token = TestServer.Token(acc, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1) });
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
        var reply = await client.RequestRawAsync(SystemProtocol.Login, data);
        Assert.That(reply.Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That(reply.GetString("field"), Is.EqualTo(kind switch { "other area" => "areaid", "bad devicetype" => "devicetype", _ =>
            "acc" }), "the field at fault is named");
        Assert.That((await client.RequestAsync(SystemProtocol.Heartbeat)).Result, Is.EqualTo(0), "the connection stays usable");
    }

    [Test]
    public async Task NothingButSystemIsServedBeforeLogin()
    {
        await using var client = await TestServer.ConnectAsync(Host);
        Assert.That((await client.RequestAsync(GmProtocol.Command, new GmCommandRequest { Text = "help" })).Result,
            Is.EqualTo((int)ResultCode.NotLoggedIn));
        Assert.That((await client.RequestAsync(SystemProtocol.Heartbeat)).Result, Is.EqualTo(0), "heartbeat is allowed before login");
        Assert.That((await client.RequestAsync(77, 1)).Result, Is.EqualTo((int)ResultCode.UnknownOp),
            "a module that does not exist (raw numbers)");
    }

    [Test]
    public async Task ALoginAndARequestSentTogetherAreServedInOrder()
    {
        string acc = "gm";
        await using var client = await TestServer.ConnectAsync(Host);
        await client.SendAsync(SystemProtocol.Login, new LoginRequest { Acc = acc, Token = TestServer.Token(acc) }, 1);
        await client.SendAsync(GmProtocol.Command, new GmCommandRequest { Text = "time" }, 2);
        var login = await client.WaitForAsync(_ => true);
        Assert.That((login.Is(SystemProtocol.Login), login.Result), Is.EqualTo((true, 0)),
            "responses to seq requests sent with SendAsync arrive unsolicited");
        var gm = await client.WaitForAsync(_ => true);
        Assert.That((gm.Is(GmProtocol.Command), gm.Seq, gm.Result), Is.EqualTo((true, (long?)2, 0)),
            "the GM request saw the login before it");
    }

    [Test]
    public async Task SeqIsEchoedAndAbsentWhenTheRequestHadNone()
    {
        // the wire contract itself: raw numbers, no data
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
        Assert.That((await client.RequestAsync(SystemProtocol.Login, new LoginRequest { Acc = other, Token = TestServer.Token(other) }))
            .Result, Is.EqualTo((int)ResultCode.AlreadyLoggedIn));
        Assert.That((await client.RequestAsync(SystemProtocol.Login, new LoginRequest { Acc = acc, Token = TestServer.Token(acc) }))
            .Result, Is.EqualTo(0), "the same account again is harmless");
    }

    /// <summary>
    /// A login whose step fails (here the Redis connection drops under one of the login's handlers) answers redis_error and
    /// leaves nothing logged in: the connection closes with login_failed and presence is released. The next login does
    /// every step and finds its profile.
    /// </summary>
    [Test]
    public async Task ALoginWhoseStepFailsAnswersRedisErrorAndLeavesNothingLoggedIn()
    {
        string acc = TestServer.NewAccount();
        int failing = 1;
        Host.Services.DomainEvents.Subscribe<Core.Sessions.AccountLoggedIn>("test: failing step " + acc, (e, _) =>
            e.Session.Account == acc && Interlocked.Exchange(ref failing, 0) == 1
                ? throw new StackExchange.Redis.RedisConnectionException(StackExchange.Redis.ConnectionFailureType.SocketFailure,
                    StackExchange.Redis.CommandFlags.None, "test outage", null, StackExchange.Redis.CommandStatus.Unknown)
                : Task.CompletedTask);
        var online = new System.Collections.Concurrent.ConcurrentQueue<Core.Events.OnlineEvent>();
        Host.Services.Events.Subscribe(Core.Events.SystemEvents.Online, "test: online " + acc, (e, _, _) =>
        {
            if (e.Account == acc) online.Enqueue(e);
            return Task.CompletedTask;
        });
        await using (var client = await TestServer.ConnectAsync(Host))
        {
            var reply = await client.RequestAsync(SystemProtocol.Login, new LoginRequest { Acc = acc, Token = TestServer.Token(acc) });
            Assert.That(reply.Result, Is.EqualTo((int)ResultCode.RedisError));
            await Kicks.ExpectAsync(client, Protocol.Catalog.KickReason.LoginFailed);
        }
        Assert.That(await Eventually.TrueAsync(async () => !Host.Services.Sessions.Registry.TryGetByAccount(acc, out _) &&
            await Host.Services.Sessions.LocateAsync(acc) is null), Is.True, "not bound, no presence");
        await using var again = await TestServer.LoginAsync(Host, acc);
        var profile = await again.RequestAsync(PlayerProtocol.GetProfile, new Protocol.Messages.Player.GetProfileRequest());
        Assert.That(profile.Result, Is.EqualTo(0));
        // The login that succeeded says the account is online; the one that failed, before it (the bus delivers in
        // order), never did.
        Assert.That(await Eventually.TrueAsync(() => !online.IsEmpty), Is.True, "the successful login's online event");
        Assert.That(online, Has.Count.EqualTo(1), "no online event for the failed login");
    }
}
