using System.Net;
using System.Text.Json;
using SocialGame.Core.Admin;
using SocialGame.Modules.Store;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Integration.Store.StoreKit;

namespace SocialGame.Tests.Integration.Store;

/// <summary>RMB store items through the payment callback, the products catalogue, GM commands and the admin API.</summary>
public class StoreOperatorTests : RedisFixture
{
    private ServerHost Host = null!;
    private string _dir = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _dir = TestServer.CopyConfig();
        Host = await TestServer.StartAsync(Redis, configDir: _dir);
    }

    [OneTimeTearDown]
    public async Task Stop() => await Host.StopAsync();

    [Test]
    public async Task AnRmbItemIsOrderedOncePerRequestAndItsPaymentGrantsItOnceAndCountsItsLimit()
    {
        var (client, acc) = await PlayerAsync(Host);
        await using var _c = client;
        var order = await client.BuyAsync("vip", 106, 1800, "rmb1");
        Assert.That((order.Result, order.Amount), Is.EqualTo((0, 1800L)), order.ToJson());
        var repeat = await client.BuyAsync("vip", 106, 1800, "rmb1");
        Assert.That(repeat.OrderId, Is.EqualTo(order.OrderId), "a repeat answers the same order");
        Assert.That((await client.BuyAsync("aquarium", 205, 3000, "rmb1")).Result, Is.EqualTo((int)ResultCode.RequestConflict));
        Assert.That((await client.BuyAsync("vip", 106, 1500, "rmb2")).Result, Is.EqualTo((int)ResultCode.PriceChanged));

        Assert.That(await TestServer.PayAsync(Host, order.OrderId, 1800, "tx-" + order.OrderId), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await TestServer.PayAsync(Host, order.OrderId, 1800, "tx-" + order.OrderId), Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await HeldAsync(Host, acc, 1003), await HeldAsync(Host, acc, 2002), await HeldAsync(Host, acc, 7002)),
            Is.EqualTo((1L, 1L, 5L)));
        var item = await client.ItemAsync("vip", 106);
        Assert.That((item.CanBuy, item.Reason, item.Bought, item.Left, item.ProductId), Is.EqualTo((0, (int)ResultCode.PurchaseLimit, 1L,
            0L,
            "store_vip_bundle")));
        Assert.That((await client.BuyAsync("vip", 106, 1800, "rmb3")).Result, Is.EqualTo((int)ResultCode.PurchaseLimit));
        Assert.That(TestLogging.DataLogLines().Any(l => l.Contains("\"op\":\"store buy\"") && l.Contains(order.OrderId)), Is.True);
    }

    [Test]
    public async Task AnRmbRequestIdBoundBeforeItsOrderExistsExpiresOnItsOwnAndIsBoundOnce()
    {
        // what a node leaves when it stops between binding the request id and making the order
        var store = StoreOf(Host);
        var key = StoreKeys.RmbRequest("rmbreserve", "rq1");
        Assert.That(await store.ReserveRmbRequestAsync(key, "vip:106:1"), Is.True);
        Assert.That(await store.ReserveRmbRequestAsync(key, "vip:106:2"), Is.False, "bound once");
        var db = Host.Services.Redis.Db;
        Assert.That((string?)await db.HashGetAsync(key, "binding"), Is.EqualTo("vip:106:1"));
        var ttl = await db.KeyTimeToLiveAsync(key);
        Assert.That(ttl, Is.Not.Null.And.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(StoreService.RmbReservation));
    }

    [Test]
    public async Task TheProductsCatalogueShowsEveryRmbPriceAndWhatItGrants()
    {
        var (client, _) = await PlayerAsync(Host);
        await using var _c = client;
        var products = (await client.RequestAsync(StoreProtocol.Products)).Products;
        var packet = products.Single(p => p.Id == "redpacket_60");
        Assert.That((packet.Price, packet.Module), Is.EqualTo((6000L, "redpacket")));
        Assert.That(products.Single(p => p.Id == "pass_gift").Price, Is.EqualTo(3000));
        var bundle = products.Single(p => p.Id == "store_vip_bundle");
        Assert.That(bundle.Items.Select(i => (i.ItemId, i.Count)), Is.EqualTo(new[] { (1003, 1L), (2002, 1L), (7002, 5L) }));
        Assert.That(products.Single(p => p.Id == "yuanbao60").Currencies["yuanbao"], Is.EqualTo(60));
    }

    [Test]
    public async Task GmShowsLimitsGrantsAnItemAndReloadRefusesABadFileKeepingTheRunningOne()
    {
        var (client, acc) = await PlayerAsync(Host, gold: 10_000);
        await using var _c = client;
        Assert.That((await client.BuyAsync("vip", 103, 2000, "gm1")).Result, Is.Zero);
        var limits = await TestServer.GmAsync(Host, $"//gm store limits {acc}");
        Assert.That(limits, Does.Contain("vip 103 星河主页 Starry home: day=1/1"));
        Assert.That(limits, Does.Contain("aquarium 201 锦鲤 Koi: day=0/5"));
        Assert.That(await TestServer.GmAsync(Host, $"//gm store grant {acc} aquarium 204"), Does.Contain("granted"));
        Assert.That(await HeldAsync(Host, acc, 11001), Is.EqualTo(1));
        Assert.That(await GoldAsync(Host, acc), Is.EqualTo(8000), "a GM grant is free");
        await TestServer.GmAsync(Host, $"//gm store grant {acc} aquarium 999", ResultCode.ParamError);

        string file = Path.Combine(_dir, "stores.json"), good = await File.ReadAllTextAsync(file);
        try
        {
            await File.WriteAllTextAsync(file, good.Replace("\"price\": 100,", "\"price\": -1,"));
            var refused = await TestServer.GmAsync(Host, "//gm store reload", ResultCode.ParamError);
            Assert.That(refused, Does.Contain("stores.json").And.Contain("price"));
            Assert.That((await client.ItemAsync("aquarium", 201)).Price, Is.EqualTo(100), "the running configuration stays");
            await File.WriteAllTextAsync(file, good.Replace("\"price\": 100,", "\"price\": 120,"));
            Assert.That(await TestServer.GmAsync(Host, "//gm store reload"), Does.Contain("2 stores"));
            Assert.That((await client.ItemAsync("aquarium", 201)).Price, Is.EqualTo(120));
            Assert.That((await client.BuyAsync("aquarium", 201, 100, "gm2")).Result, Is.EqualTo((int)ResultCode.PriceChanged));
        }
        finally
        {
            await File.WriteAllTextAsync(file, good);
            await TestServer.GmAsync(Host, "//gm store reload");
        }
    }

    [Test]
    public async Task TheAdminApiShowsStoresAndSalesToViewersOnly()
    {
        var (client, _) = await PlayerAsync(Host, gold: 100_000, yuanbao: 1000);
        await using var _c = client;
        Assert.That((await client.BuyAsync("vip", 105, 5000, "adm1")).Result, Is.Zero);
        Assert.That((await client.BuyAsync("aquarium", 206, 50, "adm2", count: 3)).Result, Is.Zero);
        using var viewer = TestServer.Admin(Host, OperatorRole.Viewer);
        using var stores = JsonDocument.Parse(await viewer.GetStringAsync("/admin/stores"));
        Assert.That(stores.RootElement.GetProperty("stores").EnumerateArray().Select(s => s.GetProperty("id").GetString()),
            Is.EqualTo(new[] { "vip", "aquarium" }));
        using var sales = JsonDocument.Parse(await viewer.GetStringAsync("/admin/stores/sales"));
        var rows = sales.RootElement.GetProperty("items").EnumerateArray().ToList();
        var ring = rows.Single(r => r.GetProperty("store").GetString() == "vip" && r.GetProperty("item").GetInt32() == 105);
        Assert.That((ring.GetProperty("sold").GetInt64(), ring.GetProperty("stock").GetInt64()), Is.EqualTo((1L, 99L)));
        var plant = rows.Single(r => r.GetProperty("store").GetString() == "aquarium" && r.GetProperty("item").GetInt32() == 206);
        Assert.That(plant.GetProperty("sold").GetInt64(), Is.GreaterThanOrEqualTo(3));
        using var anonymous = TestServer.Admin(Host, role: null);
        Assert.That((await anonymous.GetAsync("/admin/stores/sales")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
