using System.Net;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Metrics;
using SocialGame.Core.Options;
using SocialGame.Protocol.Catalog;

namespace SocialGame.Tests.Unit;

public class ConnectionGateTests
{
    private static readonly IPAddress A = IPAddress.Parse("10.0.0.1");
    private static readonly IPAddress B = IPAddress.Parse("10.0.0.2");

    private static ConnectionGate Gate(int max = 100, int perIp = 100, int notLoggedIn = 100, int notLoggedInPerIp = 100) =>
        new(new ConnectionOptions { Max = max, MaxPerIp = perIp, MaxNotLoggedIn = notLoggedIn, MaxNotLoggedInPerIp = notLoggedInPerIp },
            new ServerMetrics());

    [Test]
    public void LoggingInAndClosingMoveTheCountsOnceWhateverTheOrder()
    {
        var gate = Gate(notLoggedInPerIp: 1);
        var first = gate.Admit(A, out _)!;
        Assert.That(gate.Admit(A, out string refusal), Is.Null);
        Assert.That(refusal, Is.EqualTo(KickReason.TooManyFromIp));
        first.LoggedIn();
        first.LoggedIn();
        var second = gate.Admit(A, out _)!;
        Assert.That((gate.Open, gate.NotLoggedIn), Is.EqualTo((2, 1)));
        second.Release();
        second.Release();
        second.LoggedIn(); // a login finishing after its connection closed changes nothing
        first.Release();
        Assert.That((gate.Open, gate.NotLoggedIn, gate.Addresses), Is.EqualTo((0, 0, 0)));
    }

    [Test]
    public void NodeCapsComeBeforeAddressCaps()
    {
        var gate = Gate(max: 2, notLoggedIn: 1);
        var a = gate.Admit(A, out _)!;
        Assert.That(gate.Admit(B, out string refusal), Is.Null);
        Assert.That(refusal, Is.EqualTo(KickReason.ServerFull), "one not logged in on the node");
        a.LoggedIn();
        Assert.That(gate.Admit(B, out _), Is.Not.Null);
        Assert.That(gate.Admit(B, out refusal), Is.Null);
        Assert.That(refusal, Is.EqualTo(KickReason.ServerFull), "two open on the node");
    }

    [Test]
    public void AProxiedConnectionCountsAgainstTheAddressItsProxyNames()
    {
        var gate = Gate(perIp: 1);
        var direct = gate.Admit(A, out _)!;
        var proxied = gate.Admit(null, out _)!;
        Assert.That(proxied.AssignIp(A), Is.EqualTo(KickReason.TooManyFromIp));
        proxied.Release();
        var other = gate.Admit(null, out _)!;
        other.LoggedIn();
        Assert.That(other.AssignIp(B), Is.Null);
        Assert.That((gate.Open, gate.NotLoggedIn, gate.Addresses), Is.EqualTo((2, 1, 2)));
        direct.Release();
        other.Release();
        Assert.That((gate.Open, gate.NotLoggedIn, gate.Addresses), Is.EqualTo((0, 0, 0)));
    }

    [Test]
    public void ConnectionsOpeningAndClosingOnManyThreadsNeverPassTheCapsAndLeaveNothingBehind()
    {
        var gate = Gate(perIp: 5, notLoggedInPerIp: 3);
        // Our own counts move after an admission and before its release or login: never above the gate's.
        int open = 0, notLoggedIn = 0, highestOpen = 0, highestNotLoggedIn = 0;
        Parallel.For(0, 8, worker =>
        {
            for (int i = 0; i < 2000; i++)
            {
                if (gate.Admit(A, out _) is not { } admission) continue;
                Max(ref highestOpen, Interlocked.Increment(ref open));
                Max(ref highestNotLoggedIn, Interlocked.Increment(ref notLoggedIn));
                bool login = (i + worker) % 2 == 0;
                Interlocked.Decrement(ref notLoggedIn);
                if (login) admission.LoggedIn();
                Interlocked.Decrement(ref open);
                admission.Release();
            }
        });
        Assert.That(highestNotLoggedIn, Is.InRange(1, 3), "never more not logged in from the address than its cap");
        Assert.That(highestOpen, Is.InRange(1, 5), "never more open from the address than its cap");
        Assert.That((gate.Open, gate.NotLoggedIn, gate.Addresses), Is.EqualTo((0, 0, 0)));
    }

    private static void Max(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
