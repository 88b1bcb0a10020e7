using System.Text.Json;
using NLog;
using NLog.Config;
using NLog.Targets;
using SocialGame.Modules.Gm;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Gm;
using SocialGame.Protocol.Messages.Room;
using SocialGame.Protocol.Messages.System;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;
using SocialGame.Tests.Unit;

namespace SocialGame.Tests.Integration;

/// <summary>What clients send reaches server.log only escaped, and one player cannot flood the datalog.</summary>
public class LogSafetyTests : RedisFixture
{
    private const string Hostile = LoggingConfigTests.Hostile;
    private ServerHost _host = null!;
    private FakeClock _clock = null!;

    [SetUp]
    public async Task Start()
    {
        _clock = new FakeClock(DateTimeOffset.UtcNow);
        _host = await TestServer.StartAsync(Redis, extraModules: _ => [new ProbeModule()], clock: _clock);
    }

    [TearDown]
    public async Task Stop() => await _host.StopAsync();

    /// <summary>Every server log entry written while <paramref name="run"/> runs, through the shipped server.log layout.</summary>
    private static async Task<string[]> ServerLogOfAsync(Func<Task> run)
    {
        string dir = Directory.CreateTempSubdirectory("sg-serverlog-").FullName;
        var shipped = new XmlLoggingConfiguration(Path.Combine(TestServer.ConfigDir, "nlog.config"), new LogFactory());
        var file = new FileTarget("shipped-server-log")
        {
            FileName = Path.Combine(dir, "server.log"),
            Layout = shipped.FindTargetByName<FileTarget>("file")!.Layout,
        };
        var config = LogManager.Configuration!;
        var rule = new LoggingRule("*", LogLevel.Info, LogLevel.Fatal, file);
        config.AddTarget(file);
        config.LoggingRules.Add(rule);
        LogManager.ReconfigExistingLoggers();
        try
        {
            await run();
        }
        finally
        {
            LogManager.Flush();
            config.LoggingRules.Remove(rule);
            config.RemoveTarget(file.Name);
            LogManager.ReconfigExistingLoggers();
        }
        var lines = File.ReadAllLines(Path.Combine(dir, "server.log"));
        Directory.Delete(dir, recursive: true);
        return lines;
    }

    [Test]
    public async Task ValuesFromClientsReachServerLogEscaped()
    {
        string acc = TestServer.NewAccount();
        var lines = await ServerLogOfAsync(async () =>
        {
            await using var client = await TestServer.ConnectAsync(_host);
            var login = await client.RequestAsync(SystemProtocol.Login,
                new LoginRequest { Acc = acc, Token = TestServer.Token(acc), DeviceId = "dev\u202eice\u2028x", Version = "1.0\u200b" });
            Assert.That(login.Result, Is.EqualTo(0), login.ToJson());
            // a GM attempt of a non-GM account: the text as sent, long and full of line breaks and terminal escapes
            var gm = await client.RequestAsync(GmProtocol.Command, new GmCommandRequest { Text = Hostile + new string('y', 20_000) });
            Assert.That(gm.Result, Is.EqualTo((int)ResultCode.NotGm));
            // a request whose handler fails: its data is dumped into the error entry
            var failed = await client.RequestRawAsync(ProbeModule.Throw, new { note = Hostile });
            Assert.That(failed.Result, Is.EqualTo((int)ResultCode.ServerError));
        });

        LoggingConfigTests.AssertSafeLines(lines);
        Assert.That(lines, Has.None.StartWith("2099-"), "the forged entry stays inside the real one");
        string refused = lines.Single(l => l.Contains("is not a GM"));
        Assert.That(refused, Does.Contain("x\\n2099-01-01 00:00:00.0000 INFO  forged line\\r\\x1b[31mred"));
        Assert.That(refused.Length, Is.LessThan(400), "an excerpt, not the 20,000 characters sent");
        Assert.That(refused, Does.Contain($"{Hostile.Length + 20_000} characters"));
        Assert.That(lines.Single(l => l.Contains("login #") && l.Contains(acc)),
            Does.Contain("device=dev\\u202eice\\u2028x version=1.0\\u200b"));
        Assert.That(lines.Single(l => l.Contains("failed; data=")), Does.Contain("x\\n2099-01-01"));
    }

