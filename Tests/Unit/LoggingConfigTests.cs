using System.Text.Json;
using NLog;
using NLog.Config;
using NLog.Targets.Wrappers;
using SocialGame.Core.Logging;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Unit;

/// <summary>The shipped nlog.config, loaded into a log factory of its own and written to a temporary directory.</summary>
public class LoggingConfigTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDirectory() => _dir = Directory.CreateTempSubdirectory("sg-nlog-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_dir, recursive: true);

    private LogFactory Load()
    {
        var factory = new LogFactory();
        factory.Configuration = new XmlLoggingConfiguration(Path.Combine(TestServer.ConfigDir, "nlog.config"), factory);
        factory.Configuration.Variables["logdir"] = _dir;
        factory.ReconfigExistingLoggers();
        return factory;
    }

    [Test]
    public void ABurstOfDatalogEntriesBeyondTheQueueLimitIsWrittenWhole()
    {
        // The default asynchronous wrapper holds 10,000 entries and drops the rest; the datalog must not.
        const int entries = 40_000;
        var factory = Load();
        foreach (string name in new[] { "datalog", "deadletter" })
            Assert.That(factory.Configuration!.FindTargetByName<AsyncTargetWrapper>(name)?.OverflowAction, Is.EqualTo(AsyncTargetWrapperOverflowAction.Grow), name);
        var log = factory.GetLogger(DataLog.LoggerName);
        for (int i = 0; i < entries; i++)
        {
            var e = new LogEventInfo(LogLevel.Info, DataLog.LoggerName, "bargain help");
            e.Properties["op"] = "bargain help";
            e.Properties["n"] = i;
            log.Log(e);
        }
        factory.Flush(TimeSpan.FromSeconds(60));
        factory.Shutdown();
        var numbers = File.ReadLines(Path.Combine(_dir, "datalog.json")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("n").GetInt32()).ToList();
        Assert.That(numbers, Has.Count.EqualTo(entries));
        Assert.That(numbers, Is.EqualTo(Enumerable.Range(0, entries)), "in the order written");
    }

    [Test]
    public void AnEntryThatNamesItsNodeHasTheKeyOnce()
    {
        GlobalDiagnosticsContext.Set("node", "node7"); // as the server process sets it
        var factory = Load();
        var e = new LogEventInfo(LogLevel.Info, DataLog.LoggerName, "cancel execute");
        e.Properties["op"] = "cancel execute";
        e.Properties["node"] = "node7";
        factory.GetLogger(DataLog.LoggerName).Log(e);
        factory.Shutdown();
        string line = File.ReadLines(Path.Combine(_dir, "datalog.json")).Single();
        Assert.That(line.Split("\"node\":").Length - 1, Is.EqualTo(1), line);
        Assert.That(JsonDocument.Parse(line).RootElement.GetProperty("op").GetString(), Is.EqualTo("cancel execute"));
    }
}
