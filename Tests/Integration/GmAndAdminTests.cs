using SocialGame.Core.Options;
using System.Text.Json;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Gm;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

public class GmAndAdminTests : ServerFixture
{
    [Test]
    public async Task OnlyConfiguredGmAccountsMayUseGmCommands()
    {
        string acc = TestServer.NewAccount();
        await using var player = await TestServer.LoginAsync(Host, acc);
        var reply = await player.RequestAsync(GmProtocol.Command, new GmCommandRequest { Text = "//gm time" });
        Assert.That(reply.Result, Is.EqualTo((int)ResultCode.NotGm));
        Assert.That(TestLogging.DataLogLines().Any(l => l.Contains("\"op\":\"gm\"") && l.Contains(acc) && l.Contains("\"result\":31")),
            Is.True, "refused attempts are in the datalog too");
    }

    [Test]
    public async Task UnknownCommandsAndBadArgumentsAnswerACodeAndTheUsage()
    {
        await using var gm = await TestServer.LoginAsync(Host, "gm");
        var unknown = await gm.RequestAsync(GmProtocol.Command, new GmCommandRequest { Text = "//gm fly me to the moon" });
        Assert.That(unknown.Result, Is.EqualTo((int)ResultCode.GmUnknownCommand));
        Assert.That(unknown.Output, Does.Contain("help"));
        var bad = await gm.RequestAsync(GmProtocol.Command, new GmCommandRequest { Text = "//gm kick" });
        Assert.That(bad.Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That(bad.Output, Does.Contain("usage: //gm kick <acc>"));
        var empty = await gm.RequestAsync(GmProtocol.Command, new GmCommandRequest());
        Assert.That(empty.Result, Is.EqualTo((int)ResultCode.ParamError));
        var help = await gm.RequestAsync(GmProtocol.Command, new GmCommandRequest { Text = "//gm help" });
        Assert.That(help.Result, Is.EqualTo(0));
        Assert.That(help.Output, Does.Contain("//gm notice <acc> <text...>").And.Contain("//gm kick <acc>"));
    }

    [Test]
    public async Task EveryGmCommandIsWrittenToTheDatalog()
    {
        await using var gm = await TestServer.LoginAsync(Host, "gm");
        string marker = await TestServer.KnownAccountAsync(Host, "m");
        await gm.RequestAsync(GmProtocol.Command, new GmCommandRequest { Text = $"//gm online {marker}" });
        var line = TestLogging.DataLogLines().LastOrDefault(l => l.Contains(marker));
        Assert.That(line, Is.Not.Null);
        using var json = JsonDocument.Parse(line!);
        Assert.That(json.RootElement.GetProperty("op").GetString(), Is.EqualTo("gm"));
        Assert.That(json.RootElement.GetProperty("acc").GetString(), Is.EqualTo("gm"));
        Assert.That(json.RootElement.GetProperty("text").GetString(), Is.EqualTo($"//gm online {marker}"));
        Assert.That(json.RootElement.GetProperty("result").GetInt32(), Is.EqualTo(0));
    }

    [Test]
    public async Task HealthAndMetricsAreServedOnTheAdminPort()
    {
        await using var player = await TestServer.LoginAsync(Host, TestServer.NewAccount());
        Assert.That((await player.RequestAsync(SystemProtocol.Heartbeat)).Result, Is.EqualTo(0));
        using var http = new HttpClient();
        var health = await http.GetAsync($"http://127.0.0.1:{Host.AdminPort}/health");
        Assert.That((int)health.StatusCode, Is.EqualTo(200));
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("redis").GetBoolean(), Is.True);
        Assert.That(body.RootElement.GetProperty("connections").GetInt32(), Is.GreaterThanOrEqualTo(1));
        string metrics = await http.GetStringAsync($"http://127.0.0.1:{Host.AdminPort}/metrics");
        Assert.That(metrics, Does.Contain("socialgame_requests_total{module=\"1\",opid=\"2\",result=\"0\"}"));
        Assert.That(metrics, Does.Contain("socialgame_handler_seconds_bucket{le=\"+Inf\"}"));
        Assert.That(metrics, Does.Contain("socialgame_connections "));
        Assert.That(metrics, Does.Contain("socialgame_redis_errors_total"));
    }

    [Test]
    public async Task MetricsCountGarbageCollectionsAndTheirPauses()
    {
        long allocatedBefore = GC.GetTotalAllocatedBytes();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        using var http = new HttpClient();
        string metrics = await http.GetStringAsync($"http://127.0.0.1:{Host.AdminPort}/metrics");
        double Value(string series) => double.Parse(metrics.Split('\n').Single(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            .Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        // the node runs in this test process: the forced collection above is one of its collections
        Assert.That(Value("socialgame_gc_collections_total{gen=\"2\"}"), Is.GreaterThanOrEqualTo(1));
        Assert.That(Value("socialgame_gc_collections_total{gen=\"0\"}"),
            Is.GreaterThanOrEqualTo(Value("socialgame_gc_collections_total{gen=\"2\"}")));
        Assert.That(Value("socialgame_gc_pause_seconds_total"), Is.GreaterThan(0));
        Assert.That(Value("socialgame_allocated_bytes_total"), Is.GreaterThanOrEqualTo(allocatedBefore),
            "the process's allocations so far");
    }
}