    [Test]
    public async Task ANonGmAccountsFloodOfGmAttemptsIsSummarisedNotWrittenInFull()
    {
        // Each attempt used to be written whole: 60,000 characters a request into the business log.
        string acc = TestServer.NewAccount();
        string text = "//gm addmoney " + acc + " gold 1 " + new string('z', 60_000);
        await using var client = await TestServer.LoginAsync(_host, acc);
        async Task AttemptAsync(int times)
        {
            for (int sent = 0; sent < times; sent += 50) // in batches, below the connection's queue limit
            {
                var replies = await Task.WhenAll(Enumerable.Range(0, Math.Min(50, times - sent))
                    .Select(_ => client.RequestAsync(GmProtocol.Command, new GmCommandRequest { Text = text })));
                Assert.That(replies.Select(r => r.Result), Is.All.EqualTo((int)ResultCode.NotGm));
            }
        }

        await AttemptAsync(300);
        var first = Entries(acc);
        Assert.That(first, Has.Count.EqualTo(GmRunner.RefusalsLogged), "a few a minute, the rest counted");
        Assert.That(first.Select(e => e.GetProperty("text").GetString()!.Length), Is.All.LessThan(120), "each an excerpt");
        Assert.That(first.Select(e => e.GetProperty("length").GetInt32()), Is.All.EqualTo(text.Length));

        _clock.Advance(TimeSpan.FromMinutes(1));
        await AttemptAsync(5);
        var after = Entries(acc).Skip(first.Count).ToList();
        Assert.That(after, Has.Count.EqualTo(GmRunner.RefusalsLogged));
        Assert.That(after[0].GetProperty("suppressed").GetInt64(), Is.EqualTo(300 - GmRunner.RefusalsLogged),
            "the first entry of a new minute counts the attempts before it");

        await _host.StopAsync(); // at a stop, counts not yet written are written as a summary (the tear-down's stop does nothing)
        var all = Entries(acc);
        Assert.That(all.Last().TryGetProperty("text", out _), Is.False, "the summary carries no text");
        long written = all.Count(e => e.TryGetProperty("text", out _));
        long counted = all.Sum(e => e.TryGetProperty("suppressed", out var s) ? s.GetInt64() : 0);
        Assert.That(written + counted, Is.EqualTo(305), "every attempt written or counted, none twice");
        Assert.That(all.Sum(e => e.ToString().Length), Is.LessThan(3_000), "a few hundred bytes for 18 MB of attempts");
    }

    private static List<JsonElement> Entries(string acc) =>
        TestLogging.DataLogLines()
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("op").GetString() == "gm" && e.TryGetProperty("acc", out var a) && a.GetString() == acc)
            .ToList();

    [Test]
    public async Task AGmTextThatFailsItsCheckIsLoggedOnlyAsAnExcerpt()
    {
        // The check came after the logging: a GM's 60,000-character text went whole into both logs.
        string marker = TestServer.NewAccount("m"), text = "//gm online " + marker + "\n" + new string('w', 60_000);
        var lines = await ServerLogOfAsync(async () =>
        {
            await using var gm = await TestServer.LoginAsync(_host, "gm");
            var reply = await gm.RequestAsync(GmProtocol.Command, new GmCommandRequest { Text = text });
            Assert.That(reply.Result, Is.EqualTo((int)ResultCode.ParamError));
            Assert.That(reply.Output, Does.Contain("1024"));
        });
        var entry = Entries("gm").Last(e => e.GetProperty("text").GetString()!.Contains(marker));
        Assert.That(entry.GetProperty("text").GetString()!.Length, Is.LessThan(120));
        Assert.That(entry.GetProperty("length").GetInt32(), Is.EqualTo(text.Length));
        Assert.That(entry.GetProperty("result").GetInt32(), Is.EqualTo((int)ResultCode.ParamError));
        LoggingConfigTests.AssertSafeLines(lines);
        Assert.That(lines.Single(l => l.Contains(marker)).Length, Is.LessThan(400));
    }

    [Test]
    public async Task JoiningTheRoomThePlayerIsInAgainWritesNoFurtherEntry()
    {
        string acc = TestServer.NewAccount(), room = "room" + Guid.NewGuid().ToString("N")[..8], other = room + "b";
        await TestServer.GmAsync(_host, $"//gm live start {room} owner");
        await TestServer.GmAsync(_host, $"//gm live start {other} owner");
        await using var client = await TestServer.LoginAsync(_host, acc);
        for (int i = 0; i < 40; i++)
            Assert.That((await client.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room })).Result, Is.EqualTo(0));
        Assert.That((await client.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = other })).Result, Is.EqualTo(0));
        Assert.That((await client.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room })).Result, Is.EqualTo(0));
        var joins = TestLogging.DataLogLines().Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("op").GetString() == "room join" && e.GetProperty("acc").GetString() == acc)
            .Select(e => e.GetProperty("roomid").GetString()).ToList();
        Assert.That(joins, Is.EqualTo(new[] { room, other, room }));
    }
}
