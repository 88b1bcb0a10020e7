using System.Text.Json;
using System.Text.RegularExpressions;
using NLog;
using NLog.Config;
using NLog.Targets;
using NLog.Targets.Wrappers;
using SocialGame.Core.Logging;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Unit;

/// <summary>The shipped nlog.config, loaded into a log factory of its own and written to a temporary directory.</summary>
public partial class LoggingConfigTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDirectory() => _dir = Directory.CreateTempSubdirectory("sg-nlog-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_dir, recursive: true);

    /// <summary>The shipped configuration; <paramref name="change"/> runs before it is activated.</summary>
    private LogFactory Load(Action<LoggingConfiguration>? change = null)
    {
        var factory = new LogFactory();
        var config = new XmlLoggingConfiguration(Path.Combine(TestServer.ConfigDir, "nlog.config"), factory);
        config.Variables["logdir"] = _dir;
        change?.Invoke(config);
        factory.Configuration = config;
        return factory;
    }

    private static void WriteEntry(Logger log, int n)
    {
        var e = new LogEventInfo(LogLevel.Info, DataLog.LoggerName, "bargain help");
        e.Properties["op"] = "bargain help";
        e.Properties["n"] = n;
        log.Log(e);
    }

    [Test]
    public void ABurstOfDatalogEntriesBeyondTheQueueLimitIsWrittenWhole()
    {
        // The default asynchronous wrapper holds 10,000 entries and drops the rest; the datalog must not.
        const int entries = 40_000;
        var factory = Load();
        var log = factory.GetLogger(DataLog.LoggerName);
        for (int i = 0; i < entries; i++) WriteEntry(log, i);
        factory.Flush(TimeSpan.FromSeconds(60));
        factory.Shutdown();
        var numbers = File.ReadLines(Path.Combine(_dir, "datalog.json"))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("n").GetInt32()).ToList();
        Assert.That(numbers, Has.Count.EqualTo(entries));
        Assert.That(numbers, Is.EqualTo(Enumerable.Range(0, entries)), "in the order written");
    }

    /// <summary>A target that holds every write until it is opened (a disk that fell behind).</summary>
    private sealed class GateTarget : TargetWithLayout
    {
        public ManualResetEventSlim Open { get; } = new(false);
        public List<int> Written { get; } = [];

        protected override void Write(LogEventInfo logEvent)
        {
            Open.Wait();
            lock (Written) Written.Add((int)logEvent.Properties["n"]!);
        }
    }

    [TestCase("datalog")]
    [TestCase("deadletter")]
    public void AFullQueueMakesTheWriterWaitInsteadOfDroppingOrGrowing(string name)
    {
        // Entries had no bound: a stuck disk (or one player's flood) grew the queue until the memory ran out.
        var gate = new GateTarget();
        AsyncTargetWrapper wrapper = null!;
        var factory = Load(config =>
        {
            wrapper = config.FindTargetByName<AsyncTargetWrapper>(name)!;
            wrapper.WrappedTarget = gate;
        });
        int limit = wrapper.QueueLimit, entries = 3 * limit;
        Assert.That(limit, Is.InRange(1_000, 100_000));
        long dropped = 0, grown = 0;
        wrapper.LogEventDropped += (_, _) => Interlocked.Increment(ref dropped);
        wrapper.EventQueueGrow += (_, _) => Interlocked.Increment(ref grown);
        var log = factory.GetLogger(name == "datalog" ? DataLog.LoggerName : Core.Events.EventDispatcher.DeadLetterLogger);
        int sent = 0;
        var writer = new Thread(() =>
        {
            for (int i = 0; i < entries; i++)
            {
                WriteEntry(log, i);
                Volatile.Write(ref sent, i + 1);
            }
        });
        writer.Start();
        // The writer fills the queue and then waits in it, or (as before) goes on to the end.
        int seen = -1;
        while (writer.IsAlive && (Volatile.Read(ref sent) < limit || Volatile.Read(ref sent) != seen
            || (writer.ThreadState & ThreadState.WaitSleepJoin) == 0))
        {
            seen = Volatile.Read(ref sent);
            Thread.Sleep(100);
        }
        Assert.That(writer.IsAlive, Is.True, $"the writer went on past a full queue ({Volatile.Read(ref sent)} of {entries} entries " +
            $"accepted, {dropped} dropped, queue grown {grown} times)");
        Assert.That(Volatile.Read(ref sent), Is.LessThan(limit + 2 * wrapper.BatchSize + 2), "held at the queue's limit");
        gate.Open.Set();
        writer.Join();
        factory.Flush(TimeSpan.FromSeconds(60));
        factory.Shutdown();
        Assert.That((Interlocked.Read(ref dropped), Interlocked.Read(ref grown)), Is.EqualTo((0L, 0L)));
        Assert.That(gate.Written, Is.EqualTo(Enumerable.Range(0, entries)), "every entry, in the order written");
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

    /// <summary>Values a client could send to forge a line, colour a terminal or reorder what an operator reads.</summary>
    public const string Hostile = "x\n2099-01-01 00:00:00.0000 INFO  forged line\r\u001b[31mred\u001b[0m\u202ereversed\u2028next\u0085nel";

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{4} ")]
    private static partial Regex EntryStart();

    /// <summary>
    /// Checks server.log lines: each starts an entry or (an exception's) is indented, and none holds a
    /// character that ends, hides or colours text.
    /// </summary>
    public static void AssertSafeLines(IReadOnlyList<string> lines)
    {
        foreach (string line in lines)
        {
            Assert.That(EntryStart().IsMatch(line) || line.StartsWith(' '), Is.True, $"a line that is no entry: {line}");
            Assert.That(line.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u202e'), Is.False,
                $"an unescaped character in: {line}");
        }
    }

    [Test]
    public void AClientValueCannotForgeAServerLogLineOrReachTheConsoleRaw()
    {
        var factory = Load();
        var log = factory.GetLogger("SocialGame.Modules.Gm.GmCommandHandler");
        log.Warn("{0} is not a GM but sent: {1}", "#1(p1@127.0.0.1)", Hostile);
        log.Error(new InvalidOperationException("parse failed at " + Hostile), "request {0} failed; data={1}", "2/1",
            "{\"text\":\"" + Hostile + "\"}");
        var consoleLayout = factory.Configuration!.FindTargetByName<ColoredConsoleTarget>("console")!.Layout;
        string console = consoleLayout.Render(new LogEventInfo(LogLevel.Warn, "x", null, "sent: {0}", [Hostile]));
        factory.Shutdown();

        var lines = File.ReadAllLines(Path.Combine(_dir, "server.log"));
        AssertSafeLines(lines);
        Assert.That(lines.Count(l => EntryStart().IsMatch(l)), Is.EqualTo(2), string.Join("\n", lines));
        Assert.That(lines[0], Does.EndWith("sent: x\\n2099-01-01 00:00:00.0000 INFO  forged " +
            "line\\r\\x1b[31mred\\x1b[0m\\u202ereversed\\u2028next\\x85nel"));
        Assert.That(lines[1], Does.Contain("data={\"text\":\"x\\n2099"));
        Assert.That(lines.Skip(2), Has.Some.StartWith("    2099-01-01 00:00:00.0000 INFO  forged line"),
            "the exception's message keeps its lines, indented");
        Assert.That(console, Does.Not.Contain("\u001b").And.Not.Contain("\n").And.Contain("\\x1b[31mred"));
    }

    [Test]
    public void ADatalogEntryWithAHostileValueIsOneLineOfJsonThatKeepsTheValue()
    {
        var factory = Load();
        var e = new LogEventInfo(LogLevel.Info, DataLog.LoggerName, "gm");
        e.Properties["op"] = "gm";
        e.Properties["text"] = Hostile;
        factory.GetLogger(DataLog.LoggerName).Log(e);
        factory.Shutdown();
        string line = File.ReadLines(Path.Combine(_dir, "datalog.json")).Single();
        Assert.That(line.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'), Is.False, line);
        Assert.That(JsonDocument.Parse(line).RootElement.GetProperty("text").GetString(), Is.EqualTo(Hostile));
    }
}
