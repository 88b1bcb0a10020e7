using NLog;
using NLog.Config;
using NLog.Layouts;
using NLog.Targets;

namespace SocialGame.Tests;

/// <summary>Test logging: warnings and worse to the console, everything to a file, the datalog kept in memory for assertions.</summary>
[SetUpFixture]
public sealed class TestLogging
{
    public static LinesTarget DataLog { get; } = new("datalog")
    {
        Layout = new Core.Logging.EscapedJsonLayout { IncludeEventProperties = true },
    };

    public static LinesTarget DeadLetters { get; } = new("deadletter")
    {
        Layout = new Core.Logging.EscapedJsonLayout { IncludeEventProperties = true },
    };

    [OneTimeSetUp]
    public void Configure()
    {
        var config = new LoggingConfiguration();
        var file = new FileTarget("file")
        {
            FileName = Path.Combine(TestContext.CurrentContext.WorkDirectory, "test-server.log"),
            Layout = "${longdate} ${level:uppercase=true} ${logger} ${message}${onexception:inner= ${exception}}",
        };
        config.AddRule(LogLevel.Info, LogLevel.Fatal, DataLog, Core.Logging.DataLog.LoggerName, final: true);
        config.AddRule(LogLevel.Info, LogLevel.Fatal, DeadLetters, Core.Events.EventDispatcher.DeadLetterLogger, final: true);
        config.AddRule(LogLevel.Debug, LogLevel.Fatal, file);
        LogManager.Configuration = config;
    }

    [OneTimeTearDown]
    public void Shutdown() => LogManager.Shutdown();

    public static IReadOnlyList<string> DataLogLines() => DataLog.Snapshot();
}
