using System.Diagnostics;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

/// <summary>
/// A real Lua client (Tests/Lua/bargain_client.lua on Debian's lua5.3 / lua5.1 with lua-socket, lua-MessagePack and
/// lua-cjson) plays the bargain flow against a real node, using only the generated protocol_constants.lua.
/// </summary>
[NonParallelizable]
public class LuaClientTests : ServerFixture
{
    private const string Packages = "apt-get install lua5.3 lua5.1 lua-socket lua-messagepack lua-cjson";

    private static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    [TestCase("lua5.3")]
    [TestCase("lua5.1")]
    public async Task TheBargainFlowPlaysFromLua(string lua)
    {
        string interpreter = Find(lua) ?? throw new IgnoreException($"{lua} is not installed ({Packages}; .ci/run installs them)");
        string owner = TestServer.NewAccount("luao"), helper = TestServer.NewAccount("luah");
        await using (await TestServer.LoginAsync(Host, owner))
        {
        }
        await TestServer.GmAsync(Host, $"//gm addmoney {owner} yuanbao 100000");

        var start = new ProcessStartInfo(interpreter)
        {
            WorkingDirectory = TestServer.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["LUA_PATH"] = Path.Combine(TestServer.RepoRoot, "Protocol", "lua", "?.lua") + ";;";
        foreach (string arg in new[]
                 {
                     Path.Combine("Tests", "Lua", "bargain_client.lua"), "127.0.0.1",
                         Host.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     owner, TestServer.Token(owner), helper, TestServer.Token(helper), "{\"id\":1,\"idx\":1,\"goodsid\":101}",
                 })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }
        string output = await stdout + await stderr;
        TestContext.Out.WriteLine(output);
        Assert.That(process.ExitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("ok helpntf to the owner").And.Contain("ok pipelined burst of 10 answered in order")
            .And.Contain("lua client: all steps passed on Lua " + lua[3..]));
    }
}
