using SocialGame.Modules.Pass;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Pass;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Pass;

/// <summary>Pass gifts a player makes without paying leave nothing that grows, and an unpaid gift answers only the same request.</summary>
public class PassGiftBoundsTests : ServerFixture
{
    private PassGifts Gifts => Host.Modules.OfType<PassModule>().Single().Gifts;

    private async Task<(Client.GameClient Giver, string From, string To)> FriendsAsync()
    {
        string from = TestServer.NewAccount("g"), to = TestServer.NewAccount("r");
        var giver = await TestServer.LoginAsync(Host, from);
        await (await TestServer.LoginAsync(Host, to)).DisposeAsync();
        await TestServer.GmAsync(Host, $"//gm addfriend {from} {to}");
        return (giver, from, to);
    }

    [Test]
    public async Task GoldGiftsRefusedForLackOfGoldKeepNoRecordAndLeaveTheFriendsRecordsAlone()
    {
        var (giver, from, to) = await FriendsAsync();
        await using var _ = giver;
        // A gift the friend really received earlier (last season's), first in their records.
        var db = Host.Services.Redis.Db;
        await db.HashSetAsync("sg:{passgift}:Greal",
            [new("from", "someone"), new("to", to), new("season", "S0"), new("pay", 1), new("state", "unlocked"), new("time", 1)]);
        await db.ListLeftPushAsync($"sg:{{{to}}}:passgifts:received", "Greal");

        var replies = await Task.WhenAll(Enumerable.Range(0, 120)
            .Select(_ => giver.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = to, Pay = 1 })));
        Assert.That(replies.Select(r => r.Result), Is.All.EqualTo((int)ResultCode.InsufficientFunds));
        Assert.That((await Gifts.RecordsAsync(to)).Received.Select(r => r.GiftId), Is.EqualTo(new[] { "Greal" }),
            "the real gift is still there, alone");
        Assert.That((await Gifts.RecordsAsync(from)).Sent, Is.Empty);
        var server = Host.Services.Redis.Connection.GetServers().Single();
        int left = 0;
        foreach (var key in server.Keys(pattern: "sg:{passgift}:G*"))
            if (await db.HashGetAsync(key, "from") == from) left++;
        Assert.That(left, Is.EqualTo(0), "no gift record of the refused requests");
        Assert.That(await db.SortedSetLengthAsync("sg:{passgift}:paying"), Is.EqualTo(0));
    }

    [Test]
    public async Task AnUnpaidGiftOfAnEarlierSeasonOrPriceIsNotTheAnswerToThisSeasonsRequest()
    {
        var (giver, from, to) = await FriendsAsync();
        var s1 = await giver.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = to, Pay = 2 });
        Assert.That((s1.Result, s1.Amount), Is.EqualTo((0, 3000L)), s1.ToJson());

        // The next season, sold at another price, on a node started with that configuration.
        string dir = TestServer.CopyConfig();
        File.WriteAllText(Path.Combine(dir, "pass.json"), File.ReadAllText(Path.Combine(dir, "pass.json"))
            .Replace("\"season\": \"S1\"", "\"season\": \"S2\"")
            .Replace("\"productId\": \"pass_gift\"", "\"productId\": \"pass_gift_s2\""));
        File.WriteAllText(Path.Combine(dir, "products.json"), File.ReadAllText(Path.Combine(dir, "products.json")).Replace(
            "{ \"id\": \"pass_gift\",", "{ \"id\": \"pass_gift_s2\", \"name\": \"Season 2 pass gift\", \"price\": 3500, \"module\": " +
                "\"pass\", \"currencies\": {}, \"items\": [] },\n    { \"id\": \"pass_gift\","));
        await using var next = await TestServer.StartAsync(Redis, "s2", configDir: dir);
        await giver.DisposeAsync();
        await using var again = await TestServer.LoginAsync(next, from);
        var s2 = await again.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = to, Pay = 2 });
        Assert.That(s2.Result, Is.EqualTo(0), s2.ToJson());
        Assert.That(s2.GiftId, Is.Not.EqualTo(s1.GiftId), "a new gift, not last season's unpaid one");
        Assert.That(s2.Amount, Is.EqualTo(3500), "at this season's price");
    }
}
