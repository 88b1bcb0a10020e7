using System.Text.Json;
using System.Text.RegularExpressions;
using NLog;
using NLog.Config;
using NLog.Targets;
using NLog.Targets.Wrappers;
using SocialGame.Modules.System;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.System;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

/// <summary>Server log lines name their values, and the shipped JSON layout writes them as fields of their own.</summary>
public partial class NamedLogTemplateTests : ServerFixture
{
    /// <summary>Adds <paramref name="target"/> for <paramref name="logger"/> to the test process's logging until disposed.</summary>
    private static IDisposable Capture(Target target, string logger)
    {
        var rule = new LoggingRule(logger, LogLevel.Debug, LogLevel.Fatal, target) { RuleName = target.Name };
        LogManager.Configuration!.LoggingRules.Insert(0, rule);
        LogManager.ReconfigExistingLoggers();
        return new Removal(() =>
        {
            LogManager.Configuration!.LoggingRules.Remove(rule);
            LogManager.ReconfigExistingLoggers();
        });
    }

    private sealed class Removal(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }

    [Test]
    public async Task ARefusedLoginWrittenInTheShippedJsonLayoutCarriesTheAccountAndAddressAsFields()
    {
        var shipped = new XmlLoggingConfiguration(Path.Combine(TestServer.ConfigDir, "nlog.config"), new LogFactory());
        var json = (FileTarget)shipped.FindTargetByName<AsyncTargetWrapper>("json")!.WrappedTarget!;
        var lines = new LinesTarget("named-json") { Layout = json.Layout };
        string acc = TestServer.NewAccount("json");
        using (Capture(lines, typeof(LoginHandler).FullName!))
        {
            await using var client = await TestServer.ConnectAsync(Host);
            var reply = await client.RequestAsync(SystemProtocol.Login, new LoginRequest { Acc = acc, Token = "not-a-token" });
            Assert.That(reply.Result, Is.EqualTo((int)ResultCode.BadToken));
        }
        var line = JsonDocument.Parse(lines.Snapshot().Single(l => l.Contains(acc, StringComparison.Ordinal))).RootElement;
        Assert.That(line.GetProperty("Account").GetString(), Is.EqualTo(acc));
        Assert.That(line.GetProperty("Ip").GetString(), Is.EqualTo("127.0.0.1"), "an address is written as its text, not taken apart");
        string check = line.GetProperty("Check").GetString()!;
        Assert.That(line.GetProperty("message").GetString(), Is.EqualTo($"login refused for {acc} from 127.0.0.1: token {check}"),
            "the message reads as before");
        Assert.That(line.GetProperty("level").GetString(), Is.EqualTo("WARN"));
    }

    [Test]
    public void NoServerOrModuleLogCallUsesAPositionalTemplate()
    {
        // the scan's own check: it sees a numbered hole, and only that
        Assert.That(PositionalLogCall().IsMatch("Log.Warn(\"lost {0}: {1}\", a, b);"), Is.True);
        Assert.That(PositionalLogCall().IsMatch("Log.Warn(\"lost {Account}\", a);"), Is.False);
        var offenders = new List<string>();
        foreach (string dir in new[] { "Server", "Modules" })
            foreach (string file in Directory.EnumerateFiles(Path.Combine(TestServer.RepoRoot, dir), "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
                string text = File.ReadAllText(file);
                foreach (Match m in PositionalLogCall().Matches(text))
                    offenders.Add($"{Path.GetRelativePath(TestServer.RepoRoot, file)}: {m.Value}");
            }
        Assert.That(offenders, Is.Empty, "log calls with {0}-style holes: name them ({Account}, {Session} ...)");
    }

    /// <summary>A log call (Trace ... Fatal, Log) whose template, on the same line or the next, has a numbered hole.</summary>
    [GeneratedRegex(@"\b(?:Log|log|DeadLetters)\.(?:Trace|Debug|Info|Warn|Error|Fatal|Log)\(" +
        @"[^;""]*""(?:[^""\\]|\\.)*(?<!\{)\{\d+(?::[^}]*)?\}")]
    private static partial Regex PositionalLogCall();
}
