using System.Net;
using System.Net.Sockets;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.AdminPort;

/// <summary>The admin port binds to adminHost (loopback by default), whatever address the game port listens on.</summary>
public class AdminBindTests : RedisFixture
{
    // 127.0.0.2 reaches a socket bound to every address, but not one bound to 127.0.0.1 only.
    private static readonly IPAddress OtherAddress = IPAddress.Parse("127.0.0.2");

    private static async Task<bool> CanConnectAsync(IPAddress address, int port)
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(address, port).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [Test]
    public async Task TheAdminPortStaysOnLoopbackWhenTheGamePortListensOnEveryAddress()
    {
        await using var host = await TestServer.StartAsync(Redis, "bind1", o => o.Host = "0.0.0.0");
        Assert.That(await CanConnectAsync(OtherAddress, host.Port), Is.True, "the game port listens on every address");
        Assert.That(await CanConnectAsync(OtherAddress, host.AdminPort), Is.False, "the admin port does not");
        Assert.That(await CanConnectAsync(IPAddress.Loopback, host.AdminPort), Is.True);
    }

    [Test]
    public async Task TheAdminPortBindsWhereAdminHostSays()
    {
        await using var host = await TestServer.StartAsync(Redis, "bind2", o => o.AdminHost = OtherAddress.ToString());
        Assert.That(await CanConnectAsync(OtherAddress, host.AdminPort), Is.True);
        Assert.That(await CanConnectAsync(IPAddress.Loopback, host.AdminPort), Is.False);
        Assert.That(await CanConnectAsync(IPAddress.Loopback, host.Port), Is.True, "the game port keeps host");
    }

    [Test]
    public async Task StartingANodeWatchesNoFiles()
    {
        // The admin host once watched its working directory tree with inotify (a reloadable appsettings.json) and woke
        // for every file written below it; a node reads its configuration once, at start.
        int before = InotifyWatches();
        await using var host = await TestServer.StartAsync(Redis, "bind3");
        Assert.That(await CanConnectAsync(IPAddress.Loopback, host.AdminPort), Is.True);
        Assert.That(InotifyWatches(), Is.EqualTo(before), "inotify watches added by starting a node");
    }

    /// <summary>The inotify watches this process holds (one line per watch in the fdinfo of its inotify descriptors).</summary>
    private static int InotifyWatches() =>
        Directory.GetFiles("/proc/self/fdinfo").Sum(file =>
        {
            try
            {
                return File.ReadLines(file).Count(line => line.StartsWith("inotify wd:", StringComparison.Ordinal));
            }
            catch (IOException)
            {
                return 0; // the descriptor closed meanwhile
            }
        });
}
