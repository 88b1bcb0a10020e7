using SocialGame.Core.Storage;
using SocialGame.Core.Storage.Keys;
using SocialGame.Modules.Account;
using SocialGame.Protocol.Catalog;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;
using StackExchange.Redis;

namespace SocialGame.Tests.Integration.Account;

/// <summary>
/// Deleting an account on a private cluster of three masters without replicas while one master is down (kill -9): the
/// steps that scan for keys cannot walk it, so the deletion stops midway naming it instead of finishing as if the down
/// master held nothing of the account; once the master is back a later pass finishes it.
/// </summary>
[NonParallelizable]
public class AccountDeletionOutageTests
{
    private RedisCluster _cluster = null!;
    private FakeClock _clock = null!;
    private ServerHost _host = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _cluster = new RedisCluster(masters: 3, replicasPerMaster: 0);
        _clock = new FakeClock(DateTimeOffset.UtcNow);
        _host = await TestServer.StartAsync(_cluster, clock: _clock);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _host.StopAsync();
        _cluster.Dispose();
    }

    private CancellationService Cancellation => _host.Modules.OfType<AccountModule>().Single().Cancellation;

    private int MasterOf(RedisKey key) => _cluster.MasterOfSlot(_host.Services.Redis.Connection.HashSlot(key));

    [Test]
    public async Task ADeletionDoesNotFinishWhileAMasterIsDownAndFinishesOnceItIsBack()
    {
        // A master holding neither the account's keys nor the index of due cancellations: only the scans need it.
        string acc = TestServer.NewAccount("gone");
        int victim = _cluster.Masters()
            .First(m => m != MasterOf(AccountModuleKeys.Cancel(acc)) && m != MasterOf(AccountModuleKeys.CancelDue));
        await using (var client = await TestServer.LoginAsync(_host, acc))
            Assert.That((await client.RequestAsync(AccountProtocol.CancelApply)).Result, Is.EqualTo(0));
        Assert.That(await Eventually.TrueAsync(async () => await _host.Services.Sessions.LocateAsync(acc) is null), Is.True);
        _clock.Advance(TimeSpan.FromDays(15));
        _cluster.Kill(victim);
        try
        {
            Assert.That(await Cancellation.RunDueAsync(), Is.EqualTo(0), "stopped midway");
            Assert.That((await Cancellation.StatusAsync(acc))!.State, Is.EqualTo("executing"));
            Assert.That(await TestServer.Player(_host).Profiles.ExistsAsync(acc), Is.True, "the account is not deleted yet");
            var ex = Assert.ThrowsAsync<RedisConnectionException>(async () =>
            {
                await foreach (var _ in _host.Services.Redis.ScanAsync(CoreKeys.AccountSpace(acc)))
                {
                }
            });
            Assert.That(ex!.Message, Does.Contain($"127.0.0.1:{victim}"), "the scan names the master it could not walk");
        }
        finally
        {
            _cluster.Restart(victim);
        }
        _cluster.WaitHealthy(TimeSpan.FromSeconds(30));
        // A later pass (after the stopped pass's lease) finishes it.
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            _clock.Advance(TimeSpan.FromMinutes(3));
            return await Cancellation.RunDueAsync() == 1;
        }, 20), Is.True, "finished once the master is back");
        Assert.That((await Cancellation.StatusAsync(acc))!.State, Is.EqualTo("done"));
        Assert.That(await TestServer.Player(_host).Profiles.ExistsAsync(acc), Is.False);
    }
}
