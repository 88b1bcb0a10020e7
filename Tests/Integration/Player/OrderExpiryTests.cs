using System.Net;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Player;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;
using SocialGame.Modules.Player.Payments;

namespace SocialGame.Tests.Integration.Player;

/// <summary>createorder: unpaid orders expire and an account holds only so many.</summary>
public class OrderExpiryTests : RedisFixture
{
    private FakeClock _clock = null!;
    private ServerHost _host = null!;

    [SetUp]
    public async Task Start()
    {
        _clock = new FakeClock(DateTimeOffset.UtcNow);
        _host = await TestServer.StartAsync(Redis, "orders", clock: _clock);
    }

    [TearDown]
    public async Task Stop() => await _host.StopAsync();

    private Modules.Player.Payments.Payments Payments => TestServer.Player(_host).Payments;

    [Test]
    public async Task AnAccountHoldsAtMostFiveUnpaidOrdersAndAnExpiredOrderFreesItsPlace()
    {
        string acc = TestServer.NewAccount();
        await using var client = await TestServer.LoginAsync(_host, acc);
        var orders = new List<CreateOrderResponse>();
        for (int i = 0; i < 5; i++)
            orders.Add(await client.RequestAsync(PlayerProtocol.CreateOrder, new CreateOrderRequest { ProductId = "yuanbao60" }));
        Assert.That(orders.Select(o => o.Result), Is.All.EqualTo(0));
        Assert.That(orders[0].Expires, Is.EqualTo(_clock.UtcNow.ToUnixTimeSeconds() + 900));
        Assert.That((await client.RequestAsync(PlayerProtocol.CreateOrder, new CreateOrderRequest { ProductId = "yuanbao60" })).Result,
            Is.EqualTo((int)ResultCode.TooManyUnpaid));

        Assert.That(await TestServer.PayAsync(_host, orders[0].OrderId, 600, "tx-1"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.RequestAsync(PlayerProtocol.CreateOrder, new CreateOrderRequest { ProductId = "yuanbao60" })).Result,
            Is.EqualTo(0), "a paid order frees its place");
        Assert.That((await client.RequestAsync(PlayerProtocol.CreateOrder, new CreateOrderRequest { ProductId = "yuanbao60" })).Result,
            Is.EqualTo((int)ResultCode.TooManyUnpaid));

        _clock.Advance(TimeSpan.FromSeconds(901));
        Assert.That(await Payments.ExpireDueAsync(), Is.EqualTo(5));
        string late = orders[1].OrderId;
        Assert.That((await Payments.GetAsync(late))!.State, Is.EqualTo(OrderState.Expired));
        var ttl = await _host.Services.Redis.Db.KeyTimeToLiveAsync($"sg:{{orders}}:order:{late}");
        Assert.That(ttl, Is.Not.Null.And.LessThanOrEqualTo(TimeSpan.FromDays(1)), "an expired order's record goes away");
        Assert.That(await Payments.ExpireDueAsync(), Is.EqualTo(0), "each expires once");
        var more = await Task.WhenAll(Enumerable.Range(0, 7)
            .Select(_ => client.RequestAsync(PlayerProtocol.CreateOrder, new CreateOrderRequest { ProductId = "yuanbao60" })));
        Assert.That(more.Count(r => r.Result == 0), Is.EqualTo(5), "five places again, however many ask at once");
        Assert.That(more.Count(r => r.Result == (int)ResultCode.TooManyUnpaid), Is.EqualTo(2));
    }

    [Test]
    public async Task APaymentReportedAfterTheOrderExpiredIsStillHonoured()
    {
        string acc = TestServer.NewAccount();
        await using var client = await TestServer.LoginAsync(_host, acc);
        string order = (await client.RequestAsync(PlayerProtocol.CreateOrder, new CreateOrderRequest { ProductId = "yuanbao60" })).OrderId;
        _clock.Advance(TimeSpan.FromSeconds(901));
        await Payments.ExpireDueAsync();
        Assert.That((await Payments.GetAsync(order))!.State, Is.EqualTo(OrderState.Expired));
        Assert.That(await TestServer.PayAsync(_host, order, 600, "tx-late"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Payments.GetAsync(order))!.State, Is.EqualTo(OrderState.Fulfilled), "the player paid: the order is fulfilled");
        Assert.That((await TestServer.Player(_host).Ledger.GetWalletAsync(acc))["yuanbao"], Is.EqualTo(60));
        Assert.That(await _host.Services.Redis.Db.KeyTimeToLiveAsync($"sg:{{orders}}:order:{order}"), Is.Null,
            "a paid order is kept for good");
    }

    [Test]
    public async Task EveryNodeExpiresUnpaidOrdersByItself()
    {
        string acc = TestServer.NewAccount();
        await using var client = await TestServer.LoginAsync(_host, acc);
        string order = (await client.RequestAsync(PlayerProtocol.CreateOrder, new CreateOrderRequest { ProductId = "yuanbao60" })).OrderId;
        _clock.Advance(TimeSpan.FromSeconds(901));
        Assert.That(await Eventually.TrueAsync(async () => (await Payments.GetAsync(order))!.State == OrderState.Expired, 20), Is.True);
    }
}
