using System.Net;
using System.Text;
using SocialGame.Client;
using SocialGame.Core.Options;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.System;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

/// <summary>The client IP is the TCP peer, or what a trusted proxy names; never a field the client sends.</summary>
public class ClientAddressTests : ServerFixture
{
    private static readonly IPAddress Proxy = IPAddress.Parse("127.0.0.7");

    protected override void Configure(ServerOptions options) => options.TrustedProxies = [Proxy.ToString()];

    private async Task<IPAddress> LoggedInIpAsync(string acc) =>
        await Eventually.TrueAsync(() => Host.Services.Sessions.Registry.TryGetByAccount(acc, out _))
            && Host.Services.Sessions.Registry.TryGetByAccount(acc, out var s) ? s.ClientIp : IPAddress.None;

    [Test]
    public async Task TheTcpPeerIsTheClientIp()
    {
        string acc = TestServer.NewAccount();
        await using var client = await GameClient.ConnectAsync("127.0.0.1", Host.Port, IPAddress.Parse("127.0.0.42"));
        Assert.That((await client.RequestRawAsync(SystemProtocol.Login, new { acc, token = TestServer.Token(acc), ip = "8.8.8.8" })).Result,
            Is.EqualTo(0));
        Assert.That(await LoggedInIpAsync(acc), Is.EqualTo(IPAddress.Parse("127.0.0.42")));
    }

    [Test]
    public async Task ATrustedProxyNamesTheClient()
    {
        string acc = TestServer.NewAccount();
        await using var client = await GameClient.ConnectAsync("127.0.0.1", Host.Port, Proxy);
        await client.SendRawAsync(Encoding.ASCII.GetBytes($"PROXY TCP4 203.0.113.9 127.0.0.1 40000 {Host.Port}\r\n"));
        Assert.That((await client.RequestAsync(SystemProtocol.Login, new LoginRequest { Acc = acc, Token = TestServer.Token(acc) })).Result,
            Is.EqualTo(0));
        Assert.That(await LoggedInIpAsync(acc), Is.EqualTo(IPAddress.Parse("203.0.113.9")));
    }

    [Test]
    public async Task AnUntrustedPeerCannotClaimAnAddress()
    {
        await using var client = await GameClient.ConnectAsync("127.0.0.1", Host.Port, IPAddress.Parse("127.0.0.8"));
        await client.SendRawAsync(Encoding.ASCII.GetBytes($"PROXY TCP4 203.0.113.9 127.0.0.1 40000 {Host.Port}\r\n"));
        await Kicks.ExpectAsync(client, Protocol.Catalog.KickReason.MalformedFrame);
    }

    [Test]
    public async Task ATrustedProxyWithoutAValidLineIsClosed()
    {
        await using var client = await GameClient.ConnectAsync("127.0.0.1", Host.Port, Proxy);
        await client.SendRawAsync(Encoding.ASCII.GetBytes("PROXY TCP4 not-an-ip 127.0.0.1 1 2\r\n"));
        await Kicks.ExpectAsync(client, Protocol.Catalog.KickReason.MalformedFrame);
    }
}
