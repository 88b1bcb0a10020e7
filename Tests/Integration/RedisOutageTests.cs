using System.Diagnostics;
using SocialGame.Core.Push;
using SocialGame.Protocol;
using SocialGame.Protocol.Messages.System;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Player;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

/// <summary>Redis stopped under a running server, then started again on the same port.</summary>
public class RedisOutageTests : RedisFixture
{
    [Test]
    public async Task APushThatCannotBeRoutedWhileRedisIsDownIsDroppedNotThrown()
    {
        // Pushes follow changes already made (a help, a stored mail): their callers must not see a Redis fault.
        await using var host = await TestServer.StartAsync(Redis);
        string here = TestServer.NewAccount();
        await using var connected = await TestServer.LoginAsync(host, here);
        Standalone.Stop();
        try
        {
            var elsewhere = await host.Services.Push.ToAccountAsync(TestServer.NewAccount(), PlayerProtocol.Unread,
                new UnreadPush { Count = 1 });
            Assert.That(elsewhere, Is.EqualTo(PushRoute.Offline), "not connected here, and presence cannot be read");
            var local = await host.Services.Push.ToAccountAsync(here, PlayerProtocol.Unread, new UnreadPush { Count = 2 });
            Assert.That(local, Is.EqualTo(PushRoute.Local), "a player connected here is reached without Redis");
            Assert.That((await connected.WaitForAsync(PlayerProtocol.Unread)).Count, Is.EqualTo(2));
        }
        finally
        {
            Standalone.Start();
        }
    }

    [Test]
    public async Task RequestsAnswerRedisErrorWhileItIsDownAndTheServerRecoversByItself()
    {
        await using var host = await TestServer.StartAsync(Redis);
        string before = TestServer.NewAccount();
        await using var connected = await TestServer.LoginAsync(host, before);

        Standalone.Stop();
        try
        {
            await using var client = await TestServer.ConnectAsync(host);
            string acc = TestServer.NewAccount();
            var watch = Stopwatch.StartNew();
            var reply = await client.RequestAsync(SystemProtocol.Login, new LoginRequest { Acc = acc, Token = TestServer.Token(acc) });
            Assert.That(reply.Result, Is.EqualTo((int)ResultCode.RedisError));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "answered promptly, not hung");
            Assert.That((await client.RequestAsync(SystemProtocol.Heartbeat)).Result, Is.EqualTo(0), "the server itself stays up");
            Assert.That((await connected.RequestAsync(SystemProtocol.Heartbeat)).Result, Is.EqualTo(0), "connected players stay connected");
            using var http = new HttpClient();
            var health = await http.GetAsync($"http://127.0.0.1:{host.AdminPort}/health");
            Assert.That((int)health.StatusCode, Is.EqualTo(503));
        }
        finally
        {
            Standalone.Start();
        }

        // The restarted Redis is empty: no scripts (NOSCRIPT path), no presence entries.
        string after = TestServer.NewAccount();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        int result = -1;
        while (DateTime.UtcNow < deadline)
        {
            await using var client = await TestServer.ConnectAsync(host);
            result = (await client.RequestAsync(SystemProtocol.Login, new LoginRequest { Acc = after, Token = TestServer.Token(after) }))
                .Result;
            if (result == 0) break;
            await Task.Delay(200);
        }
        Assert.That(result, Is.EqualTo(0), "logins work again after Redis is back");

        // Closing releases presence through a Lua script the new Redis has never seen.
        Assert.That(await Eventually.TrueAsync(async () => await host.Services.Sessions.LocateAsync(after) is null), Is.True);
        Assert.That(await host.Services.Redis.PingAsync(), Is.True);
    }
}
