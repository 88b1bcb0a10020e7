using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SocialGame.Tests.Infrastructure;

/// <summary>Starts redis-server (and runs redis-cli) as child processes of the test run.</summary>
public static class RedisProcess
{
    /// <summary>
    /// Starts redis-server with <paramref name="arguments"/> and waits until it accepts connections on <paramref name="port"/>.
    /// </summary>
    public static Process Start(int port, string arguments)
    {
        var info = new ProcessStartInfo("redis-server", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return process;
            }
            catch (SocketException)
            {
                if (process.HasExited) break;
                Thread.Sleep(20);
            }
        }
        throw new InvalidOperationException($"redis-server did not listen on {port}");
    }

    /// <summary>Kills the process (SIGKILL, as kill -9) and waits for it to end.</summary>
    public static void Kill(Process process)
    {
        try
        {
            process.Kill();
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }

    /// <summary>Runs redis-cli with <paramref name="arguments"/>; its standard output, or an exception with what it printed.</summary>
    public static string Cli(string arguments, int timeoutSeconds = 60)
    {
        var info = new ProcessStartInfo("redis-cli", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("redis-cli did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill();
            throw new InvalidOperationException($"redis-cli {arguments} did not end in {timeoutSeconds}s");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"redis-cli {arguments} exited {process.ExitCode}: " +
            $"{output.Result} {error.Result}");
        return output.Result;
    }
}
