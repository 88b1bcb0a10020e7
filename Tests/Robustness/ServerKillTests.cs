using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SocialGame.Client;
using SocialGame.Core.Auth;
using SocialGame.Core.Options;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.System;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Robustness;

/// <summary>
/// The real server process killed (SIGKILL) under bargain load and started again on the same ports and Redis:
/// the bots log in again and repeat the getgoods whose answers they lost, and afterwards nothing was paid twice,
/// nothing granted without payment, every code's cuts equal its helper list and every wallet its ledger.
/// The fixture's in-process node on the same Redis only funds the accounts and checks the invariants.
/// </summary>
public class ServerKillTests : BargainLoadFixture
{
    private const int Bots = 16;
    private static readonly TokenService DevTokens = new(ServerOptions.DevelopmentSecret, 3600);

    private Process StartServer(int port, int admin, StringBuilder output)
    {
        // The bots help and collect faster than the shipped minimum intervals of 6/4 and 6/5 allow (like the in-process
        // node, whose test options lift them): the process gets the same.
        string serverJson = Path.Combine(ConfigDir, ServerConfig.FileName);
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(serverJson),
            documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        config["rateLimit"]!["minIntervalMs"] = new System.Text.Json.Nodes.JsonObject();
        File.WriteAllText(serverJson, config.ToJsonString());
        var info = new ProcessStartInfo("dotnet",
            $"\"{Path.Combine(AppContext.BaseDirectory, "SocialGame.Server.dll")}\" --config \"{ConfigDir}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = ConfigDir,
        };
        info.Environment["SOCIALGAME_REDIS"] = Redis.Address;
        info.Environment["SOCIALGAME_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["SOCIALGAME_ADMIN_PORT"] = admin.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["SOCIALGAME_NODE"] = "killed1";
        info.Environment["SOCIALGAME_DEVELOPMENT"] = "1";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitListeningAsync(int port, Process process, StringBuilder output)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        Assert.Fail("the server did not come up: " + Tail(output));
    }

    private static string Tail(StringBuilder output)
    {
        lock (output) return output.Length <= 4000 ? output.ToString() : output.ToString(output.Length - 4000, 4000);
    }

    /// <summary>Logs in to the server process (which runs with the development secret); a refused login counts as a lost
    /// connection.</summary>
    private static Func<string, IPAddress, Task<GameClient>> Login(int port) => async (acc, ip) =>
    {
        var client = await GameClient.ConnectAsync("127.0.0.1", port, ip);
        try
        {
            var token = DevTokens.Mint(acc, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 600);
            var reply = await client.RequestAsync(SystemProtocol.Login, new LoginRequest { Acc = acc, Token = token }, Timeout);
            if (reply.Result != 0) throw new IOException($"login of {acc} answered {reply.Result}");
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    };

    private static void Kill(Process process)
    {
        // Process.Kill sends SIGKILL on Linux: no shutdown code runs, in-flight requests are cut wherever they are.
        if (!process.HasExited) process.Kill();
        process.WaitForExit(10_000);
    }

    [Test]
    public async Task AServerKilledUnderBargainLoadRestartsAndNothingIsPaidTwiceOrGrantedWithoutPayment()
    {
        Assume.That(File.Exists(Path.Combine(AppContext.BaseDirectory, "SocialGame.Server.dll")), Is.True,
            "server assembly next to the tests");
        var accounts = await FundedAccountsAsync(Bots, "sk");
        int port = RedisServer.FreePort(), admin = RedisServer.FreePort();
        var output = new StringBuilder();
        var login = Login(port);
        var bots = new BargainBots(accounts, login, TimeSpan.FromMilliseconds(60), reconnect: true);
        using var stop = new CancellationTokenSource();
        Task? load = null;
        var processes = new List<Process>();
        var server = StartServer(port, admin, output);
        processes.Add(server);
        try
        {
            await WaitListeningAsync(port, server, output);
            Assert.That(await Eventually.TrueAsync(() =>
                { lock (output) return output.ToString().Contains("socket completions run inline on the epoll thread"); }, 10),
                Is.True, "the shipped configuration runs socket completions inline, so this load and crash run on them: " + Tail(output));
            load = bots.RunAsync(stop.Token);
            Assert.That(await Eventually.TrueAsync(() => bots.Count(5, ResultCode.Success) >= 10 || !bots.Failures.IsEmpty, 30), Is.True,
                "goods collected before the kill: " + Tail(output));
            Assert.That(bots.Failures, Is.Empty);

            // kill while getgoods are in flight, the moment a crash must not pay twice or grant unpaid
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (bots.GetGoodsInFlight == 0 && DateTime.UtcNow < deadline) await Task.Delay(1);
            int inFlight = bots.GetGoodsInFlight;
            Kill(server);
            Assert.That(server.HasExited, Is.True, "killed");
            int logins = bots.Logins, collected = bots.Count(5, ResultCode.Success);
            var watch = Stopwatch.StartNew();
            server = StartServer(port, admin, output);
            processes.Add(server);
            await WaitListeningAsync(port, server, output);
            var listening = watch.Elapsed;
            Assert.That(await Eventually.TrueAsync(() => bots.Logins >= logins + Bots, 30), Is.True,
                "every bot logged in again: " + Tail(output));
            var back = watch.Elapsed;
            Assert.That(await Eventually.TrueAsync(() => bots.Count(5, ResultCode.Success) >= collected + 10 || !bots.Failures.IsEmpty, 30),
                Is.True, "goods collected again after the restart");
            await stop.CancelAsync();
            await load;
            Assert.That(bots.Failures, Is.Empty, "every request answered in time with an expected result");
            int finished = await FinishCollectionsAsync(login);
            TestContext.Out.WriteLine($"killed with {inFlight} getgoods in flight; restarted and listening in " +
                $"{listening.TotalMilliseconds:F0} ms, " +
                $"every bot back in {back.TotalMilliseconds:F0} ms; " +
                $"{bots.Repeated} getgoods repeated after a lost answer; " +
                $"{finished} collections finished afterwards");
            TestContext.Out.WriteLine(string.Join("; ", bots.Lost.Select(l => $"{l.Value} x {l.Key}")));
            TestContext.Out.WriteLine(string.Join(", ",
                bots.Answers.OrderBy(a => a.Key).Select(a => $"{a.Key.Op}/{a.Key.Result}: {a.Value}")));
        }
        finally
        {
            await stop.CancelAsync();
            if (load is not null) await load;
            foreach (var process in processes)
            {
                Kill(process);
                process.Dispose();
            }
        }
        Assert.That(await CheckInvariantsAsync(), Is.Empty);
    }
}
