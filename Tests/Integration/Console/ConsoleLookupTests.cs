using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SocialGame.Core.Admin;
using SocialGame.Modules.Player.Payments;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Player;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Console;

/// <summary>The console's lookups and order actions over the admin API: a player's whole picture, a stuck order fulfilled again.</summary>
public class ConsoleLookupTests : ServerFixture
{
    [Test]
    public async Task APlayerLookupShowsProfileWalletInventoryLedgerFriendsNodeAndUnpaidOrders()
    {
        string acc = TestServer.NewAccount(), friend = await TestServer.KnownAccountAsync(Host);
        await using var client = await TestServer.LoginAsync(Host, acc);
        await TestServer.GmAsync(Host, $"//gm addmoney {acc} gold 70");
        await TestServer.GmAsync(Host, $"//gm addfriend {acc} {friend}");
        var order = await client.RequestAsync(PlayerProtocol.CreateOrder, new CreateOrderRequest { ProductId = "yuanbao60" });

        using var viewer = TestServer.Admin(Host, OperatorRole.Viewer);
        var p = await viewer.GetFromJsonAsync<JsonElement>($"/admin/players/{acc}");
        Assert.That(p.GetProperty("wallet").GetProperty("gold").GetInt64(), Is.EqualTo(70));
        var newest = p.GetProperty("ledger")[0].GetProperty("fields");
        Assert.That((newest.GetProperty("cur").GetString(), newest.GetProperty("delta").GetString()), Is.EqualTo(("gold", "70")));
        Assert.That(p.GetProperty("friends").EnumerateArray().Select(f => f.GetString()), Is.EqualTo(new[] { friend }));
        Assert.That(p.GetProperty("node").GetString(), Is.EqualTo(Host.Node));
        Assert.That(p.GetProperty("unpaidOrders")[0].GetProperty("orderid").GetString(), Is.EqualTo(order.OrderId));
        Assert.That(p.GetProperty("inventory").GetArrayLength(), Is.Zero);

        await client.DisposeAsync();
        await Eventually.ThatAsync(async () =>
            (await viewer.GetFromJsonAsync<JsonElement>($"/admin/players/{acc}")).GetProperty("node").ValueKind == JsonValueKind.Null,
            "offline once disconnected");
        Assert.That((await viewer.GetAsync($"/admin/players/{TestServer.NewAccount()}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await viewer.GetAsync("/admin/players/bad%20name")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task AStuckPaidOrderIsFulfilledAgainOnceWhateverTheRepeats()
    {
        string acc = TestServer.NewAccount();
        await using var client = await TestServer.LoginAsync(Host, acc);
        var order = await client.RequestAsync(PlayerProtocol.CreateOrder, new CreateOrderRequest { ProductId = "yuanbao60" });
        // paid, and the node died before fulfilling it
        await Host.Services.Redis.Db.HashSetAsync("sg:{orders}:order:" + order.OrderId, "state", "PAID");

        using var viewer = TestServer.Admin(Host, OperatorRole.Viewer);
        Assert.That((await viewer.PostAsync($"/admin/orders/{order.OrderId}/fulfil", null)).StatusCode,
            Is.EqualTo(HttpStatusCode.Forbidden));
        using var op = TestServer.Admin(Host, OperatorRole.Operator);
        var replies = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => op.PostAsync($"/admin/orders/{order.OrderId}/fulfil", null)));
        Assert.That(replies.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That((await TestServer.Player(Host).Ledger.GetWalletAsync(acc))["yuanbao"], Is.EqualTo(60), "granted once");
        Assert.That((await TestServer.Player(Host).Payments.GetAsync(order.OrderId))!.State, Is.EqualTo(OrderState.Fulfilled));

        var audit = await viewer.GetFromJsonAsync<JsonElement>("/admin/audit");
        var first = audit.GetProperty("entries").EnumerateArray().Last(e =>
            e.GetProperty("path").GetString() == $"/admin/orders/{order.OrderId}/fulfil"
            && e.GetProperty("status").GetInt32() == 200);
        Assert.That(first.GetProperty("after").GetProperty("state").GetString(), Is.EqualTo("FULFILLED"));

        var created = await client.RequestAsync(PlayerProtocol.CreateOrder, new CreateOrderRequest { ProductId = "yuanbao60" });
        var unpaid = await op.PostAsync($"/admin/orders/{created.OrderId}/fulfil", null);
        Assert.That(unpaid.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "an unpaid order is not fulfilled");
        Assert.That((await op.PostAsync("/admin/orders/O-unknown/fulfil", null)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
