using SocialGame.Core.Auth;
using SocialGame.Core.Options;
using SocialGame.Tests.Infrastructure;
using SocialGame.Tools;

namespace SocialGame.Tests.Unit;

[NonParallelizable]
public class ToolTests
{
    [Test]
    public async Task TheTokenToolPrintsATokenTheServerAccepts()
    {
        var (code, output, _) = await ToolRun.RunAsync("token", "alice", "--config", TestServer.ConfigDir);
        Assert.That(code, Is.EqualTo(0));
        string token = output.TrimEnd().Split('\n')[^1];
        var verifier = new TokenService(ServerOptions.DevelopmentSecret, 30 * 86400);
        Assert.That(verifier.Verify("alice", token, DateTimeOffset.UtcNow.ToUnixTimeSeconds()), Is.EqualTo(TokenCheck.Ok));
    }

    [Test]
    public void TheOperatorHashToolHashesThePasswordReadFromStandardInput()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.That(OperatorHashTool.Run(["--iterations", "100000"], new StringReader("a long enough password\nignored"), output, error),
            Is.EqualTo(0), error.ToString());
        string hash = output.ToString().Trim();
        Assert.That(Core.Admin.OperatorPassword.Problem(hash), Is.Null);
        Assert.That(Core.Admin.OperatorPassword.Verify("a long enough password", hash), Is.True);
        Assert.That(OperatorHashTool.Run([], new StringReader("short\n"), output, error), Is.EqualTo(2), "too short a password");
        Assert.That(OperatorHashTool.Run(["--iterations", "10"], new StringReader("a long enough password\n"), output, error),
            Is.EqualTo(2));
        Assert.That(output.ToString().Trim(), Is.EqualTo(hash), "nothing printed for a refusal");
    }

    [Test]
    public async Task TheTokenToolRefusesANameTheServerWouldRefuse()
    {
        var (code, _, error) = await ToolRun.RunAsync("token", "x}:wallet", "--config", TestServer.ConfigDir);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("not an account name"));
    }

    [Test]
    public void TheLoadTestConfigurationLiftsEveryLimitTheBotsWouldHit()
    {
        string dir = Path.Combine(Path.GetTempPath(), "sgbench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Assert.That(BenchConfigTool.Run(["--config", TestServer.ConfigDir, "--out", dir, "--limits", "shipped"]), Is.EqualTo(0));
            var options = ServerConfig.Load(dir, _ => null, forServer: false);
            Assert.That(options.RateLimit.MinIntervalMs, Is.Empty, "no minimum interval for help and getgoods");
            Assert.That((options.RateLimit.Burst, options.RateLimit.LoginsPerIpPerMinute, options.RateLimit.LoginsPerAccountPerMinute),
                Is.EqualTo((1_000_000, 100_000_000, 100_000_000)));
            // bots come from one host (spread over 253 loopback addresses at most)
            Assert.That(new[] { options.Connections.Max, options.Connections.MaxPerIp, options.Connections.MaxNotLoggedIn,
                    options.Connections.MaxNotLoggedInPerIp },
                Is.All.GreaterThanOrEqualTo(100_000));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void TheProtocolToolFindsTheCommittedFilesCurrent() =>
        Assert.That(ProtocolTool.Run(["--root", TestServer.RepoRoot, "--check"]), Is.EqualTo(0));

    [Test]
    public void ClientLinesBecomeRequests()
    {
        var json = System.Text.Json.JsonDocument.Parse("{\"id\":1,\"list\":[1,\"a\"],\"x\":1.5}").RootElement;
        var data = (Dictionary<string, object?>)InteractiveClient.JsonToObject(json)!;
        Assert.That(data["id"], Is.EqualTo(1L));
        Assert.That(data["id"], Is.TypeOf<long>(), "an integer goes out as a MessagePack integer, not a float");
        Assert.That(data["x"], Is.EqualTo(1.5));
        Assert.That((object?[])data["list"]!, Is.EqualTo(new object?[] { 1L, "a" }));
    }

    [Test]
    public void BargainBotsReadTheirBargainsAtStepsOfTheirOwn()
    {
        // Read at the same step by every bot, the reads arrived as one burst every fifty steps and
        // their answers' lateness was counted against the helps around them.
        const int bots = 200, steps = 1000;
        for (int step = 0; step < steps; step++)
        {
            int readers = Enumerable.Range(0, bots).Count(bot => Tools.Bots.BargainScenario.ReadsAt(bot, step));
            Assert.That(readers, Is.EqualTo(bots / Tools.Bots.BargainScenario.ReadEvery), $"bots reading at step {step}");
        }
        for (int bot = 0; bot < bots; bot++)
            Assert.That(Enumerable.Range(0, steps).Count(step => Tools.Bots.BargainScenario.ReadsAt(bot, step)),
                Is.EqualTo(steps / Tools.Bots.BargainScenario.ReadEvery));
    }

    [Test]
    public void HelpBotsOnlyHelpWhileBargainBotsAlsoRead()
    {
        // The A/B runs against the baseline server (Tools/Bench/ab.sh) compare helps alone: the baseline has no getcurdata.
        var help = Tools.Bots.BotsTool.Create(Tools.Bots.BotOptions.Parse(["--scenario", "help"]));
        var bargain = Tools.Bots.BotsTool.Create(Tools.Bots.BotOptions.Parse(["--scenario", "bargain"]));
        var steps = Enumerable.Range(0, 200).SelectMany(bot => Enumerable.Range(0, 100).Select(step => (bot, step))).ToList();
        Assert.That(steps.Count(s => ((Tools.Bots.BargainScenario)help).Reads(s.bot, s.step)), Is.Zero);
        Assert.That(steps.Count(s => ((Tools.Bots.BargainScenario)bargain).Reads(s.bot, s.step)),
            Is.EqualTo(200 * 100 / Tools.Bots.BargainScenario.ReadEvery));
    }
}
