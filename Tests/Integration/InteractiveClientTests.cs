using System.Collections.Concurrent;
using SocialGame.Core.Options;
using SocialGame.Tests.Infrastructure;
using SocialGame.Tools;
using SocialGame.Tools.Repl;

namespace SocialGame.Tests.Integration;

/// <summary>The GM's console against a real node whose idle close is 2 s: it keeps the connection and comes back after a close.</summary>
public class InteractiveClientTests : ServerFixture
{
    protected override void Configure(ServerOptions options) => options.IdleSeconds = 2;

    private sealed class Screen
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public void Print(string text) => Lines.Enqueue(text);
        public string All => string.Join("\n", Lines);
        public bool Has(string text) => Lines.Any(l => l.Contains(text, StringComparison.Ordinal));
    }

    private (ReplConnection Connection, Screen Screen) Open()
    {
        var screen = new Screen();
        var connection = new ReplConnection("127.0.0.1", Host.Port, acc => TestServer.Token(acc), screen.Print,
            InteractiveClient.HeartbeatInterval(Host.Services.Options));
        connection.Start();
        return (connection, screen);
    }

    [Test]
    public async Task HeartbeatsKeepTheConnectionPastTheIdleClose()
    {
        var (connection, screen) = Open();
        await using var console = connection;
        string acc = TestServer.NewAccount("cli");
        Assert.That(await InteractiveClient.RunLineAsync(connection, screen.Print, "login " + acc), Is.True);
        Assert.That(screen.Has("<< system/login (1/1): success (0)"), Is.True, screen.All);
        await Task.Delay(TimeSpan.FromSeconds(3)); // the behaviour under test: time passes beyond the 2 s idle close
        Assert.That(screen.Has("closed"), Is.False, "no idle close: " + screen.All);
        Assert.That(Host.Services.Sessions.Registry.TryGetByAccount(acc, out _), Is.True);
    }

    [Test]
    public async Task AfterAKickItSaysWhyConnectsAgainAndLogsInAgain()
    {
        var (connection, screen) = Open();
        await using var console = connection;
        string acc = TestServer.NewAccount("cli");
        await InteractiveClient.RunLineAsync(connection, screen.Print, "login " + acc);
        await TestServer.GmAsync(Host, $"//gm kick {acc}");
        Assert.That(await Eventually.TrueAsync(() => screen.Has($"-- logged in again as {acc}: success (0)"), 10), Is.True, screen.All);
        Assert.That(screen.Has("<< push system/kicked (1/3) {\"reason\":\"gm\",\"text\":"), Is.True, "the push is shown: " + screen.All);
        Assert.That(screen.Has("!! connection closed: kicked by the server (gm)"), Is.True, screen.All);
        Assert.That(await InteractiveClient.RunLineAsync(connection, screen.Print, "player getprofile"), Is.True);
        Assert.That(screen.Has("<< player/getprofile (10/1): success (0)"), Is.True, "requests go on after the reconnect: " + screen.All);
    }

    [Test]
    public async Task GmCommandsAsTypedInChatPrintTheirOutputAsLines()
    {
        var (connection, screen) = Open();
        await using var console = connection;
        await InteractiveClient.RunLineAsync(connection, screen.Print, "login gm");
        await InteractiveClient.RunLineAsync(connection, screen.Print, "//gm help");
        string help = screen.Lines.Last();
        Assert.That(help.Split('\n')[0], Is.EqualTo("<< gm/command (2/1): success (0)"));
        Assert.That(help.Split('\n').Skip(1), Has.Some.EqualTo("   //gm kick <acc>"), "one command per line, not JSON with \\n escapes");
        await InteractiveClient.RunLineAsync(connection, screen.Print, "//gm addmoney nosuchaccount gold 5");
        Assert.That(screen.Lines.Last(), Does.StartWith("<< gm/command (2/1): unknown_account (38)"));
    }
}
