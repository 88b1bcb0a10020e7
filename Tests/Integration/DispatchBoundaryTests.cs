using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

public class DispatchBoundaryTests : RedisFixture
{
    private ServerHost _host = null!;
    private ProbeModule _probe = null!;

    [SetUp]
    public async Task Start()
    {
        _probe = new ProbeModule();
        _host = await TestServer.StartAsync(Redis, extraModules: _ => [_probe]);
    }

    [TearDown]
    public async Task Stop() => await _host.StopAsync();

    [Test]
    public async Task AHandlerExceptionBecomesServerErrorAndTheConnectionStays()
    {
        await using var client = await TestServer.LoginAsync(_host, TestServer.NewAccount());
        Assert.That((await client.RequestAsync(ProbeModule.Module, 1)).Result, Is.EqualTo((int)ResultCode.ServerError));
        Assert.That((await client.RequestAsync(SystemProtocol.Heartbeat)).Result, Is.EqualTo(0));
        Assert.That(_host.Services.Metrics.RequestCount(ProbeModule.Module, 1, (int)ResultCode.ServerError), Is.EqualTo(1));
    }

    [Test]
    public async Task AnAnswerThatCannotBeSerialisedIsAnsweredServerError()
    {
        await using var client = await TestServer.LoginAsync(_host, TestServer.NewAccount());
        Assert.That((await client.RequestAsync(ProbeModule.Module, 5)).Result, Is.EqualTo((int)ResultCode.ServerError),
            "answered, not left waiting");
        Assert.That(_host.Services.Metrics.RequestCount(ProbeModule.Module, 5, (int)ResultCode.ServerError), Is.EqualTo(1));
        Assert.That((await client.RequestAsync(SystemProtocol.Heartbeat)).Result, Is.EqualTo(0));
    }

    [Test]
    public async Task OnePlayersRequestsRunOneAtATimeInArrivalOrder()
    {
        string acc = TestServer.NewAccount();
        await using var client = await TestServer.LoginAsync(_host, acc);
        var replies = await Task.WhenAll(Enumerable.Range(0, 30)
            .Select(n => client.RequestAsync(ProbeModule.Module, 2, new { ms = 3, n })));
        Assert.That(replies.Select(r => r.Result), Is.All.EqualTo(0));
        Assert.That(_probe.Order.Where(o => o.Account == acc).Select(o => o.N), Is.EqualTo(Enumerable.Range(0, 30)));
        Assert.That(_probe.MaxSameAccount, Is.EqualTo(1));
    }

    [Test]
    public async Task AnAccountsRequestsNeverOverlapAcrossReloginsAndClosedConnectionsLeaveNoLockBehind()
    {
        // Many rounds at once: each account's connection queues held requests, and a second connection of the same
        // account logs in over it meanwhile (the login takes the account's lock by name, the requests the lock their
        // connection joined) and sends its own; then both close.
        var accounts = Enumerable.Range(0, 12).Select(_ => TestServer.NewAccount()).ToList();
        await Task.WhenAll(accounts.Select(async acc =>
        {
            for (int round = 0; round < 3; round++)
            {
                await using var first = await TestServer.LoginAsync(_host, acc);
                var pending = Enumerable.Range(0, 4).Select(n => first.RequestAsync(ProbeModule.Module, 2, new { ms = 5, n })).ToList();
                await using var second = await TestServer.LoginAsync(_host, acc);
                var replies = await Task.WhenAll(Enumerable.Range(0, 4)
                    .Select(n => second.RequestAsync(ProbeModule.Module, 2, new { ms = 5, n })));
                Assert.That(replies.Select(r => r.Result), Is.All.EqualTo(0));
                foreach (var p in pending)
                {
                    try
                    {
                        await p;
                    }
                    catch (Exception ex) when (ex is IOException or TimeoutException)
                    {
                        // the first connection was kicked by the relogin: its waiting requests may go unanswered
                    }
                }
            }
        }));
        Assert.That(_probe.MaxSameAccount, Is.EqualTo(1), "two requests of one account ran at once");
        Assert.That(await Eventually.TrueAsync(() => _host.Locks.Count == 0), Is.True,
            $"{_host.Locks.Count} account locks left after every connection closed");
    }

    [Test]
    public async Task DifferentPlayersRunInParallel()
    {
        await using var a = await TestServer.LoginAsync(_host, TestServer.NewAccount());
        await using var b = await TestServer.LoginAsync(_host, TestServer.NewAccount());
        var replies = await Task.WhenAll(a.RequestAsync(ProbeModule.Module, 2, new { ms = 500, n = 1 }),
            b.RequestAsync(ProbeModule.Module, 2, new { ms = 500, n = 2 }));
        Assert.That(replies.Select(r => r.Result), Is.All.EqualTo(0));
        Assert.That(_probe.MaxConcurrent, Is.EqualTo(2));
    }

    [Test]
    public async Task AClientThatStopsReadingIsClosedAndOthersAreServed([Values(false, true)] bool offLoop)
    {
        await _host.StopAsync();
        _probe = new ProbeModule();
        _host = await TestServer.StartAsync(Redis, configure: o => o.Outbound.MaxPendingBytes = 256 * 1024, extraModules: _ => [_probe]);
        string acc = TestServer.NewAccount();
        // A raw socket that sends its login and a request for 24 MB of pushes, and never reads a byte. The pushes are written
        // from the event loop, or from a thread-pool thread (each frame then waits in the loop's task queue first: those
        // count against the limit too).
        using var silent = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp)
            { ReceiveBufferSize = 4096 };
        await silent.ConnectAsync("127.0.0.1", _host.Port);
        await silent.SendAsync(Client.ClientCodec.EncodeFrame(1, 1, new { acc, token = TestServer.Token(acc) }, 1));
        Assert.That(await Eventually.TrueAsync(() => _host.Services.Sessions.Registry.TryGetByAccount(acc, out _)), Is.True, "logged in");
        await using var other = await TestServer.LoginAsync(_host, TestServer.NewAccount());
        await silent.SendAsync(Client.ClientCodec.EncodeFrame(ProbeModule.Module, 3,
            new { count = 400, size = 60_000, offloop = offLoop }, 2));
        Assert.That(await Eventually.TrueAsync(() => !_host.Services.Sessions.Registry.TryGetByAccount(acc, out _), 20), Is.True,
            "the server closed the connection that stopped reading");
        Assert.That(_host.Services.Metrics.RenderPrometheus(), Does.Contain("socialgame_slow_consumers_total 1"));
        // Stopped once the connection was kicked, not after all 400 (about 50 from the loop, where the kernel's socket
        // buffers take frames first; from another thread between 5 and 40, as the loop keeps up).
        Assert.That(_probe.SpamSent, Is.LessThan(200), "pushes written before the connection was kicked");
        Assert.That((await other.RequestAsync(SystemProtocol.Heartbeat)).Result, Is.EqualTo(0));
    }
}
