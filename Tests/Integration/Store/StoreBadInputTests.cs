using SocialGame.Modules.Player;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Integration.Store.StoreKit;

namespace SocialGame.Tests.Integration.Store;

/// <summary>Bad store requests answer param_error naming the field; nothing moves and nothing is written to the ledger.</summary>
public class StoreBadInputTests : ServerFixture
{
    private static readonly string Huge = new('r', 5000);

    private static IEnumerable<TestCaseData> BadBuys()
    {
        yield return new TestCaseData(new { storeid = "nope", itemid = 201, count = 1, price = 100, reqid = "x" },
            "storeid").SetName("unknown store");
        yield return new TestCaseData(new { storeid = "Aquarium{x}", itemid = 201, count = 1, price = 100, reqid = "x" }, "storeid")
            .SetName("store id with key characters");
        yield return new TestCaseData(new { storeid = "aquarium", itemid = 999, count = 1, price = 100, reqid = "x" }, "itemid")
            .SetName("unknown item");
        yield return new TestCaseData(new { storeid = "aquarium", itemid = 201, count = 0, price = 100, reqid = "x" },
            "count").SetName("count 0");
        yield return new TestCaseData(new { storeid = "aquarium", itemid = 201, count = -3, price = 100, reqid = "x" }, "count")
            .SetName("negative count");
        yield return new TestCaseData(new { storeid = "aquarium", itemid = 201, count = 6, price = 100, reqid = "x" }, "count")
            .SetName("count above the item's maximum");
        yield return new TestCaseData(new { storeid = "aquarium", itemid = 201, count = 1, price = 99.5, reqid = "x" }, "price")
            .SetName("a float price");
        yield return new TestCaseData(new { storeid = "aquarium", itemid = 201, count = 1, price = -100, reqid = "x" }, "price")
            .SetName("a negative price");
        yield return new TestCaseData(new { storeid = "aquarium", itemid = 201, count = 1, price = "100", reqid = "x" }, "price")
            .SetName("a price as text");
        yield return new TestCaseData(new { storeid = "aquarium", itemid = 201, count = 1, price = 100, reqid = Huge }, "reqid")
            .SetName("a huge reqid");
        yield return new TestCaseData(new { storeid = "aquarium", itemid = 201, count = 1, price = 100, reqid = "a b\n" }, "reqid")
            .SetName("a reqid with spaces and a newline");
        yield return new TestCaseData(new { storeid = "aquarium", itemid = 201, count = 1, price = 100 }, "reqid").SetName("no reqid");
        yield return new TestCaseData(new { storeid = "vip", itemid = 106, count = 2, price = 1800, reqid = "x" }, "count")
            .SetName("more than one of an RMB product");
    }

    [TestCaseSource(nameof(BadBuys))]
    public async Task ABadBuyAnswersParamErrorNamingTheFieldAndMovesNothing(object request, string field)
    {
        var (client, acc) = await PlayerAsync(Host, gold: 1000, yuanbao: 1000);
        await using var _c = client;
        var answer = await client.RequestRawAsync(StoreProtocol.Buy, request);
        Assert.That((answer.Result, answer.GetString("field")), Is.EqualTo(((int)ResultCode.ParamError, field)), answer.ToString());
        var wallet = await TestServer.Player(Host).Ledger.GetWalletAsync(acc);
        Assert.That((wallet["gold"], wallet["yuanbao"]), Is.EqualTo((1000L, 1000L)));
        Assert.That(await Host.Services.Redis.Db.StreamLengthAsync(PlayerKeys.Ledger(acc)), Is.EqualTo(2), "the two fundings only");
        Assert.That(await HeldAsync(Host, acc, 10001), Is.Zero);
    }

    [TestCase("nope", null, "storeid")]
    [TestCase("aquarium", "nope", "tab")]
    [TestCase("aquarium", "Fish", "tab")]
    public async Task AnUnknownStoreOrTabAnswersParamErrorNamingIt(string store, string? tab, string field)
    {
        var (client, _) = await PlayerAsync(Host);
        await using var _c = client;
        var answer = await client.RequestRawAsync(StoreProtocol.Items, new { storeid = store, tab });
        Assert.That((answer.Result, answer.GetString("field")), Is.EqualTo(((int)ResultCode.ParamError, field)), answer.ToString());
    }

    [Test]
    public async Task ATabListsOnlyItsItemsInOrder()
    {
        var (client, _) = await PlayerAsync(Host);
        await using var _c = client;
        var answer = await client.RequestAsync(StoreProtocol.Items, new Protocol.Messages.Store.StoreItemsRequest { StoreId = "aquarium",
            Tab = "fish" });
        Assert.That(answer.Items.Select(i => i.Id), Is.EqualTo(new[] { 201, 202, 203 }));
        Assert.That(answer.Items.Select(i => i.Category), Is.All.EqualTo("fish"));
    }

    [Test]
    public async Task ABuyNotAllowedMovesNothing()
    {
        var (client, acc) = await PlayerAsync(Host, gold: 100_000, yuanbao: 1000, vip: 1, version: "3.3.0");
        await using var _c = client;
        var vip = await client.BuyAsync("vip", 101, 3000, "v1");
        Assert.That((vip.Result, vip.ReasonText), Is.EqualTo(((int)ResultCode.VipTooLow, "VIP3及以上可购买 Needs VIP3")));
        await TestServer.Player(Host).Profiles.SetAsync(acc, "viplevel", "5");
        var old = await client.BuyAsync("vip", 104, 100, "v2");
        Assert.That((old.Result, old.ReasonText), Is.EqualTo(((int)ResultCode.ClientTooOld, "请更新客户端 Please update the app")));
        Assert.That((await client.BuyAsync("vip", 108, 100, "v3")).Result, Is.EqualTo((int)ResultCode.NotBuyable),
            "above the maximum VIP level");
        Assert.That((await client.BuyAsync("aquarium", 204, 5000, "v4")).Result, Is.Zero);
        var owned = await client.BuyAsync("aquarium", 204, 5000, "v5");
        Assert.That((owned.Result, owned.ReasonText), Is.EqualTo(((int)ResultCode.AlreadyOwned, "已拥有 Already owned")));
        var poor = await PlayerAsync(Host, gold: 10);
        await using var _p = poor.Client;
        Assert.That((await poor.Client.BuyAsync("aquarium", 201, 100, "v6")).Result, Is.EqualTo((int)ResultCode.InsufficientFunds));
        Assert.That(await GoldAsync(Host, poor.Acc), Is.EqualTo(10));
        Assert.That(await GoldAsync(Host, acc), Is.EqualTo(95_000));
        var wallet = await TestServer.Player(Host).Ledger.GetWalletAsync(acc);
        Assert.That(wallet["yuanbao"], Is.EqualTo(1000));
    }
}
