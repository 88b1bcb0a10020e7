using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Activity;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Integration.Activity.ActivityTestKit;

namespace SocialGame.Tests.Integration.Activity;

/// <summary>Who sees which banners (window, client version, VIP level), the detail of one, and the admin API's validation.</summary>
public class ActivityEntriesTests : RedisFixture
{
    [Test]
    public async Task EntriesFollowTheWindowTheClientVersionAndTheVipLevelSortedByPriority()
    {
        var clock = Clock();
        await using var host = await StartAsync(Redis, "e1", clock, QuickConfig());
        var now = clock.UtcNow;
        string forAll = NewId("all"), vip3 = NewId("vip3"), newClients = NewId("new"), oldClients = NewId("old"), later = NewId("later");
        var fresh = Def(newClients, now.AddHours(-1), now.AddHours(1), priority: 30);
        fresh["minVersion"] = "3.3.90";
        var old = Def(oldClients, now.AddHours(-1), now.AddHours(1), priority: 5);
        old["maxVersion"] = "3.3";
        await ReplaceAsync(host, Def(forAll, now.AddHours(-1), now.AddHours(1), priority: 20),
            Def(vip3, now.AddHours(-1), now.AddHours(1), minVip: 3, priority: 50), fresh, old,
            Def(later, now.AddHours(1), now.AddHours(2), priority: 99));

        await using var plain = await PlayerAsync(host, TestServer.NewAccount(), "3.4.0-beta");
        Assert.That(await EntriesAsync(plain), Is.EqualTo(new[] { newClients, forAll }));
        await using var vip = await PlayerAsync(host, TestServer.NewAccount(), "3.3.90", vip: 3);
        Assert.That(await EntriesAsync(vip), Is.EqualTo(new[] { vip3, newClients, forAll }));
        await using var oldVip = await PlayerAsync(host, TestServer.NewAccount(), "3.2.9", vip: 4);
        Assert.That(await EntriesAsync(oldVip), Is.EqualTo(new[] { vip3, forAll, oldClients }));
        await using var noVersion = await PlayerAsync(host, TestServer.NewAccount(), null);
        Assert.That(await EntriesAsync(noVersion), Is.EqualTo(new[] { forAll }), "a version range hides it from a client reporting none");

        var hidden = await plain.RequestAsync(ActivityProtocol.Detail, new ActivityDetailRequest { ActivityId = vip3 });
        Assert.That(hidden.Result, Is.EqualTo((int)ResultCode.ActivityUnknown));
        var notYet = await vip.RequestAsync(ActivityProtocol.Detail, new ActivityDetailRequest { ActivityId = later });
        Assert.That(notYet.Result, Is.EqualTo((int)ResultCode.ActivityUnknown));
        foreach (string? bad in new[] { null, "", "a b", new string('x', 33), "x}" })
        {
            var reply = await vip.RequestAsync(ActivityProtocol.Detail, new ActivityDetailRequest { ActivityId = bad });
            Assert.That(reply.Result, Is.EqualTo((int)ResultCode.ParamError), bad);
        }
    }

    [Test]
    public async Task DetailShowsTheRulesTheBonusForThisPlayerAndTheTimeLeft()
    {
        var clock = Clock();
        await using var host = await StartAsync(Redis, "d1", clock, QuickConfig());
        string id = NewId();
        var def = Def(id, clock.UtcNow.AddMinutes(-10), clock.UtcNow.AddMinutes(50));
        def["wealthBonus"] = new { percent = 150, minVipLevel = 2 };
        def["buyOneGetOne"] = new[] { new { storeId = "aquarium", itemId = 202, limit = 2 } };
        def["friendGift"] = new[] { new { storeId = "aquarium", itemId = 204 } };
        await ReplaceAsync(host, def);
        await using var low = await PlayerAsync(host, TestServer.NewAccount(), "3.4.0", vip: 1);
        await using var high = await PlayerAsync(host, TestServer.NewAccount(), "3.4.0", vip: 2);
        var lowDetail = await low.RequestAsync(ActivityProtocol.Detail, new ActivityDetailRequest { ActivityId = id });
        var highDetail = await high.RequestAsync(ActivityProtocol.Detail, new ActivityDetailRequest { ActivityId = id });
        Assert.That((lowDetail.Result, lowDetail.WealthBonus, lowDetail.TimeLeft), Is.EqualTo((0, 0, 50 * 60L)));
        Assert.That(highDetail.WealthBonus, Is.EqualTo(150));
        var offer = highDetail.BuyOneGetOne.Single();
        Assert.That((offer.StoreId, offer.ItemId, offer.BonusItemId, offer.Limit, offer.Used, offer.Left),
            Is.EqualTo(("aquarium", 202, 202, 2, 0, 2)));
        Assert.That(highDetail.FriendGift.Select(f => (f.StoreId, f.ItemId)), Is.EqualTo(new[] { ("aquarium", 204) }));
        Assert.That(highDetail.Activity.Name, Is.EqualTo("冰雪节 " + id));
    }

