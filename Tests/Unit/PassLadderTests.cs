using SocialGame.Core.Options;
using SocialGame.Modules.Pass;
using SocialGame.Modules.Player;

namespace SocialGame.Tests.Unit;

public class PassLadderTests
{
    private static readonly ItemCatalog Items = new()
    {
        Items = [new ItemDef { Id = 1001, DurationDays = 7 }, new ItemDef { Id = 7001, Stackable = true }],
    };

    private static PassOptions Options() => new()
    {
        Levels =
        [
            new PassLevel
            {
                Xp = 100, Free = [new PassReward { Currency = "gold", Amount = 100 }],
                Premium = [new PassReward { ItemId = 1001, Days = 14 }],
            },
            new PassLevel
            {
                Xp = 250, Premium = [new PassReward { Currency = "gold", Amount = 50 }, new PassReward { ItemId = 7001, Count = 2 }],
            },
            new PassLevel { Xp = 400, Free = [new PassReward { ItemId = 7001, Count = 3 }] },
        ],
    };

    [Test]
    public void LevelsStatesAndClaimableFollowXpOwnershipAndClaims()
    {
        var ladder = new PassLadder(Options(), Items);
        Assert.That(new[] { 0L, 99, 100, 249, 250, 10_000 }.Select(ladder.LevelOf), Is.EqualTo(new[] { 0, 0, 1, 1, 2, 3 }));
        Assert.That((ladder.NextXp(0), ladder.NextXp(2), ladder.NextXp(3)), Is.EqualTo((100L, 400L, 0L)));
        var plain = new PassProgress(260, new HashSet<string> { "1:f" }, Owned: false);
        Assert.That(ladder.StateOf(new(1, PassTrack.Free), plain), Is.EqualTo(PassRewardState.Claimed));
        Assert.That(ladder.StateOf(new(1, PassTrack.Premium), plain), Is.EqualTo(PassRewardState.Locked));
        Assert.That(ladder.StateOf(new(2, PassTrack.Free), plain), Is.EqualTo(PassRewardState.None));
        Assert.That(ladder.StateOf(new(3, PassTrack.Free), plain), Is.EqualTo(PassRewardState.Locked));
        Assert.That(ladder.Claimable(plain), Is.Empty);
        var owned = plain with { Owned = true };
        Assert.That(ladder.Claimable(owned), Is.EqualTo(new PassRewardRef[] { new(1, PassTrack.Premium), new(2, PassTrack.Premium) }));
        Assert.That(ladder.HasRewardBetween(1, 2, owned: false), Is.False, "level 2 has only a premium reward");
        Assert.That(ladder.HasRewardBetween(1, 2, owned: true), Is.True);
    }

    [Test]
    public void AClaimsGrantsAreAddedUpPerItemAndCurrencyAndItsKeyNamesItsRewards()
    {
        var ladder = new PassLadder(Options(), Items);
        var rewards = new PassRewardRef[]
        {
            new(3, PassTrack.Free), new(1, PassTrack.Premium), new(2, PassTrack.Premium), new(1, PassTrack.Free),
        };
        var (currencies, items) = ladder.Grants(rewards);
        Assert.That(currencies.Select(c => (c.Currency, c.Delta)), Is.EqualTo(new[] { ("gold", 150L) }));
        Assert.That(items.Select(i => (i.ItemId, i.Count)), Is.EqualTo(new[] { (1001, 2L), (7001, 5L) }), "14 days of a 7-day item: 2");
        string canonical = PassLadder.Canonical(rewards);
        Assert.That(canonical, Is.EqualTo("1:f,1:p,2:p,3:f"));
        Assert.That(PassLadder.ParseCanonical(canonical), Is.EquivalentTo(rewards));
        Assert.That(PassLadder.ClaimKey("S1", canonical), Is.Not.EqualTo(PassLadder.ClaimKey("S1", "1:f,1:p,2:p")));
        Assert.That(PassLadder.ClaimKey("S1", canonical), Is.Not.EqualTo(PassLadder.ClaimKey("S2", canonical)));
    }

    [Test]
    public void ABadSeasonNamesTheFieldAndAnXpSourceIsCappedPerEvent()
    {
        var options = Options();
        options.Levels[1].Xp = 100;
        options.Levels[2].Free = [new PassReward { ItemId = 7001 }];
        options.XpSources.GiftGold = new PassXpSource { Xp = 5, DailyCap = 0 };
        options.SeasonEnd = options.SeasonBegin;
        var v = new OptionsValidator();
        options.Validate(v);
        Assert.That(v.Errors, Has.Some.StartsWith("levels[1].xp:"));
        Assert.That(v.Errors, Has.Some.StartsWith("levels[2].free[0].count:"));
        Assert.That(v.Errors, Has.Some.StartsWith("xpSources.giftGold.dailyCap:"));
        Assert.That(v.Errors, Has.Some.StartsWith("seasonEnd:"));
        var source = new PassXpSource { Xp = 1, Per = 10, DailyCap = 100 };
        Assert.That((source.XpFor(9), source.XpFor(25), source.XpFor(0)), Is.EqualTo((0L, 2L, 0L)));
    }
}
