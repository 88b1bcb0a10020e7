using System.Net.Sockets;
using SocialGame.Client;
using SocialGame.Protocol.Catalog;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Connections;

/// <summary>The closes decided deep in the dispatch and write paths also say why first.</summary>
public class CloseReasonTests : RedisFixture
{
    private ServerHost _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await TestServer.StartAsync(Redis, extraModules: _ => [new ProbeModule()], configure: o =>
    {
        o.MaxQueuedPerSession = 4;
        o.Outbound.MaxPendingBytes = 256 * 1024;
    });

    [OneTimeTearDown]
    public async Task Stop() => await _host.StopAsync();

    [Test]
    public async Task MoreRequestsWaitingThanTheQueueHoldsIsAQueueOverflow()
    {
        await using var client = await TestServer.LoginAsync(_host, TestServer.NewAccount());
        await client.SendRawAsync(Enumerable.Range(1, 10)
            .SelectMany(n => ClientCodec.EncodeFrame(ProbeModule.Module, 2, new { ms = 300, n }, n)).ToArray());
        await Kicks.ExpectAsync(client, KickReason.QueueOverflow);
        Assert.That(_host.Services.Metrics.RenderPrometheus(), Does.Contain("socialgame_server_closes_total{reason=\"queue_overflow\"} 1"));
    }

    [Test]
    public async Task AClientThatStopsReadingFindsTheReasonWhenItReadsAgain()
    {
        string acc = TestServer.NewAccount();
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync("127.0.0.1", _host.Port);
        await socket.SendAsync(ClientCodec.EncodeFrame(1, 1, new { acc, token = TestServer.Token(acc) }, 1));
        Assert.That(await Eventually.TrueAsync(() => _host.Services.Sessions.Registry.TryGetByAccount(acc, out _)), Is.True, "logged in");
        // Megabytes of pushes to a client that reads nothing for now.
        await socket.SendAsync(ClientCodec.EncodeFrame(ProbeModule.Module, 3, new { count = 400, size = 60_000 }, 2));
        Assert.That(await Eventually.TrueAsync(() =>
            _host.Services.Metrics.RenderPrometheus().Contains("socialgame_slow_consumers_total 1"), 20), Is.True,
            "the server saw the output pile up");
        // Reading again (within the close's grace) drains what was pending: the kicked push comes last, then the close.
        var kicked = await Kicks.ExpectAsync(socket, KickReason.SlowReader);
        Assert.That(kicked.GetString("text"), Does.Contain("接收过慢"));
    }
}
