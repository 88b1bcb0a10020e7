using System.Diagnostics;
using System.Text.Json;
using SocialGame.Core.Sessions;
using SocialGame.Modules.Player;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Player;
using SocialGame.Protocol.Messages.System;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

/// <summary>
/// A private cluster of three masters without replicas, one of which is killed (kill -9): its slots answer redis_error
/// within the operation timeout while the others keep working, /health answers 503 naming it, and the audit says which
/// master it could not reach instead of auditing the rest in silence. Then it comes back and everything works again.
/// </summary>
[NonParallelizable]
public class ClusterOutageTests
{
    private RedisCluster _cluster = null!;
    private ServerHost _host = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _cluster = new RedisCluster(masters: 3, replicasPerMaster: 0);
        _host = await TestServer.StartAsync(_cluster);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _host.StopAsync();
        _cluster.Dispose();
    }

    /// <summary>
    /// A new account whose slot the master on <paramref name="port"/> serves (or, with <paramref name="other"/>, one it does not).
    /// </summary>
    private string AccountOn(int port, bool other = false)
    {
        while (true)
        {
            string acc = TestServer.NewAccount();
            bool on = _cluster.MasterOfSlot(_host.Services.Redis.Connection.HashSlot(Presence.Key(acc))) == port;
            if (on != other) return acc;
        }
    }

    private async Task<(int Status, JsonElement Body)> HealthAsync()
    {
        using var http = TestServer.Admin(_host, role: null);
        using var reply = await http.GetAsync("/health");
        return ((int)reply.StatusCode, JsonDocument.Parse(await reply.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Test]
    public async Task AKilledMastersSlotsAnswerRedisErrorWhileTheOthersWorkAndHealthAndAuditNameIt()
    {
        var (status, body) = await HealthAsync();
        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(body.GetProperty("clusterState").GetString(), Is.EqualTo("ok"));
        Assert.That(body.GetProperty("masters").EnumerateArray().Select(m => m.GetProperty("ok").GetBoolean()),
            Is.EqualTo(new[] { true, true, true }));

        var masters = _cluster.Masters();
        int victim = masters[0];
        string onVictim = AccountOn(victim), elsewhere = AccountOn(victim, other: true);
        await TestServer.Player(_host).Ledger.ApplyAsync(LedgerOperation.Currency(elsewhere, "fund", "test", "yuanbao", 5));
        _cluster.Kill(victim);
        try
        {
            // Its slots: redis_error within the operation timeout (1 s in the tests), not a hang and not success.
            await using (var client = await TestServer.ConnectAsync(_host))
            {
                var watch = Stopwatch.StartNew();
                var reply = await client.RequestAsync(SystemProtocol.Login,
                    new LoginRequest { Acc = onVictim, Token = TestServer.Token(onVictim) });
                Assert.That(reply.Result, Is.EqualTo((int)ResultCode.RedisError));
                Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(_host.Services.Options.Redis.OperationTimeoutMs + 1500)));
            }
            // The other slots: a first login works and creates the profile; the wallet answers.
            await using (var client = await TestServer.LoginAsync(_host, elsewhere))
            {
                Assert.That((await client.RequestAsync(PlayerProtocol.GetProfile, new GetProfileRequest())).Result, Is.EqualTo(0));
                Assert.That((await client.RequestAsync(PlayerProtocol.GetWallet, new Protocol.Messages.EmptyRequest())).Result,
                    Is.EqualTo(0));
            }

            // /health checks Redis at most once a second
            Assert.That(await Eventually.TrueAsync(async () => ((status, body) = await HealthAsync()).status == 503, 5), Is.True,
                body.ToString());
            var down = body.GetProperty("masters").EnumerateArray().Where(m => !m.GetProperty("ok").GetBoolean())
                .Select(m => m.GetProperty("address").GetString()).ToList();
            Assert.That(down, Is.EqualTo(new[] { $"127.0.0.1:{victim}" }));

            var report = await TestServer.Player(_host).Audit.RunAsync();
            Assert.That(report.Complete, Is.False);
            Assert.That(report.Unreachable!.Single(), Does.StartWith($"127.0.0.1:{victim}"));
            var (code, output, _) = await ToolRun.RunAsync("audit", "--config", TestServer.ConfigDir, "--redis", _cluster.Address);
            Assert.That(code, Is.EqualTo(3), output);
            Assert.That(output, Does.Contain("INCOMPLETE").And.Contain($"127.0.0.1:{victim}"));
        }
        finally
        {
            _cluster.Restart(victim);
        }

        _cluster.WaitHealthy(TimeSpan.FromSeconds(30));
        Assert.That(await Eventually.TrueAsync(async () => (await HealthAsync()).Status == 200, 20), Is.True,
            "healthy again once the master is back");
        await using (var back = await TestServer.LoginAsync(_host, onVictim))
            Assert.That((await back.RequestAsync(PlayerProtocol.GetProfile, new GetProfileRequest())).Result, Is.EqualTo(0));
        var (okCode, okOutput, _) = await ToolRun.RunAsync("audit", "--config", TestServer.ConfigDir, "--redis", _cluster.Address);
        Assert.That(okCode, Is.EqualTo(0), okOutput);
        Assert.That(okOutput, Does.Not.Contain("INCOMPLETE"));
    }
}
