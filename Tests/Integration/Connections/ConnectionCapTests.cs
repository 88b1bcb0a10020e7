using System.Globalization;
using System.Net;
using System.Text;
using SocialGame.Client;
using SocialGame.Core.Options;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.System;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Connections;

/// <summary>Connection caps per client IP: a connection beyond one is told why and closed as it opens; other addresses are
/// served.</summary>
public class ConnectionCapTests : ServerFixture
{
    private static readonly IPAddress Proxy = IPAddress.Parse("127.0.3.1");

    protected override void Configure(ServerOptions options)
    {
        options.Connections.MaxPerIp = 3;
        options.Connections.MaxNotLoggedInPerIp = 2;
        options.TrustedProxies = [Proxy.ToString()];
    }

    private Task<(GameClient, bool)> OpenFromAsync(string ip) =>
        ConnectionMetrics.OpenAsync(Host, () => GameClient.ConnectAsync("127.0.0.1", Host.Port, IPAddress.Parse(ip)),
            KickReason.TooManyFromIp);

    private long Refused(string cap) => ConnectionMetrics.Refused(Host, cap);

    [Test]
    public async Task ConnectionsBeyondTheCapsOfTheirAddressAreKickedWhileAnotherAddressIsServed()
    {
        long notLoggedIn = Refused("not_logged_in_per_ip"), perIp = Refused("per_ip");
        var (a, aIn) = await OpenFromAsync("127.0.1.1");
        var (b, bIn) = await OpenFromAsync("127.0.1.1");
        var (c, cIn) = await OpenFromAsync("127.0.1.1");
        await using var _ = a;
        await using var __ = c;
        Assert.That((aIn, bIn, cIn), Is.EqualTo((true, true, false)), "the third connection not logged in from the address is refused");
        Assert.That(Refused("not_logged_in_per_ip") - notLoggedIn, Is.EqualTo(1));

        // A real player from another address is not locked out.
        string player = TestServer.NewAccount();
        await using var other = await GameClient.ConnectAsync("127.0.0.1", Host.Port, IPAddress.Parse("127.0.1.2"));
        Assert.That((await other.RequestAsync(SystemProtocol.Login,
            new LoginRequest { Acc = player, Token = TestServer.Token(player) })).Result, Is.Zero);

        // Logging in frees a not-logged-in place; the address then reaches its cap of open connections.
        string acc = TestServer.NewAccount();
        Assert.That((await a.RequestAsync(SystemProtocol.Login, new LoginRequest { Acc = acc, Token = TestServer.Token(acc) })).Result,
            Is.Zero);
        var (d, dIn) = await OpenFromAsync("127.0.1.1");
        var (e, eIn) = await OpenFromAsync("127.0.1.1");
        await using var ___ = d;
        await using var ____ = e;
        Assert.That((dIn, eIn), Is.EqualTo((true, false)), "a (logged in), b and d are open: the fourth is refused");
        Assert.That(Refused("per_ip") - perIp, Is.EqualTo(1));

        // Closing gives the place back.
        await b.DisposeAsync();
        Assert.That(await Eventually.TrueAsync(() => ConnectionMetrics.Value(Host, "socialgame_not_logged_in") == 1), Is.True);
        var (f, fIn) = await OpenFromAsync("127.0.1.1");
        await using var _____ = f;
        Assert.That(fIn, Is.True, "the closed connection's place is free again");
    }

    [Test]
    public async Task ManyConnectionsOpeningAtOnceFromOneAddressAdmitExactlyTheCap()
    {
        long before = Refused("not_logged_in_per_ip");
        var clients = await Task.WhenAll(Enumerable.Range(0, 40)
            .Select(_ => GameClient.ConnectAsync("127.0.0.1", Host.Port, IPAddress.Parse("127.0.1.3"))));
        try
        {
            Assert.That(await Eventually.TrueAsync(() => Refused("not_logged_in_per_ip") - before >= 38, 10), Is.True);
            Assert.That(await Eventually.TrueAsync(() => clients.Count(c => c.IsClosed) >= 38, 10), Is.True);
            var open = clients.Where(c => !c.IsClosed).ToList();
            Assert.That(open, Has.Count.EqualTo(2), "the cap of connections not logged in per address");
            Assert.That(Refused("not_logged_in_per_ip") - before, Is.EqualTo(38), "every refusal counted once");
            foreach (var client in open) Assert.That((await client.RequestAsync(SystemProtocol.Heartbeat)).Result, Is.Zero);
            foreach (var client in clients.Where(c => c.IsClosed)) await Kicks.ExpectAsync(client, KickReason.TooManyFromIp);
        }
        finally
        {
            foreach (var client in clients) await client.DisposeAsync();
        }
        Assert.That(await Eventually.TrueAsync(() => ConnectionMetrics.Value(Host, "socialgame_not_logged_in") == 0), Is.True,
            "the counts return to zero when they all closed");
    }

