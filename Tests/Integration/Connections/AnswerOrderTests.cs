using SocialGame.Client;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Connections;

/// <summary>Answers on one connection leave in request order, whatever decided them; pushes may come between.</summary>
public class AnswerOrderTests : RedisFixture
{
    private ServerHost _host = null!;
    private ProbeModule _probe = null!;

    [SetUp]
    public async Task Start()
    {
        _probe = new ProbeModule();
        _host = await TestServer.StartAsync(Redis, extraModules: _ => [_probe], configure: o =>
        {
            o.RateLimit.RatePerSecond = 1;
            o.RateLimit.Burst = 10;
        });
    }

    [TearDown]
    public async Task Stop() => await _host.StopAsync();

    /// <summary>Sends every frame in one write (seqs 1..n) and returns the n answers in the order they arrived.</summary>
    private static async Task<List<Frame>> PipelineAsync(GameClient client, IReadOnlyList<(int Module, int OpId, object? Data)> requests)
    {
        await client.SendRawAsync(requests.SelectMany((r, i) => ClientCodec.EncodeFrame(r.Module, r.OpId, r.Data, i + 1)).ToArray());
        var answers = new List<Frame>();
        while (answers.Count < requests.Count) answers.Add(await client.WaitForAsync(f => f.Seq is not null));
        return answers;
    }

    [Test]
    public async Task AHundredPipelinedRequestsPastTheRateLimitAreAnsweredInRequestOrder()
    {
        await using var client = await TestServer.LoginAsync(_host, TestServer.NewAccount());
        // Each accepted request holds 20 ms: refusals decided on arrival would overtake them if written at once.
        var answers = await PipelineAsync(client,
            Enumerable.Range(1, 100).Select(n => (ProbeModule.Module, 2, (object?)new { ms = 20, n })).ToList());
        Assert.That(answers.Select(a => a.Seq), Is.EqualTo(Enumerable.Range(1, 100).Select(n => (long?)n)), "answers in request order");
        var results = answers.Select(a => a.Result).ToList();
        Assert.That(results.Take(10), Is.All.Zero, "the account's burst");
        Assert.That(results.Skip(11), Is.All.EqualTo((int)ResultCode.ClickTooFast));
        Assert.That(answers.All(a => a.ModuleType == ProbeModule.Module && a.OpId == 2), Is.True,
            "each answer names its request's operation");
    }

    [Test]
    public async Task TheLoginGateUnknownOperationsAndRefusalsWaitForTheAnswersBeforeThem()
    {
        await using var client = await TestServer.ConnectAsync(_host);
        string acc = TestServer.NewAccount();
        var requests = new List<(int, int, object?)>
        {
            (6, 0, new { id = 1 }),                          // before login: not_logged_in
            (1, 1, new { acc, token = TestServer.Token(acc) }), // the login waits for Redis
            (98, 7, null),                                   // no such operation
        };
        requests.AddRange(Enumerable.Range(0, 12).Select(_ => (1, 2, (object?)null)));
        var answers = await PipelineAsync(client, requests);
        Assert.That(answers.Select(a => a.Seq), Is.EqualTo(Enumerable.Range(1, requests.Count).Select(n => (long?)n)));
        Assert.That(answers.Select(a => a.Result).Take(3), Is.EqualTo(new[] { (int)ResultCode.NotLoggedIn, 0, (int)ResultCode.UnknownOp }));
        Assert.That(answers.Select(a => a.Result).Skip(3).Take(7), Is.All.Zero, "the connection's burst of ten, three used above");
        Assert.That(answers.Select(a => a.Result).Skip(11), Is.All.EqualTo((int)ResultCode.ClickTooFast));
    }

    [Test]
    public async Task ServerBusyAnswersDuringAStopComeAfterTheAnswersBeforeThem()
    {
        await using var client = await TestServer.LoginAsync(_host, TestServer.NewAccount());
        await client.SendAsync(ProbeModule.Module, 2, new { ms = 1000, n = 1 }, 1);
        await Eventually.ThatAsync(() => _probe.MaxConcurrent > 0, "the held request running");
        var stop = _host.StopAsync();
        // Heartbeats while the stop waits for the held request: the later ones answer server_busy.
        long seq = 1;
        for (var until = DateTime.UtcNow.AddMilliseconds(700); DateTime.UtcNow < until;)
        {
            await client.SendAsync(SystemProtocol.Heartbeat, new EmptyRequest(), ++seq);
            await Task.Delay(40);
        }
        await stop;
        var answers = new List<Frame>();
        await foreach (var frame in client.Unsolicited.ReadAllAsync()) if (frame.Seq is not null) answers.Add(frame);
        Assert.That(answers.Select(a => a.Seq), Is.Ordered,
            "in request order: " + string.Join(" ", answers.Select(a => $"{a.Seq}:{a.Result}")));
        Assert.That(answers[0].Seq, Is.EqualTo(1), "the held request first");
        Assert.That(answers[0].Result, Is.Zero);
        Assert.That(answers.Select(a => a.Result), Has.Some.EqualTo((int)ResultCode.ServerBusy));
    }

