using System.Runtime.InteropServices;
using NLog;
using SocialGame.Core.Options;
using SocialGame.Server.Hosting;

namespace SocialGame.Server;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        string configDir = ServerConfig.ResolveDir(args);
        ServerOptions options;
        try
        {
            options = ServerConfig.Load(configDir);
        }
        catch (ConfigException ex)
        {
            await Console.Error.WriteLineAsync("configuration error: " + ex.Message).ConfigureAwait(false);
            return 2;
        }
        bool inlineCompletions = SocketCompletions.Apply(options.InlineSocketCompletions);
        ConfigureLogging(configDir, options.LogDir, options.Node);
        var log = LogManager.GetLogger("SocialGame.Server");
        log.Info("socket completions run {Where}", inlineCompletions ? "inline on the epoll thread" : "on the thread pool");

        using var stopSignal = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            log.Info("{Signal} received", context.Signal);
            stopSignal.Cancel();
        }
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

        ServerHost host;
        try
        {
            host = await ServerHost.StartAsync(options, configDir).ConfigureAwait(false);
        }
        catch (ConfigException ex)
        {
            log.Fatal("configuration error: {Error}", ex.Message);
            await Console.Error.WriteLineAsync("configuration error: " + ex.Message).ConfigureAwait(false);
            LogManager.Shutdown();
            return 2;
        }
        catch (Exception ex)
        {
            log.Fatal(ex, "start-up failed");
            LogManager.Shutdown();
            return 1;
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stopSignal.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await host.StopAsync().ConfigureAwait(false);
        LogManager.Shutdown();
        return 0;
    }

    private static void ConfigureLogging(string configDir, string logDir, string node)
    {
        string path = Path.Combine(configDir, "nlog.config");
        LogManager.Configuration = File.Exists(path)
            ? new NLog.Config.XmlLoggingConfiguration(path)
            : new NLog.Config.LoggingConfiguration();
        LogManager.Configuration.Variables["logdir"] = Path.GetFullPath(logDir);
        GlobalDiagnosticsContext.Set("node", node);
        LogManager.ReconfigExistingLoggers();
    }
}
