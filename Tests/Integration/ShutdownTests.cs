using System.Diagnostics;
using SocialGame.Client;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.System;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

public class ShutdownTests : RedisFixture
{
    [Test]
    public async Task AStopAnswersRequestsInFlightThenClosesConnections()
    {
        var probe = new ProbeModule();
        var host = await TestServer.StartAsync(Redis, extraModules: _ => [probe]);
        await using var client = await TestServer.LoginAsync(host, TestServer.NewAccount());
        var inFlight = client.RequestAsync(ProbeModule.Module, 2, new { ms = 800, n = 1 });
        while (probe.MaxConcurrent == 0) await Task.Delay(5);
        var watch = Stopwatch.StartNew();
        await host.StopAsync();
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(8)));
        Assert.That((await inFlight).Result, Is.EqualTo(0), "the request in flight was answered");
        await Kicks.ExpectAsync(client, Protocol.Catalog.KickReason.Shutdown);
        Assert.ThrowsAsync(Is.InstanceOf<System.Net.Sockets.SocketException>(), async () => await TestServer.ConnectAsync(host));
    }

    [Test]
    public async Task TheServerProcessExitsZeroOnSigterm()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "SocialGame.Server.dll");
        Assume.That(File.Exists(dll), Is.True, "server assembly next to the tests");
        int port = RedisServer.FreePort(), admin = RedisServer.FreePort();
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\" --config \"{TestServer.ConfigDir}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["SOCIALGAME_REDIS"] = Redis.Address;
        info.Environment["SOCIALGAME_PORT"] = port.ToString();
        info.Environment["SOCIALGAME_ADMIN_PORT"] = admin.ToString();
        info.Environment["SOCIALGAME_NODE"] = "proc1";
        info.Environment["SOCIALGAME_DEVELOPMENT"] = "1";
        using var process = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            GameClient? client = null;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (client is null && DateTime.UtcNow < deadline && !process.HasExited)
            {
                try
                {
                    client = await GameClient.ConnectAsync("127.0.0.1", port);
                }
                catch (System.Net.Sockets.SocketException)
                {
                    await Task.Delay(100);
                }
            }
            Assert.That(client, Is.Not.Null, "server came up: " + output);
            await using var _ = client!;
            Assert.That((await client!.RequestAsync(SystemProtocol.Login, new LoginRequest { Acc = "gm", Token = DevToken("gm") })).Result,
                Is.EqualTo(0));

            using (var kill = Process.Start("kill", $"-TERM {process.Id}")) await kill.WaitForExitAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            Assert.That(process.ExitCode, Is.EqualTo(0), output.ToString());
            await client!.Closed.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.That(output.ToString(), Does.Contain("development secret"), "the server warns about the shipped secret");
        }
        finally
        {
            if (!process.HasExited) process.Kill(true);
        }
    }

    private static string DevToken(string acc) =>
        new Core.Auth.TokenService(Core.Options.ServerOptions.DevelopmentSecret, 3600)
            .Mint(acc, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 600);
}