    // An operation answered at once on the event loop (the heartbeat's way) is answered so only while its connection is idle;
    // behind a request still running it waits its turn in the queue, and anything the at-once way cannot take goes the full way.

    [Test]
    public async Task AnIdleConnectionIsAnsweredAtOnceAndABusyOneInRequestOrderByTheQueue()
    {
        await using var client = await TestServer.LoginAsync(_host, TestServer.NewAccount());
        var idle = await client.RequestAsync(ProbeModule.Module, 6);
        Assert.That((idle.Result, idle.GetString("way")), Is.EqualTo((0, "at once")), "nothing of the connection waiting or running");

        // in one write: a request held 100 ms, then the at-once operation, which must not overtake it
        await client.SendRawAsync([.. ClientCodec.EncodeFrame(ProbeModule.Module, 2, new { ms = 100, n = 1 }, 101),
            .. ClientCodec.EncodeFrame(ProbeModule.Module, 6, null, 102)]);
        var first = await client.WaitForAsync(f => f.Seq is 101 or 102);
        var second = await client.WaitForAsync(f => f.Seq is 101 or 102 && f != first);
        Assert.That((first.Seq, second.Seq), Is.EqualTo(((long?)101, (long?)102)), "answers in request order");
        Assert.That((second.Result, second.GetString("way")), Is.EqualTo((0, "queued")), "behind a running request: the queue's turn");

        var again = await client.RequestAsync(ProbeModule.Module, 6);
        Assert.That(again.GetString("way"), Is.EqualTo("at once"), "idle again");
        Assert.That(_host.Services.Metrics.RequestCount(ProbeModule.Module, 6, 0), Is.EqualTo(3), "every answer counted, either way");
    }

    [Test]
    public async Task ARequestWithDataOrAFailingAtOnceHandlerTakesTheFullWay()
    {
        await using var client = await TestServer.ConnectAsync(_host);
        var withData = await client.RequestAsync(ProbeModule.Module, 6, new { x = 1 });
        Assert.That((withData.Result, withData.GetString("way")), Is.EqualTo((0, "queued")), "data to read: the full way");

        _probe.AtOnceFails = true;
        var failed = await client.RequestAsync(ProbeModule.Module, 6);
        Assert.That((failed.Result, failed.GetString("way")), Is.EqualTo((0, "queued")), "answered once, by the full way");
        _probe.AtOnceFails = false;
        var heartbeat = await client.RequestAsync((int)SystemProtocol.Heartbeat.Module, SystemProtocol.Heartbeat.OpId);
        Assert.That(heartbeat.Result, Is.Zero, "the connection still served");
    }

    [Test]
    public async Task AtOnceAnswersStillMeetTheRateLimit()
    {
        await using var client = await TestServer.LoginAsync(_host, TestServer.NewAccount());
        // the account's burst of ten, the login taken from the connection's own
        const int burst = 10;
        var answers = new List<Frame>();
        for (int i = 0; i < burst + 5; i++) answers.Add(await client.RequestAsync(ProbeModule.Module, 6));
        Assert.That(answers.Take(burst).Select(a => a.GetString("way")), Is.All.EqualTo("at once"));
        Assert.That(answers.Skip(burst + 1).Select(a => a.Result), Is.All.EqualTo((int)ResultCode.ClickTooFast), "past the burst");
    }
}

/// <summary>Answers written from the event loop and from other threads still leave in request order.</summary>
public class AnswerWriteOrderTests : RedisFixture
{
    private ServerHost _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await TestServer.StartAsync(Redis, extraModules: _ => [new ProbeModule()]);

    [OneTimeTearDown]
    public async Task Stop() => await _host.StopAsync();

    [Test]
    public async Task AnAnswerMadeOnTheEventLoopDoesNotOvertakeOneMadeElsewhere()
    {
        // A request answered off the event loop (its handler waits 1 ms), then, in a separate write a moment later,
        // a heartbeat: when it finds the connection's queue idle it is answered on the event loop at once, possibly
        // while the first answer still waits there to be written.
        await using var client = await TestServer.LoginAsync(_host, TestServer.NewAccount());
        var random = new Random(5);
        var order = new List<long>();
        for (int round = 0; round < 300; round++)
        {
            await client.SendAsync(ProbeModule.Module, 2, new { ms = 1, n = round }, 2 * round + 1);
            var pause = random.Next(4);
            if (pause > 0) await Task.Delay(TimeSpan.FromMilliseconds(pause / 2.0));
            await client.SendAsync(SystemProtocol.Heartbeat, new EmptyRequest(), 2 * round + 2);
            for (int i = 0; i < 2; i++) order.Add((await client.WaitForAsync(f => f.Seq is not null)).Seq!.Value);
        }
        Assert.That(order, Is.EqualTo(Enumerable.Range(1, 600).Select(n => (long)n)));
    }
}

