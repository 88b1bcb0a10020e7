using SocialGame.Core.Options;
using SocialGame.Protocol.Catalog;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

/// <summary>A connection must log in soon after it opens: heartbeats alone do not keep it.</summary>
public class LoginTimeoutTests : ServerFixture
{
    protected override void Configure(ServerOptions options) => options.LoginTimeoutSeconds = 1;

    [Test]
    public async Task AConnectionThatNeverLogsInIsClosedWhileOneThatDidStays()
    {
        await using var anonymous = await TestServer.ConnectAsync(Host);
        await using var player = await TestServer.LoginAsync(Host, TestServer.NewAccount());
        var started = DateTime.UtcNow;
        while (!anonymous.IsClosed && DateTime.UtcNow - started < TimeSpan.FromSeconds(5))
        {
            try
            {
                await anonymous.RequestAsync(SystemProtocol.Heartbeat);
            }
            catch (IOException)
            {
                break; // closed while we asked
            }
            await Task.Delay(200); // the behaviour under test: heartbeats all through the login time
        }
        Assert.That(anonymous.IsClosed, Is.True, "closed, although it kept sending heartbeats");
        await Kicks.ExpectAsync(anonymous, KickReason.LoginTimeout);
        Assert.That(DateTime.UtcNow - started, Is.GreaterThan(TimeSpan.FromSeconds(0.8)), "not before its time");
        Assert.That((await player.RequestAsync(SystemProtocol.Heartbeat)).Result, Is.EqualTo(0), "the logged-in connection stays");
    }
}
