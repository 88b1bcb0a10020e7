using System.Net;
using System.Net.Http.Json;
using SocialGame.Modules.Player;
using SocialGame.Modules.Player.Payments;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Player;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Player;

/// <summary>RMB orders and the platform's signed callback on the admin port.</summary>
[TestFixtureSource(typeof(RedisKinds), nameof(RedisKinds.Both))]
public class PaymentTests(RedisKind kind) : ServerFixture(kind)
{
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public void Http() => _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Host.AdminPort}") };

    [OneTimeTearDown]
    public void DisposeHttp() => _http.Dispose();

    private static string Sign(string order, long amount, string tx) =>
        Payments.Sign(PlayerOptions.DevelopmentPaySecret, order, amount, tx);

    private Task<HttpResponseMessage> CallbackAsync(string order, long amount, string tx, string? sign = null) =>
        _http.PostAsJsonAsync("/pay/callback", new { orderid = order, amount, txid = tx, sign = sign ?? Sign(order, amount, tx) });

    private async Task<(Client.GameClient Client, string Acc, string Order, long Amount)> OrderAsync(string product = "yuanbao60")
    {
        string acc = TestServer.NewAccount();
        var client = await TestServer.LoginAsync(Host, acc);
        var reply = await client.RequestAsync(PlayerProtocol.CreateOrder, new CreateOrderRequest { ProductId = product });
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToJson());
        return (client, acc, reply.OrderId, reply.Amount);
    }

    [Test]
    public async Task APaidOrderIsFulfilledOnceAndTheBuyerIsTold()
    {
        var (client, acc, order, amount) = await OrderAsync();
        await using var _ = client;
        Assert.That(amount, Is.EqualTo(600));
        var first = await CallbackAsync(order, amount, "tx-1");
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
        Assert.That((await CallbackAsync(order, amount, "tx-1")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a repeat is acknowledged");
        Assert.That((await TestServer.Player(Host).Ledger.GetWalletAsync(acc))["yuanbao"], Is.EqualTo(60));
        Assert.That((await TestServer.Player(Host).Payments.GetAsync(order))!.State, Is.EqualTo(OrderState.Fulfilled));
        var mail = await client.WaitForAsync(PlayerProtocol.NewMessage);
        Assert.That(mail.Message.Text, Does.Contain("60 yuanbao"));
    }

    [Test]
    public async Task ConcurrentDuplicateCallbacksFulfilOnce()
    {
        var (client, acc, order, amount) = await OrderAsync("pass_season");
        await using var _ = client;
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => CallbackAsync(order, amount, "tx-dup")));
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        var inventory = await TestServer.Player(Host).Ledger.GetInventoryAsync(acc);
        Assert.That(inventory.Single().Item.Id, Is.EqualTo(8001));
        Assert.That(inventory.Single().Count, Is.EqualTo(1));
        Assert.That(await TestServer.Player(Host).Inbox.ListAsync(acc), Has.Count.EqualTo(1), "one mail, not twenty");
    }

    [Test]
    public async Task BadCallbacksAreRefusedAndChangeNothing()
    {
        var (client, acc, order, amount) = await OrderAsync();
        await using var _ = client;
        Assert.That((await CallbackAsync(order, amount, "tx-x", sign: new string('0', 64))).StatusCode,
            Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await CallbackAsync(order, amount + 1, "tx-x")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await CallbackAsync("O-nope", amount, "tx-x")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await _http.PostAsync("/pay/callback", new StringContent("not json"))).StatusCode,
            Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await TestServer.Player(Host).Payments.GetAsync(order))!.State, Is.EqualTo(OrderState.Created));
        Assert.That((await TestServer.Player(Host).Ledger.GetWalletAsync(acc))["yuanbao"], Is.EqualTo(0));
        Assert.That((await CallbackAsync(order, amount, "tx-good")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await CallbackAsync(order, amount, "tx-other")).StatusCode, Is.EqualTo(HttpStatusCode.Conflict),
            "a second payment of one order");
        Assert.That((await TestServer.Player(Host).Ledger.GetWalletAsync(acc))["yuanbao"], Is.EqualTo(60));
    }

    [Test]
    public async Task APassAlreadyOwnedIsNotSoldAgain()
    {
        string acc = TestServer.NewAccount();
        await using var client = await TestServer.LoginAsync(Host, acc);
        Assert.That((await client.RequestAsync(PlayerProtocol.CreateOrder, new CreateOrderRequest { ProductId = "pass_season" })).Result,
            Is.EqualTo(0), "not owned yet: sold");
        await TestServer.GmAsync(Host, $"//gm additem {acc} 8001 1");
        Assert.That((await client.RequestAsync(PlayerProtocol.CreateOrder, new CreateOrderRequest { ProductId = "pass_season" })).Result,
            Is.EqualTo((int)ResultCode.AlreadyOwned), "owned for good and not stackable: the payment would buy nothing");
        Assert.That((await client.RequestAsync(PlayerProtocol.CreateOrder, new CreateOrderRequest { ProductId = "gold1000" })).Result,
            Is.EqualTo(0), "currencies are always sold");
    }

    [Test]
    public async Task OrdersThatCannotBeFulfilledDoNotHoldUpTheRetryOfLaterOnes()
    {
        var (client, acc, order, _) = await OrderAsync("gold1000");
        await using var _c = client;
        var db = Host.Services.Redis.Db;
        long longAgo = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600;
        // Older than it and stuck for good: a damaged order (its fulfilment throws) and a page's worth whose
        // product is no longer configured (refused every time).
        string damaged = "Odamaged" + Guid.NewGuid().ToString("N")[..8];
        await db.HashSetAsync($"sg:{{orders}}:order:{damaged}", [new("state", "PAID")]);
        await db.SortedSetAddAsync("sg:{orders}:paid", damaged, longAgo - 200);
        for (int i = 0; i < 100; i++)
        {
            string gone = $"Ogone{i}-" + Guid.NewGuid().ToString("N")[..8];
            await db.HashSetAsync($"sg:{{orders}}:order:{gone}",
                [new("acc", acc), new("productid", "withdrawn"), new("amount", 100), new("state", "PAID"), new("created", longAgo)]);
            await db.SortedSetAddAsync("sg:{orders}:paid", gone, longAgo - 100 + i);
        }
        await db.HashSetAsync($"sg:{{orders}}:order:{order}", [new("state", "PAID"), new("txid", "tx-late"), new("paidtime", longAgo)]);
        await db.SortedSetAddAsync("sg:{orders}:paid", order, longAgo);
        Assert.That(await Eventually.TrueAsync(async () => (await TestServer.Player(Host).Payments.GetAsync(order))!.State
            == OrderState.Fulfilled, 15), Is.True);
        Assert.That((await TestServer.Player(Host).Ledger.GetWalletAsync(acc))["gold"], Is.EqualTo(1000));
        Assert.That(await db.SortedSetLengthAsync("sg:{orders}:paid", double.NegativeInfinity, longAgo - 1), Is.EqualTo(101),
            "the others stay for an operator");
    }

    [Test]
    public async Task AnOrderLeftPaidByACrashIsFulfilledByTheRetryPass()
    {
        var (client, acc, order, amount) = await OrderAsync("gold1000");
        await using var _ = client;
        // The crash: the order became PAID, the node died before fulfilling it.
        var db = Host.Services.Redis.Db;
        long longAgo = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600;
        await db.HashSetAsync($"sg:{{orders}}:order:{order}", [new("state", "PAID"), new("txid", "tx-crash"), new("paidtime", longAgo)]);
        await db.SortedSetAddAsync("sg:{orders}:paid", order, longAgo);
        Assert.That(await Eventually.TrueAsync(async () => (await TestServer.Player(Host).Payments.GetAsync(order))!.State
            == OrderState.Fulfilled, 15), Is.True);
        Assert.That((await TestServer.Player(Host).Ledger.GetWalletAsync(acc))["gold"], Is.EqualTo(1000));
        Assert.That((await CallbackAsync(order, amount, "tx-crash")).StatusCode, Is.EqualTo(HttpStatusCode.OK),
            "the platform's retry finds it done");
        Assert.That((await TestServer.Player(Host).Ledger.GetWalletAsync(acc))["gold"], Is.EqualTo(1000));
    }

    [Test]
    public async Task UnknownProductsAndOverlongExtrasAreParamErrors()
    {
        await using var client = await TestServer.LoginAsync(Host, TestServer.NewAccount());
        Assert.That((await client.RequestAsync(PlayerProtocol.CreateOrder, new CreateOrderRequest { ProductId = "free-money" })).Result,
            Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await client.RequestAsync(PlayerProtocol.CreateOrder,
            new CreateOrderRequest { ProductId = "yuanbao60", Extra = new string('x', 300) })).Result,
            Is.EqualTo((int)ResultCode.ParamError));
        Assert.That((await client.RequestAsync(PlayerProtocol.CreateOrder, new CreateOrderRequest())).Result,
            Is.EqualTo((int)ResultCode.ParamError));
    }

    [Test]
    public async Task TheOrderLookupServesThePaymentTool()
    {
        var (client, _, order, amount) = await OrderAsync();
        await using var _c = client;
        using var viewer = TestServer.Admin(Host, Core.Admin.OperatorRole.Viewer);
        var json = await viewer.GetFromJsonAsync<Dictionary<string, object>>($"/pay/order/{order}");
        Assert.That(json!["amount"].ToString(), Is.EqualTo(amount.ToString()));
        Assert.That(json["state"].ToString(), Is.EqualTo("CREATED"));
        Assert.That((await viewer.GetAsync("/pay/order/nothing")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await _http.GetAsync($"/pay/order/{order}")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized),
            "no payment data without credentials");
    }
}

public class PayToolTests : ServerFixture
{
    [Test]
    public async Task ThePayToolPlaysTheSignedCallbackForAnOrder()
    {
        string acc = TestServer.NewAccount();
        await using var client = await TestServer.LoginAsync(Host, acc);
        string order = (await client.RequestAsync(PlayerProtocol.CreateOrder, new CreateOrderRequest { ProductId = "yuanbao300" })).OrderId;
        string dir = TestServer.CopyConfig();
        var server = Path.Combine(dir, "server.json");
        File.WriteAllText(server, File.ReadAllText(server).Replace("\"adminPort\": 9001", $"\"adminPort\": {Host.AdminPort}"));
        Assert.That(await Tools.PayTool.RunAsync([order, "--config", dir]), Is.EqualTo(0));
        Assert.That((await TestServer.Player(Host).Ledger.GetWalletAsync(acc))["yuanbao"], Is.EqualTo(300));
        Assert.That(await Tools.PayTool.RunAsync(["O-unknown", "--config", dir]), Is.EqualTo(1));
    }
}
