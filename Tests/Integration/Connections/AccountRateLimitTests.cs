using System.Net;
using SocialGame.Client;
using SocialGame.Core.Options;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Player;
using SocialGame.Protocol.Messages.System;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Connections;

/// <summary>After login the request rate limit belongs to the account: reconnecting does not refill it.</summary>
public class AccountRateLimitTests : ServerFixture
{
    protected override void Configure(ServerOptions options)
    {
        options.RateLimit.RatePerSecond = 1;
        options.RateLimit.Burst = 10;
    }

    private static async Task<int[]> HeartbeatsAsync(GameClient client, int count) =>
        (await Task.WhenAll(Enumerable.Range(0, count).Select(_ => client.RequestAsync(SystemProtocol.Heartbeat)))).Select(r => r.Result)
            .ToArray();

    [Test]
    public async Task ReconnectingDoesNotRefillTheAccountsBucket()
    {
        string acc = TestServer.NewAccount();
        await using (var first = await TestServer.LoginAsync(Host, acc))
            Assert.That(await HeartbeatsAsync(first, 10), Is.All.Zero, "the burst");
        await using var second = await TestServer.LoginAsync(Host, acc);
        Assert.That((await second.RequestAsync(SystemProtocol.Heartbeat)).Result, Is.EqualTo((int)ResultCode.ClickTooFast),
            "the account's bucket is still empty");
        await using var someoneElse = await TestServer.LoginAsync(Host, TestServer.NewAccount());
        Assert.That(await HeartbeatsAsync(someoneElse, 5), Is.All.Zero, "another account from the same address has its own");
    }

    [Test]
    public async Task ManyConnectionsOfOneAccountRacingThroughReloginsShareOneBucket()
    {
        string acc = TestServer.NewAccount();
        long before = Host.Services.Metrics.RequestCount(1, 2, 0);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // Eight clients of one account log in again and again, each time pipelining ten heartbeats; every login kicks the
        // previous connection, possibly while its heartbeats are still being checked on another event loop.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (int round = 0; round < 5; round++)
            {
                await using var client = await TestServer.ConnectAsync(Host);
                try
                {
                    await client.SendAsync(SystemProtocol.Login, new LoginRequest { Acc = acc, Token = TestServer.Token(acc) }, null);
                    for (int i = 0; i < 10; i++) await client.SendAsync(SystemProtocol.Heartbeat, new EmptyRequest(), null);
                    await client.WaitForAsync(f => f.Is(SystemProtocol.Heartbeat), TimeSpan.FromSeconds(5));
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException
                    or System.Threading.Channels.ChannelClosedException)
                {
                    // kicked by a newer login of the same account before an answer came
                }
            }
        })));
        long served = Host.Services.Metrics.RequestCount(1, 2, 0) - before;
        // Without the shared bucket every connection would have its own burst: up to 400 heartbeats served.
        double allowed = 10 + watch.Elapsed.TotalSeconds * 1 + 8;
        Assert.That(served, Is.LessThanOrEqualTo((long)allowed), $"served {served} in {watch.Elapsed.TotalSeconds:F1}s");
    }
}

/// <summary>Logins are rate limited per client IP (every attempt) and per account (logins with a valid token).</summary>
public class LoginRateLimitTests : ServerFixture
{
    protected override void Configure(ServerOptions options)
    {
        options.RateLimit.LoginsPerIpPerMinute = 3;
        options.RateLimit.LoginsPerAccountPerMinute = 2;
    }

    private Task<GameClient> ConnectFromAsync(string ip) => GameClient.ConnectAsync("127.0.0.1", Host.Port, IPAddress.Parse(ip));

    private static async Task<int> LoginAsync(GameClient client, string acc, string? token = null) =>
        (await client.RequestAsync(SystemProtocol.Login, new LoginRequest { Acc = acc, Token = token ?? TestServer.Token(acc) })).Result;

    [Test]
    public async Task LoginAttemptsFromOneAddressAreLimitedBadTokensIncluded()
    {
        await using var forged = await ConnectFromAsync("127.0.4.1");
        Assert.That(await LoginAsync(forged, TestServer.NewAccount(), TestServer.Token("someone")), Is.EqualTo((int)ResultCode.BadToken));
        await using var a = await ConnectFromAsync("127.0.4.1");
        Assert.That(await LoginAsync(a, TestServer.NewAccount()), Is.Zero);
        await using var b = await ConnectFromAsync("127.0.4.1");
        Assert.That(await LoginAsync(b, TestServer.NewAccount()), Is.Zero);
        await using var c = await ConnectFromAsync("127.0.4.1");
        Assert.That(await LoginAsync(c, TestServer.NewAccount()), Is.EqualTo((int)ResultCode.ClickTooFast),
            "the fourth attempt within a minute");
        Assert.That((await c.RequestAsync(SystemProtocol.Heartbeat)).Result, Is.Zero, "the refused connection stays");
        await using var elsewhere = await ConnectFromAsync("127.0.4.2");
        Assert.That(await LoginAsync(elsewhere, TestServer.NewAccount()), Is.Zero, "another address logs in");
    }

    [Test]
    public async Task LoginsOfOneAccountAreLimitedAndARefusedOneKicksNobody()
    {
        string acc = TestServer.NewAccount();
        await using var first = await ConnectFromAsync("127.0.4.11");
        Assert.That(await LoginAsync(first, acc), Is.Zero);
        await using var second = await ConnectFromAsync("127.0.4.12");
        Assert.That(await LoginAsync(second, acc), Is.Zero);
        await using var third = await ConnectFromAsync("127.0.4.13");
        Assert.That(await LoginAsync(third, acc), Is.EqualTo((int)ResultCode.ClickTooFast));
        Assert.That((await second.RequestAsync(PlayerProtocol.GetProfile, new GetProfileRequest())).Result, Is.Zero,
            "the holder is still logged in");
        Assert.That(Host.Services.Sessions.Registry.TryGetByAccount(acc, out var holder)
            && holder.ClientIp.Equals(IPAddress.Parse("127.0.4.12")), Is.True);
        await using var other = await ConnectFromAsync("127.0.4.13");
        Assert.That(await LoginAsync(other, TestServer.NewAccount()), Is.Zero, "another account from the refused connection's address");
    }
}
