using SocialGame.Modules.Bargain;
using SocialGame.Modules.Pass;
using SocialGame.Modules.Player;
using SocialGame.Modules.RedPacket;
using SocialGame.Modules.Room.Gifts;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Pass;
using SocialGame.Protocol.Messages.Room;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Integration.Pass.PassSeasonKit;

namespace SocialGame.Tests.Integration.Pass;

/// <summary>The season pass on two nodes sharing one Redis and one fake clock: XP, reward states, claims, levelup.</summary>
public class PassSeasonTests : RedisFixture
{
    private FakeClock _clock = null!;
    private ServerHost _a = null!, _b = null!;

    [OneTimeSetUp]
    public async Task StartNodes()
    {
        _clock = NewClock();
        string dir = Config("T1", days: 20);
        _a = await TestServer.StartAsync(Redis, "pa", clock: _clock, configDir: dir);
        _b = await TestServer.StartAsync(Redis, "pb", clock: _clock, configDir: dir);
    }

    [OneTimeTearDown]
    public async Task StopNodes()
    {
        await _a.StopAsync();
        await _b.StopAsync();
    }

    private static Task PublishAsync<T>(ServerHost host, T e) where T : class => host.Services.DomainEvents.PublishAsync(e);

    [Test]
    public async Task EachSourceCountsUpToItsDailyCapAndAgainOnTheNextBusinessDay()
    {
        string acc = TestServer.NewAccount("x"), friend = TestServer.NewAccount("y");
        string room = "room" + Guid.NewGuid().ToString("N")[..8];
        await using var client = await LoginAsync(_a, _clock, acc);
        await using var other = await LoginAsync(_a, _clock, friend);
        await TestServer.GmAsync(_a, $"//gm live start {room} owner");
        await TestServer.GmAsync(_a, $"//gm addmoney {acc} gold 100000");
        Assert.That((await client.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room })).Result, Is.EqualTo(0));
        Assert.That((await other.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room })).Result, Is.EqualTo(0));
        Assert.That((await client.RequestAsync(PassProtocol.Entry)).Xp, Is.EqualTo(10), "the day's first login");

        // Room gifts (gift 2 costs 100 gold: 10 XP each), paid through the real request: capped at 150 XP a day.
        for (int i = 0; i < 20; i++)
            Assert.That((await client.RequestAsync(RoomProtocol.SendGift,
                new SendGiftRequest { RoomId = room, To = friend, GiftId = 2, Count = 1, ReqId = "r" + i })).Result, Is.EqualTo(0));
        for (int i = 0; i < 4; i++) await PublishAsync(_a, new BargainHelped(1, "CODE" + i, acc, friend, 1));
        for (int i = 0; i < 4; i++) await PublishAsync(_b, new RedPacketOpened(room, "P" + Guid.NewGuid().ToString("N"), 5, false, acc));
        var entry = await client.RequestAsync(PassProtocol.Entry);
        Assert.That((entry.Xp, entry.Level, entry.NextXp), Is.EqualTo((10L + 150 + 40 + 100, 3, 1000L)), entry.ToJson());
        await using (await LoginAsync(_b, _clock, acc)) { }
        Assert.That((await Season(_a).ProgressAsync(acc)).Xp, Is.EqualTo(300), "a second login the same day earns nothing");

        _clock.Advance(TimeSpan.FromDays(1));
        await using var nextDay = await LoginAsync(_b, _clock, acc);
        await PublishAsync(_a, new BargainHelped(1, "CODE-next", acc, friend, 1));
        await PublishAsync(_a, new GiftSent(room, acc, friend, 2, 3, "next-day", 300, 300, 300));
        Assert.That((await nextDay.RequestAsync(PassProtocol.Entry)).Xp, Is.EqualTo(300 + 10 + 20 + 30),
            "the next business day: login, a help and 300 gold of gifts count again");
    }

    [Test]
    public async Task AnEventRetriedOnBothNodesCountsOnce()
    {
        string acc = TestServer.NewAccount("o");
        var gift = new GiftSent("room1", acc, "someone", 2, 5, "req-same", 500, 500, 500);
        var packet = new RedPacketOpened("room1", "Psame", 5, false, acc);
        var help = new BargainHelped(3, "CODE", acc, "owner", 7);
        await Task.WhenAll(Enumerable.Range(0, 8).SelectMany(i =>
        {
            var host = i % 2 == 0 ? _a : _b;
            return new[] { PublishAsync(host, gift), PublishAsync(host, packet), PublishAsync(host, help) };
        }));
        var progress = await Season(_a).ProgressAsync(acc);
        Assert.That(progress.Xp, Is.EqualTo(50 + 50 + 20), "each event once: 500 gold, one packet, one help");
        // Another request of the same sender is another event.
        await PublishAsync(_a, gift with { ReqId = "req-other" });
        Assert.That((await Season(_a).ProgressAsync(acc)).Xp, Is.EqualTo(170));
    }

    [Test]
    public async Task ClaimAllRacingItselfOnTwoNodesGrantsEveryRewardOnce()
    {
        string acc = TestServer.NewAccount("c");
        await using (await LoginAsync(_a, _clock, acc)) { }
        await TestServer.GmAsync(_a, $"//gm additem {acc} 8001 1");
        await GiveXpAsync(_a, acc, 300 - 10);
        long now = _clock.UtcNow.ToUnixTimeSeconds();
        await using var client = await LoginAsync(_b, _clock, acc);
        Assert.That((await client.RequestAsync(PassProtocol.Entry)).Claimable, Is.EqualTo(5));

        var direct = Enumerable.Range(0, 16).Select(i => (i % 2 == 0 ? Season(_a) : Season(_b)).ClaimAllAsync(acc));
        var requests = Enumerable.Range(0, 4).Select(_ => client.RequestAsync(PassProtocol.ClaimAll));
        var all = await Task.WhenAll(direct.Concat(requests));
        Assert.That(all.Select(r => r.Result), Is.All.EqualTo(0));
        Assert.That(all.Sum(r => r.Claimed), Is.EqualTo(5), "five rewards, each claimed by one of the racing claims");
        Assert.That(await GoldAsync(_a, acc), Is.EqualTo(100 + 500));
        Assert.That(await CountAsync(_a, acc, 9001), Is.EqualTo(2));
        Assert.That(await CountAsync(_a, acc, 7001), Is.EqualTo(3));
        Assert.That(await ExpiryAsync(_a, acc, 1001), Is.EqualTo(now + 14 * 86400));
        var entry = await client.RequestAsync(PassProtocol.Entry);
        Assert.That((entry.Claimable, entry.ClaimState), Is.EqualTo((0, 0)));
        var rewards = await client.RequestAsync(PassProtocol.Rewards);
        Assert.That(rewards.Levels.Select(l => (l.Free.State, l.Premium.State)), Is.EqualTo(new[]
        {
            ("claimed", "claimed"), ("claimed", "claimed"), ("none", "claimed"), ("locked", "none"),
        }));
        Assert.That((await client.RequestAsync(PassProtocol.ClaimAll)).Claimed, Is.EqualTo(0), "asking again claims nothing more");
    }

    [Test]
    public async Task APassGiftedAfterLevelsWereReachedMakesTheirPremiumRewardsClaimableAtOnce()
    {
        string from = TestServer.NewAccount("g"), to = TestServer.NewAccount("r");
        await using var giver = await LoginAsync(_a, _clock, from);
        await using var friend = await LoginAsync(_b, _clock, to);
        await TestServer.GmAsync(_a, $"//gm addfriend {from} {to}");
        await TestServer.GmAsync(_a, $"//gm addmoney {from} gold 5000");
        await GiveXpAsync(_a, to, 200 - 10);

        var before = await friend.RequestAsync(PassProtocol.Rewards);
        Assert.That((before.Owned, before.Level), Is.EqualTo((0, 2)));
        Assert.That(before.Levels.Take(2).Select(l => (l.Free.State, l.Premium.State)),
            Is.All.EqualTo(("claimable", "locked")), "without the pass only the free track");
        Assert.That((await friend.RequestAsync(PassProtocol.Claim, new PassClaimRequest { Level = 1, Track = "premium" })).Result,
            Is.EqualTo((int)ResultCode.RewardLocked));
        var free = await friend.RequestAsync(PassProtocol.ClaimAll);
        Assert.That((free.Result, free.Claimed), Is.EqualTo((0, 2)));

        var gift = await giver.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = to, Pay = 1 });
        Assert.That((gift.Result, gift.State), Is.EqualTo((0, "unlocked")), gift.ToJson());
        var entry = await friend.RequestAsync(PassProtocol.Entry);
        Assert.That((entry.Owned, entry.Claimable, entry.ClaimState), Is.EqualTo((1, 2, 1)), "levels 1 and 2's premium rewards");
        var premium = await friend.RequestAsync(PassProtocol.ClaimAll);
        Assert.That((premium.Result, premium.Claimed), Is.EqualTo((0, 2)));
        Assert.That(premium.Granted.Select(g => (g.ItemId, g.Count, g.Currency, g.Amount)),
            Is.EquivalentTo(new[] { (9001, 2L, "", 0L), (0, 0L, "gold", 500L) }));
        Assert.That(await GoldAsync(_a, to), Is.EqualTo(100 + 500));
        Assert.That(await CountAsync(_a, to, 9001), Is.EqualTo(2));
    }

    [Test]
    public async Task AClaimStoppedBetweenItsReservationAndItsGrantIsGrantedOnceByTheNextClaim()
    {
        string acc = TestServer.NewAccount("s");
        await GiveXpAsync(_a, acc, 200);
        // As a node dying right after reserving level 1's free reward leaves it.
        string key = PassLadder.ClaimKey("T1", "1:f");
        var db = _a.Services.Redis.Db;
        await db.HashSetAsync(PassKeys.Season(acc, "T1"), [new("c:1:f", key), new("pending:" + key, "1:f")]);
        Assert.That((await Season(_a).RewardsAsync(acc)).Levels[0].Free.State, Is.EqualTo("claimed"));
        Assert.That(await GoldAsync(_a, acc), Is.EqualTo(0));

        var claims = await Task.WhenAll(Season(_a).ClaimAllAsync(acc), Season(_b).ClaimAllAsync(acc));
        Assert.That(claims.Sum(c => c.Claimed), Is.EqualTo(1), "level 2's free reward");
        Assert.That(await GoldAsync(_a, acc), Is.EqualTo(100), "the stopped claim granted once");
        Assert.That(await CountAsync(_a, acc, 7001), Is.EqualTo(3));
        Assert.That(await db.HashExistsAsync(PassKeys.Season(acc, "T1"), "pending:" + key), Is.False);
        Assert.That((await Season(_b).ClaimAllAsync(acc)).Claimed, Is.EqualTo(0));
        Assert.That(await GoldAsync(_a, acc), Is.EqualTo(100));
    }

    [Test]
    public async Task AClaimTheLedgerRefusesStaysReservedAndIsGrantedOnceWhenTheBalanceHasRoom()
    {
        string acc = TestServer.NewAccount("f");
        await GiveXpAsync(_a, acc, 200);
        var ledger = PlayerOf(_a).Ledger;
        long max = PlayerOf(_a).Options.MaxBalance;
        await ledger.ApplyAsync(new LedgerOperation(acc, "test-fill", "test", [new CurrencyChange("gold", max - 50)], []));
        string key = PassLadder.ClaimKey("T1", "1:f");

        // level 1's free reward is 100 gold: no room for it
        var refused = await Season(_a).ClaimAsync(acc, new PassRewardRef(1, PassTrack.Free));
        Assert.That(refused.Result, Is.EqualTo((int)ResultCode.BalanceLimit));
        var season = PassKeys.Season(acc, "T1");
        var db = _a.Services.Redis.Db;
        Assert.That(await db.HashExistsAsync(season, "pending:" + key), Is.True, "kept reserved, pending");
        Assert.That((await Season(_b).RewardsAsync(acc)).Levels[0].Free.State, Is.EqualTo("claimed"));

        // a claim-all meanwhile tries it again (still no room) and claims only level 2's reward, never level 1's under a new key
        var others = await Season(_b).ClaimAllAsync(acc);
        Assert.That((others.Result, others.Claimed), Is.EqualTo((0, 1)));
        Assert.That(await CountAsync(_a, acc, 7001), Is.EqualTo(3));
        Assert.That(await GoldAsync(_a, acc), Is.EqualTo(max - 50));

        await ledger.ApplyAsync(new LedgerOperation(acc, "test-spend", "test", [new CurrencyChange("gold", -1000)], []));
        var claims = await Task.WhenAll(Season(_a).ClaimAllAsync(acc), Season(_b).ClaimAllAsync(acc));
        Assert.That(claims.Select(c => c.Result), Is.All.EqualTo(0));
        Assert.That(await GoldAsync(_a, acc), Is.EqualTo(max - 50 - 1000 + 100), "the reserved claim granted once, by the next claims");
        Assert.That(await db.HashExistsAsync(season, "pending:" + key), Is.False);
        Assert.That((await Season(_a).ClaimAllAsync(acc)).Claimed, Is.Zero);
        Assert.That(await GoldAsync(_a, acc), Is.EqualTo(max - 50 - 1000 + 100));
    }

    [Test]
    public async Task ClaimingOneRewardAnswersEachRefusalWithItsCode()
    {
        string acc = TestServer.NewAccount("k");
        await using var client = await LoginAsync(_a, _clock, acc);
        await GiveXpAsync(_a, acc, 300 - 10);
        Task<PassClaimResponse> Claim(int level, string? track) =>
            client.RequestAsync(PassProtocol.Claim, new PassClaimRequest { Level = level, Track = track });
        Assert.That((await Claim(0, "free")).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await Claim(5, "free")).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await Claim(1, "gold")).Result, Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await Claim(3, "free")).Result, Is.EqualTo((int)ResultCode.NoReward));
        Assert.That((await Claim(4, "free")).Result, Is.EqualTo((int)ResultCode.RewardLocked), "level 4 not reached");
        var one = await Claim(2, "free");
        Assert.That((one.Result, one.Claimed, one.Granted.Single().ItemId, one.Granted.Single().Count), Is.EqualTo((0, 1, 7001, 3L)));
        Assert.That((await Claim(2, "free")).Result, Is.EqualTo((int)ResultCode.RewardClaimed));
        Assert.That(await CountAsync(_a, acc, 7001), Is.EqualTo(3));
        Assert.That(await GoldAsync(_a, acc), Is.EqualTo(0), "level 1's free reward is still to claim");
        Assert.That((await client.RequestAsync(PassProtocol.Entry)).Claimable, Is.EqualTo(1));
    }

    [Test]
    public async Task ReachingALevelWithSomethingToClaimIsPushedAndALevelWithNothingIsNot()
    {
        string acc = TestServer.NewAccount("l");
        await using var client = await LoginAsync(_a, _clock, acc);
        await GiveXpAsync(_b, acc, 100 - 10);
        var push = await client.WaitForAsync(PassProtocol.LevelUp);
        Assert.That((push.Season, push.Level, push.Xp, push.Claimable), Is.EqualTo(("T1", 1, 100L, 1)));
        await GiveXpAsync(_b, acc, 100);
        var second = await client.WaitForAsync(PassProtocol.LevelUp);
        Assert.That((second.Level, second.Claimable), Is.EqualTo((2, 2)));
        // Level 3 has only a premium reward: without the pass reaching it is not pushed; level 4's free reward is.
        await GiveXpAsync(_b, acc, 100);
        await GiveXpAsync(_b, acc, 700);
        var top = await client.WaitForAsync(PassProtocol.LevelUp);
        Assert.That((top.Level, top.Claimable), Is.EqualTo((4, 3)));
    }
}
