using SocialGame.Core.Options;
using SocialGame.Core.Time;
using SocialGame.Modules.Store;
using SocialGame.Protocol;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Unit;

/// <summary>Store eligibility: every rule alone and combined, with the reason code, the label and the text a client is sent.</summary>
public class StoreRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero); // a Saturday, 20:00 in Shanghai
    private static readonly StoreTexts Texts = new();
    private static readonly BusinessCalendar Calendar = new(BusinessCalendar.Resolve("Asia/Shanghai")!, new FakeClock(Now));

    private static StoreItem Item(Action<StoreItem>? rules = null)
    {
        var item = new StoreItem { Id = 7, Tab = "a", Name = "测试 Test", Currency = "gold", Price = 10,
            Grants = [new StoreGrant { ItemId = 5001 }] };
        rules?.Invoke(item);
        return item;
    }

    /// <summary>A player: VIP level, client version, activity open, owns it, bought per limit period, stock left.</summary>
    private static Verdict Judge(StoreItem item, int vip = 0, string? version = "3.4.0", bool activity = true, bool owned = false,
        long bought = 0, long? stock = null, int count = 1, DateTimeOffset? at = null)
    {
        var now = at ?? Now;
        var periods = StoreRules.Periods("alice", "t", item, Texts, Calendar, now);
        return StoreRules.Evaluate(item, Texts, new EligibilityInput(now, vip, version, activity, owned,
            periods.Select(p => (p, bought)).ToList(), stock), count);
    }

    private static readonly (string Name, Action<StoreItem> Rule, Func<StoreItem, Verdict> Failing, ResultCode Reason, string Label,
        string Text)[] Rules =
    [
        ("window", i => i.Begin = Now.AddDays(1), i => Judge(i), ResultCode.NotInWindow, "", "不在售卖时间 Not on sale now"),
        ("ended", i => i.End = Now, i => Judge(i), ResultCode.NotInWindow, "限时 Limited time", "不在售卖时间 Not on sale now"),
        ("version", i => i.MinVersion = "3.5", i => Judge(i, version: "3.4.9-beta"), ResultCode.ClientTooOld, "",
            "请更新客户端 Please update the app"),
        ("no version", i => i.MaxVersion = "3.5", i => Judge(i, version: null), ResultCode.ClientTooOld, "",
            "请更新客户端 Please update the app"),
        ("min vip", i => i.MinVipLevel = 3, i => Judge(i, vip: 2), ResultCode.VipTooLow, "VIP3专属 VIP3 only", "VIP3及以上可购买 Needs VIP3"),
        ("max vip", i => i.MaxVipLevel = 2, i => Judge(i, vip: 3), ResultCode.NotBuyable, "VIP2及以下 Up to VIP2",
            "仅限VIP2及以下 Up to VIP2 only"),
        ("activity", i => i.Activity = "spring", i => Judge(i, activity: false), ResultCode.ActivityNotOpen, "活动专属 Event only",
            "活动未开启 The event is not open"),
        ("owned", i => i.NotIfOwned = true, i => Judge(i, owned: true), ResultCode.AlreadyOwned, "", "已拥有 Already owned"),
        ("day", i => i.Limits.Day = 2, i => Judge(i, bought: 2), ResultCode.PurchaseLimit, "每日限购2 2 a day", "今日已售罄 Sold out today"),
        ("week", i => i.Limits.Week = 3, i => Judge(i, bought: 3), ResultCode.PurchaseLimit, "每周限购3 3 a week", "本周已售罄 Sold out this week"),
        ("window limit", i => i.Limits.Window = 1, i => Judge(i, bought: 1), ResultCode.PurchaseLimit, "限购1 Limit 1", "已达限购 Limit reached"),
        ("ever", i => i.Limits.Ever = 1, i => Judge(i, bought: 1), ResultCode.PurchaseLimit, "限购1 Limit 1", "已达限购 Limit reached"),
        ("count over the limit", i => i.Limits.Day = 3, i => Judge(i, bought: 1, count: 3), ResultCode.PurchaseLimit, "每日限购3 3 a day",
            "今日已售罄 Sold out today"),
        ("stock", i => i.Stock = 5, i => Judge(i, stock: 0), ResultCode.SoldOut, "限量5 Only 5", "已售罄 Sold out"),
        ("stock below the count", i => i.Stock = 5, i => Judge(i, stock: 2, count: 3), ResultCode.SoldOut, "限量5 Only 5", "已售罄 Sold out"),
    ];

    private static IEnumerable<TestCaseData> EachRule() => Rules.Select((r, n) => new TestCaseData(n).SetName($"Rule {r.Name}"));

    [TestCaseSource(nameof(EachRule))]
    public void EachRuleAloneRefusesWithItsReasonLabelAndTextAndPassesOtherwise(int n)
    {
        var rule = Rules[n];
        var item = Item(rule.Rule);
        var verdict = rule.Failing(item);
        Assert.That((verdict.CanBuy, verdict.Reason, verdict.Label, verdict.ReasonText), Is.EqualTo((false, rule.Reason, rule.Label,
            rule.Text)));
        var plain = Judge(Item(), vip: 1);
        Assert.That((plain.CanBuy, plain.Reason, plain.Label, plain.Left), Is.EqualTo((true, ResultCode.Success, "", -1L)));
    }

    [Test]
    public void EachRuleMetIsBuyableAndKeepsItsLabel()
    {
        var item = Item(i =>
        {
            i.MinVipLevel = 3;
            i.MaxVipLevel = 5;
            i.Activity = "spring";
            i.NotIfOwned = true;
            i.Limits.Day = 2;
            i.Limits.Week = 5;
            i.Stock = 10;
            i.MinVersion = "3.4";
            i.Begin = Now.AddDays(-1);
            i.End = Now.AddDays(1);
        });
        var verdict = Judge(item, vip: 4, bought: 1, stock: 3);
        Assert.That((verdict.CanBuy, verdict.Label, verdict.Bought, verdict.Left), Is.EqualTo((true, "VIP3专属 VIP3 only", 1L, 1L)));
    }

    [Test]
    public void CombinedRulesAnswerTheFirstInTheirOrder()
    {
        var item = Item(i =>
        {
            i.MinVipLevel = 3;
            i.NotIfOwned = true;
            i.Limits.Day = 1;
            i.Stock = 1;
            i.MinVersion = "4.0";
        });
        Assert.That(Judge(item, vip: 0, owned: true, bought: 1, stock: 0, version: "3.0").Reason, Is.EqualTo(ResultCode.ClientTooOld));
        Assert.That(Judge(item, vip: 0, owned: true, bought: 1, stock: 0, version: "4.0").Reason, Is.EqualTo(ResultCode.VipTooLow));
        Assert.That(Judge(item, vip: 3, owned: true, bought: 1, stock: 0, version: "4.0").Reason, Is.EqualTo(ResultCode.AlreadyOwned));
        Assert.That(Judge(item, vip: 3, owned: false, bought: 1, stock: 0, version: "4.0").Reason, Is.EqualTo(ResultCode.PurchaseLimit));
        Assert.That(Judge(item, vip: 3, owned: false, bought: 0, stock: 0, version: "4.0").Reason, Is.EqualTo(ResultCode.SoldOut));
        Assert.That(Judge(item, vip: 3, owned: false, bought: 0, stock: 1, version: "4.0").CanBuy, Is.True);
    }

    [Test]
    public void ALimitSaysWhenItResetsInTheBusinessZoneAndTheLongestReachedLimitDecides()
    {
        var day = Judge(Item(i => i.Limits.Day = 1), bought: 1);
        // 2026-12-06 00:00 in Shanghai
        Assert.That(day.ResetAt, Is.EqualTo(new DateTimeOffset(2026, 12, 5, 16, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()));
        var both = Judge(Item(i => { i.Limits.Day = 1; i.Limits.Week = 1; }), bought: 1);
        // the week reached too: buying is possible again on Monday 2026-12-07 00:00 in Shanghai
        Assert.That((both.ResetAt, both.ReasonText), Is.EqualTo((new DateTimeOffset(2026, 12, 6, 16, 0, 0,
            TimeSpan.Zero).ToUnixTimeSeconds(),
            "本周已售罄 Sold out this week")));
        Assert.That(Judge(Item(i => { i.Limits.Day = 1; i.Limits.Ever = 1; }), bought: 1).ResetAt, Is.Zero, "ever: never resets");
        var windowed = Item(i => { i.End = Now.AddDays(3); i.Limits.Window = 1; });
        Assert.That(Judge(windowed, bought: 1).ResetAt, Is.EqualTo(Now.AddDays(3).ToUnixTimeSeconds()));
    }

    [Test]
    public void TheCountersOfTheNextDayAndWeekAreOtherKeys()
    {
        var item = Item(i => { i.Limits.Day = 1; i.Limits.Week = 1; });
        var today = StoreRules.Periods("alice", "t", item, Texts, Calendar, Now);
        var tomorrow = StoreRules.Periods("alice", "t", item, Texts, Calendar, Now.AddHours(4)); // Sunday in Shanghai
        var monday = StoreRules.Periods("alice", "t", item, Texts, Calendar, Now.AddHours(28));
        Assert.That(today[0].Key, Is.EqualTo("sg:{alice}:store:lim:t:7:d:20261205"));
        Assert.That(tomorrow[0].Key, Is.EqualTo("sg:{alice}:store:lim:t:7:d:20261206"));
        Assert.That((today[1].Key, tomorrow[1].Key), Is.EqualTo(("sg:{alice}:store:lim:t:7:w:20261130",
            "sg:{alice}:store:lim:t:7:w:20261130")));
        Assert.That(monday[1].Key, Is.EqualTo("sg:{alice}:store:lim:t:7:w:20261207"));
    }

    [Test]
    public void ABadStoresFileNamesTheFileAndTheField()
    {
        string bad = """
            { "stores": [ { "id": "vip", "name": "V", "tabs": [ { "id": "a", "name": "A" } ],
              "items": [ { "id": 1, "tab": "b", "name": "x", "category": "fish", "grants": [ { "itemId": 5001 } ], "currency": "gold",
                           "price": 0, "limits": { "day": -1 } } ] } ] }
            """;
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse<StoreOptions>(bad, "stores.json"));
        Assert.That(ex!.Message, Does.StartWith("stores.json: "));
        Assert.That(ex.Message, Does.Contain("stores[0].items[0].tab: 'b' is not a tab of store vip"));
        Assert.That(ex.Message, Does.Contain("stores[0].items[0].price: must be between 1"));
        Assert.That(ex.Message, Does.Contain("stores[0].items[0].limits.day: must be between 0"));
        var both = Assert.Throws<ConfigException>(() => ConfigLoader.Parse<StoreOptions>(
            bad.Replace("\"price\": 0", "\"price\": 5, \"productId\": \"p\""),
                "stores.json"));
        Assert.That(both!.Message, Does.Contain("items[0].currency: an item has either a currency and a price or a productId"));
    }
}
