using SocialGame.Modules.Account;
using SocialGame.Protocol;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Account;

/// <summary>A cancelled account stays gone: every node refuses its login, with a token issued before, and creates nothing for it.</summary>
public class CancelledAccountLoginTests : ClockedTwoNodeFixture
{
    [SetUp]
    public async Task Prepare() => await NodeA.Services.Redis.Db.KeyDeleteAsync("sg:cancel:due");

    private static CancellationService Cancellation(ServerHost host) => host.Modules.OfType<AccountModule>().Single().Cancellation;

    private async Task<int> LoginResultAsync(ServerHost host, string acc, string token)
    {
        await using var client = await TestServer.ConnectAsync(host);
        return (await client.RequestAsync((int)ModuleType.System, 1, new { acc, token })).Result;
    }

    [Test]
    public async Task ACancelledAccountCannotLogInOnAnyNodeAndGetsNoNewProfile()
    {
        string acc = TestServer.NewAccount("gone");
        // Issued before the deletion and still unexpired after it.
        string token = TestServer.Token(acc, Clock.UtcNow.ToUnixTimeSeconds() + 16 * 86400);
        await using (var client = await TestServer.LoginAsync(NodeA, acc))
            Assert.That((await client.RequestAsync(11, 1)).Result, Is.EqualTo(0));
        Clock.Advance(TimeSpan.FromDays(15));
        Assert.That(await Cancellation(NodeB).RunDueAsync(), Is.EqualTo(1));
        Assert.That(await TestServer.Player(NodeA).Profiles.ExistsAsync(acc), Is.False);

        Assert.That(await LoginResultAsync(NodeA, acc, token), Is.EqualTo((int)ResultCode.AccountCancelled));
        Assert.That(await LoginResultAsync(NodeB, acc, token), Is.EqualTo((int)ResultCode.AccountCancelled));
        Assert.That(await LoginResultAsync(NodeB, acc, TestServer.Token(acc, Clock.UtcNow.ToUnixTimeSeconds() + 3600)), Is.EqualTo((int)ResultCode.AccountCancelled), "a fresh token too");
        await Task.Delay(200);
        Assert.That(await TestServer.Player(NodeA).Profiles.ExistsAsync(acc), Is.False, "no fresh default profile");
        Assert.That(await NodeA.Services.Redis.Db.KeyExistsAsync("sg:online:" + acc), Is.False, "no presence");
    }

    [Test]
    public async Task AnAccountInItsCoolingPeriodStillLogsIn()
    {
        string acc = TestServer.NewAccount("cool");
        await using (var client = await TestServer.LoginAsync(NodeA, acc))
            Assert.That((await client.RequestAsync(11, 1)).Result, Is.EqualTo(0));
        Clock.Advance(TimeSpan.FromSeconds(1));
        await (await TestServer.LoginAsync(NodeB, acc)).DisposeAsync();
    }
}
