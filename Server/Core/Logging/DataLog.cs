using NLog;

namespace SocialGame.Core.Logging;

/// <summary>
/// The JSON datalog of business operations (logger "datalog", its own file target). Each entry has
/// <c>op</c> (e.g. "bargain swap", "gm") and the operation's fields; the layout adds time and node.
/// </summary>
public static class DataLog
{
    public const string LoggerName = "datalog";
    private static readonly Logger Log = LogManager.GetLogger(LoggerName);

    public static void Write(string op, params (string Key, object? Value)[] fields)
    {
        var e = new LogEventInfo(LogLevel.Info, LoggerName, op);
        e.Properties["op"] = op;
        foreach (var (key, value) in fields) e.Properties[key] = value;
        Log.Log(e);
    }
}
