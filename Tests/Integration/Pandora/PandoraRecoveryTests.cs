using SocialGame.Modules.Account;
using SocialGame.Modules.Pandora;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Pandora;
using SocialGame.Tests.Infrastructure;
using SocialGame.Tests.Integration.Account;

namespace SocialGame.Tests.Integration.Pandora;

/// <summary>Draws stored and not granted (a node dying between the two), records kept 90 days, and an account's deletion.</summary>
[TestFixtureSource(typeof(RedisKinds), nameof(RedisKinds.Both))]
public class PandoraRecoveryTests(RedisKind kind) : PandoraFixture(kind)
{
    [Test]
    public async Task DrawsStoredAndNotGrantedAreGrantedOnceWhenSweepsOnBothNodesResume()
    {
        var s = await SceneAsync(5);
        await GiveAsync(s, 1000);
        string box = await BoxAsync(s.Room);
        var pandora = Pandora(NodeA);
        // the opener stores the draws and dies before granting them
        var (outcome, owner, draws) = await pandora.StoreDrawsAsync(s.Room, box, pandora.Options.Level(1)!, s.Owner,
            s.Members.Select(m => m.Acc).ToList());
        Assert.That((outcome, owner, draws.Count), Is.EqualTo((OpenOutcome.Stored, s.Owner, 5)));
        foreach (var (acc, _) in s.Members) Assert.That(await GrantsAsync(acc), Is.Empty);
        var again = await s.OwnerClient.RequestAsync(PandoraProtocol.Open, new PandoraOpenRequest { RoomId = s.Room, Level = 1 });
        Assert.That(again.Result, Is.EqualTo((int)ResultCode.PandoraOpened), "the stored draws stand: the level is not drawn again");
        Assert.That(await Task.WhenAll(pandora.SweepAsync(), Pandora(NodeB).SweepAsync()), Is.All.EqualTo(0), "not due within the grace");

        Clock.Advance(TimeSpan.FromSeconds(pandora.Options.GrantGraceSeconds + 1));
        var swept = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => Pandora(i % 2 == 0 ? NodeA : NodeB).SweepAsync())));
        Assert.That(swept.Sum(), Is.LessThanOrEqualTo(6), "each draw granted by one sweep (the periodic pass may have taken some)");
        foreach (var (acc, prize) in draws)
        {
            Assert.That(await GrantsAsync(acc), Is.EqualTo(new[] { $"pandora:{s.Room}:{box}:1:d" }), "granted once");
            var wallet = await Player.Ledger.GetWalletAsync(acc);
            var records = await pandora.RecordsAsync(acc, 0);
            Assert.That(records.Records.Single().Prize.Id, Is.EqualTo(prize.Id));
            if (acc != s.Members[0].Acc && acc != s.Members[1].Acc && prize.Currency.Length > 0)
                Assert.That(wallet[prize.Currency], Is.EqualTo(prize.Amount));
        }
        Assert.That(await GrantsAsync(s.Owner), Is.EqualTo(new[] { $"pandora:{s.Room}:{box}:1:o" }));
        Assert.That(await Db.SortedSetLengthAsync(PandoraKeys.Due), Is.Zero);
        Assert.That(await Db.SetLengthAsync(PandoraKeys.Pending(s.Room, box)), Is.Zero);
    }

    [Test]
    public async Task AGrantTheLedgerRefusesHoldsUpNoOtherAndTheSweepGrantsItOnceItCan()
    {
        var s = await SceneAsync(3);
        await GiveAsync(s, 20_000);
        long max = Player.Options.MaxBalance;
        await Player.Ledger.ApplyAsync(Modules.Player.LedgerOperation.Currency(s.Owner, "test:full", "test", "yuanbao", max - 10));
        var opened = await s.OwnerClient.RequestAsync(PandoraProtocol.Open, new PandoraOpenRequest { RoomId = s.Room, Level = 3 });
        Assert.That(opened.Result, Is.EqualTo(0), "the level opened; the owner's 50 yuanbao would pass the maximum");
        string box = await BoxAsync(s.Room);
        foreach (var (acc, _) in s.Members) Assert.That(await GrantsAsync(acc), Is.EqualTo(new[] { $"pandora:{s.Room}:{box}:3:d" }));
        Assert.That(await GrantsAsync(s.Owner), Is.Empty);
        Clock.Advance(TimeSpan.FromSeconds(Pandora(NodeA).Options.GrantGraceSeconds + 1));
        await Pandora(NodeB).SweepAsync();
        Assert.That(await GrantsAsync(s.Owner), Is.Empty, "still refused");
        await Player.Ledger.ApplyAsync(Modules.Player.LedgerOperation.Currency(s.Owner, "test:spend", "test", "yuanbao", -1000));
        Clock.Advance(TimeSpan.FromSeconds(Pandora(NodeA).Options.ClaimLeaseSeconds + 1));
        await Task.WhenAll(Pandora(NodeA).SweepAsync(), Pandora(NodeB).SweepAsync());
        Assert.That(await GrantsAsync(s.Owner), Is.EqualTo(new[] { $"pandora:{s.Room}:{box}:3:o" }));
        Assert.That((await Player.Ledger.GetWalletAsync(s.Owner))["yuanbao"], Is.EqualTo(max - 10 - 1000 + 50));
        foreach (var (acc, _) in s.Members) Assert.That(await GrantsAsync(acc), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ARecordIsKeptNinetyDaysAndThenLeavesTheList()
    {
        var s = await SceneAsync(2);
        await GiveAsync(s, 1000);
        Assert.That((await s.OwnerClient.RequestAsync(PandoraProtocol.Open, new PandoraOpenRequest { RoomId = s.Room, Level = 1 })).Result,
            Is.EqualTo(0));
        string acc = s.Members[1].Acc;
        Clock.Advance(TimeSpan.FromDays(89));
        var records = await (await LoginAsync(NodeB, acc)).RequestAsync(PandoraProtocol.Records, new PandoraRecordsRequest());
        Assert.That((records.Total, records.Records.Count), Is.EqualTo((1L, 1)));
        Clock.Advance(TimeSpan.FromDays(2));
        records = await (await LoginAsync(NodeA, acc)).RequestAsync(PandoraProtocol.Records, new PandoraRecordsRequest());
        Assert.That((records.Total, records.Records.Count), Is.EqualTo((0L, 0)));
    }

    [Test]
    public async Task ADeletedAccountsDrawsAreGrantedThenNothingInRedisNamesItButTheLedger()
    {
        var s = await SceneAsync(3);
        await GiveAsync(s, 5000);
        var (acc, client) = s.Members[2];
        Assert.That((await s.OwnerClient.RequestAsync(PandoraProtocol.Open, new PandoraOpenRequest { RoomId = s.Room, Level = 1 })).Result,
            Is.EqualTo(0));
        string box = await BoxAsync(s.Room);
        // level 2 drawn and not granted yet when the deletion runs
        var pandora = Pandora(NodeA);
        await pandora.StoreDrawsAsync(s.Room, box, pandora.Options.Level(2)!, s.Owner, s.Members.Select(m => m.Acc).ToList());
        Assert.That((await client.RequestAsync(AccountProtocol.CancelApply)).Result, Is.EqualTo(0));
        await client.DisposeAsync();
        Clock.Advance(TimeSpan.FromDays(15));
        Assert.That(await NodeA.Modules.OfType<AccountModule>().Single().Cancellation.RunDueAsync(), Is.EqualTo(1));
        Assert.That(await GrantsAsync(acc), Is.EquivalentTo(new[] { $"pandora:{s.Room}:{box}:1:d", $"pandora:{s.Room}:{box}:2:d" }),
            "what it won reached its ledger before it closed");
        Assert.That(await AccountDataScan.LeftoversAsync(NodeA.Services.Redis, NodeA.Services.AccountData, acc), Is.Empty);
        Assert.That(await Db.HashLengthAsync(PandoraKeys.Draws(s.Room, box)), Is.EqualTo(6),
            "two levels of three draws and an owner reward, less its two");
    }
}