    [Test]
    public async Task BehindATrustedProxyTheCapsCountTheAddressItNames()
    {
        async Task<GameClient> ViaProxyAsync(string client)
        {
            var connection = await GameClient.ConnectAsync("127.0.0.1", Host.Port, Proxy);
            await connection.SendRawAsync(Encoding.ASCII.GetBytes($"PROXY TCP4 {client} 127.0.0.1 40000 {Host.Port}\r\n"));
            return connection;
        }

        long before = Refused("not_logged_in_per_ip");
        var named = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ViaProxyAsync("203.0.113.50")));
        try
        {
            Assert.That(await Eventually.TrueAsync(() => named.Count(c => c.IsClosed) == 1), Is.True,
                "the named address's cap, not the proxy's");
            Assert.That(Refused("not_logged_in_per_ip") - before, Is.EqualTo(1));
            await Kicks.ExpectAsync(named.Single(c => c.IsClosed), KickReason.TooManyFromIp);
            foreach (var client in named.Where(c => !c.IsClosed))
                Assert.That((await client.RequestAsync(SystemProtocol.Heartbeat)).Result, Is.Zero);
            await using var another = await ViaProxyAsync("203.0.113.51");
            Assert.That((await another.RequestAsync(SystemProtocol.Heartbeat)).Result, Is.Zero, "another client behind the same proxy");
        }
        finally
        {
            foreach (var client in named) await client.DisposeAsync();
        }
    }
}

/// <summary>The node-wide caps: connections in all, and connections not logged in.</summary>
public class NodeConnectionCapTests : ServerFixture
{
    protected override void Configure(ServerOptions options)
    {
        options.Connections.Max = 5;
        options.Connections.MaxNotLoggedIn = 3;
    }

    private Task<(GameClient, bool)> OpenAsync(int n) => ConnectionMetrics.OpenAsync(Host,
        () => GameClient.ConnectAsync("127.0.0.1", Host.Port, IPAddress.Parse($"127.0.2.{n}")), KickReason.ServerFull);

    [Test]
    public async Task ConnectionsBeyondTheNodesCapsAreKickedAsServerFull()
    {
        long notLoggedIn = ConnectionMetrics.Refused(Host, "not_logged_in"), max = ConnectionMetrics.Refused(Host, "max");
        var opened = new List<(GameClient Client, bool Admitted)>();
        try
        {
            for (int i = 1; i <= 4; i++) opened.Add(await OpenAsync(i));
            Assert.That(opened.Select(o => o.Admitted), Is.EqualTo(new[] { true, true, true, false }), "three not logged in at most");
            Assert.That(ConnectionMetrics.Refused(Host, "not_logged_in") - notLoggedIn, Is.EqualTo(1));

            foreach (var (client, _) in opened.Take(2))
            {
                string acc = TestServer.NewAccount();
                Assert.That((await client.RequestAsync(SystemProtocol.Login,
                    new LoginRequest { Acc = acc, Token = TestServer.Token(acc) })).Result, Is.Zero);
            }
            for (int i = 5; i <= 7; i++) opened.Add(await OpenAsync(i));
            Assert.That(opened.Skip(4).Select(o => o.Admitted), Is.EqualTo(new[] { true, true, false }), "five open at most");
            Assert.That(ConnectionMetrics.Refused(Host, "max") - max, Is.EqualTo(1));
        }
        finally
        {
            foreach (var (client, _) in opened) await client.DisposeAsync();
        }
    }
}

/// <summary>The connection metrics as an operator reads them, and opening a connection the server may refuse.</summary>
public static class ConnectionMetrics
{
    public static long Refused(ServerHost host, string cap) => Value(host, $"socialgame_connections_refused_total{{cap=\"{cap}\"}}");

    private static long RefusedTotal(ServerHost host) =>
        Enum.GetNames<Core.Dispatch.ConnectionCap>().Sum(cap => Refused(host, Protocol.Generators.ProtocolText.SnakeCase(cap)));

    public static long Value(ServerHost host, string series)
    {
        string line = host.Services.Metrics.RenderPrometheus().Split('\n')
            .Single(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return long.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Opens a connection, waits until the server admitted it (one more accepted) or refused it (one more refused),
    /// and checks what the client sees: an admitted one answers a heartbeat; a refused one was kicked with
    /// <paramref name="refusal"/> and closed. Nothing is sent to a refused connection, so its kicked push cannot be lost
    /// to a reset. Meant for one connection at a time.
    /// </summary>
    public static async Task<(GameClient Client, bool Admitted)> OpenAsync(ServerHost host, Func<Task<GameClient>> open, string refusal)
    {
        long refused = RefusedTotal(host), accepted = Value(host, "socialgame_connections_accepted_total");
        var client = await open();
        Assert.That(await Eventually.TrueAsync(() => RefusedTotal(host) > refused
            || Value(host, "socialgame_connections_accepted_total") > accepted), Is.True,
            "the server admitted or refused the connection");
        bool admitted = RefusedTotal(host) == refused;
        if (admitted)
            Assert.That((await client.RequestAsync(SystemProtocol.Heartbeat)).Result, Is.Zero, "an admitted connection is served");
        else await Kicks.ExpectAsync(client, refusal);
        return (client, admitted);
    }
}