    [Test]
    public async Task AReplacementIsValidatedNamingTheFieldAndABadOneChangesNothing()
    {
        var clock = Clock();
        await using var host = await StartAsync(Redis, "v1", clock, QuickConfig());
        string id = NewId();
        await ReplaceAsync(host, Def(id, clock.UtcNow.AddMinutes(-1), clock.UtcNow.AddMinutes(1)));
        await using var player = await PlayerAsync(host, TestServer.NewAccount(), "3.4.0");

        var cases = new (string Field, Action<Dictionary<string, object?>> Spoil)[]
        {
            ("activities[0].end", d => d["end"] = d["begin"]),
            ("activities[0].begin", d => d["begin"] = "2031-03-01T12:00:00Z"),
            ("activities[0].banner.jump", d => ((Dictionary<string, object?>)d["banner"]!)["jump"] = "javascript:alert(1)"),
            ("activities[0].banner.image", d => ((Dictionary<string, object?>)d["banner"]!)["image"] = "http://cdn.example.com/x.png"),
            ("activities[0].maxVersion", d => (d["minVersion"], d["maxVersion"]) = ("3.4", "3.3")),
            ("activities[0].wealthBonus.percent", d => d["wealthBonus"] = new { percent = 100 }),
            ("activities[0].buyOneGetOne[0].limit", d => d["buyOneGetOne"] = new[] { new { storeId = "vip", itemId = 1, limit = 0 } }),
            ("activities[0].id", d => d["id"] = "bad id"),
            ("activities[0].buyOneGetOne[0].itemId",
                d => d["buyOneGetOne"] = new[] { new { storeId = "aquarium", itemId = 999, limit = 1 } }),
            ("activities[0].buyOneGetOne[0].bonusItemId",
                d => d["buyOneGetOne"] = new[] { new { storeId = "aquarium", itemId = 202, bonusItemId = 998, limit = 1 } }),
            ("activities[0].friendGift[0].itemId", d => d["friendGift"] = new[] { new { storeId = "nostore", itemId = 202 } }),
            ("activities[0].friendGift[0].itemId", d => d["friendGift"] = new[] { new { storeId = "aquarium", itemId = 205 } }),
            ("activities[0].unknownField", d => d["unknownField"] = 1),
        };
        foreach (var (field, spoil) in cases)
        {
            var def = Def(NewId(), clock.UtcNow, clock.UtcNow.AddHours(1));
            spoil(def);
            var (status, body) = await PutAsync(host, new { activities = new[] { def } });
            Assert.That((status, body.GetProperty("field").GetString()), Is.EqualTo((400, field)), body.ToString());
        }
        var twice = Def(id, clock.UtcNow, clock.UtcNow.AddHours(1));
        Assert.That((await PutAsync(host, new { activities = new[] { twice, twice } })).Status, Is.EqualTo(400));
        Assert.That(await EntriesAsync(player), Is.EqualTo(new[] { id }), "nothing changed");
        using var viewer = TestServer.Admin(host, Core.Admin.OperatorRole.Viewer);
        Assert.That((int)(await viewer.PutAsync("/admin/activities", new StringContent("{}"))).StatusCode, Is.EqualTo(403));
        string read = await viewer.GetStringAsync("/admin/activities");
        Assert.That(read, Does.Contain($"\"id\":\"{id}\"").And.Contain("Asia/Shanghai"));
    }
}
