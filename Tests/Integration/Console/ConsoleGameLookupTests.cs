using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SocialGame.Core.Admin;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Bargain;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Console;

/// <summary>The console's lookups of the games' records: a bargain code with its helpers and totals, pass gifts by id and by
/// account.</summary>
public class ConsoleGameLookupTests : ServerFixture
{
    [Test]
    public async Task ABargainCodeShowsItsOwnerGoodsHelpersAndTotalsThatAddUp()
    {
        var (owner, acc, code) = await ConsoleGameKit.BargainAsync(Host);
        await using var _ = owner;
        await TestServer.GmAsync(Host, $"//gm msact bargain 1 1000 {code} 40");
        string helper = TestServer.NewAccount("h");
        await using var helping = await TestServer.LoginAsync(Host, helper);
        var help = await helping.RequestAsync(BargainProtocol.Help,
            new BargainHelpRequest { Id = 1, DeviceId = "dev-" + helper, DeviceType = 0, BargainCode = code.ToLowerInvariant() });
        Assert.That(help.Result, Is.Zero, help.ToJson());

        using var viewer = TestServer.Admin(Host, OperatorRole.Viewer);
        // a code is read case-insensitively, as players type it
        var c = await viewer.GetFromJsonAsync<JsonElement>($"/admin/bargain/codes/{code.ToLowerInvariant()}");
        Assert.That((c.GetProperty("code").GetString(), c.GetProperty("owner").GetString(), c.GetProperty("state").GetString()),
            Is.EqualTo((code, acc, "open")));
        Assert.That(c.GetProperty("period").GetProperty("id").GetInt32(), Is.EqualTo(1));
        var goods = c.GetProperty("goods");
        Assert.That((goods.GetProperty("goodsid").GetInt32(), goods.GetProperty("price").GetInt64(),
            goods.GetProperty("maxcut").GetInt64()), Is.EqualTo((103, 1000L, 900L)));
        var helpers = c.GetProperty("helpers").EnumerateArray()
            .Select(h => (h.GetProperty("acc").GetString(), h.GetProperty("amount").GetInt64())).ToList();
        Assert.That(helpers, Is.EqualTo(new[] { ("gm", 40L), (helper, help.DelPrice) }));
        var totals = c.GetProperty("totals");
        long system = totals.GetProperty("system").GetInt64();
        Assert.That(system, Is.InRange(50, 100), "the system's cut of goods 3");
        Assert.That(totals.GetProperty("helpers").GetInt64(), Is.EqualTo(40 + help.DelPrice));
        Assert.That(totals.GetProperty("total").GetInt64(), Is.EqualTo(system + 40 + help.DelPrice), "system + helpers = total");
        var inPeriod = await viewer.GetFromJsonAsync<JsonElement>($"/admin/bargain/codes/{code}?period=1");
        Assert.That(inPeriod.GetProperty("owner").GetString(), Is.EqualTo(acc));

        await ErrorAsync(viewer, "/admin/bargain/codes/ZZZZZZZZ", HttpStatusCode.NotFound);
        await ErrorAsync(viewer, "/admin/bargain/codes/bad%21code", HttpStatusCode.BadRequest);
        await ErrorAsync(viewer, "/admin/bargain/codes/ABC", HttpStatusCode.BadRequest);
        await ErrorAsync(viewer, $"/admin/bargain/codes/{code}?period=999", HttpStatusCode.BadRequest);
        await ErrorAsync(viewer, $"/admin/bargain/codes/{code}?period=-1", HttpStatusCode.BadRequest);
        using var anonymous = TestServer.Admin(Host, role: null);
        Assert.That((await anonymous.GetAsync($"/admin/bargain/codes/{code}")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task AGoldPassGiftIsLookedUpByIdAndInBothAccountsRecords()
    {
        var (sender, from, friend, to) = await ConsoleGameKit.FriendsAsync(Host);
        await using var _s = sender;
        await using var _f = friend;
        var gift = await ConsoleGameKit.GiftPassAsync(sender, to, pay: 1);

        using var viewer = TestServer.Admin(Host, OperatorRole.Viewer);
        var g = await viewer.GetFromJsonAsync<JsonElement>($"/admin/passgifts/{gift.GiftId}");
        Assert.That((g.GetProperty("from").GetString(), g.GetProperty("to").GetString(), g.GetProperty("pay").GetString(),
            g.GetProperty("state").GetString()), Is.EqualTo((from, to, "gold", "unlocked")));
        Assert.That(g.GetProperty("season").GetString(), Is.Not.Empty);
        Assert.That(g.GetProperty("time").GetInt64(), Is.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60,
            DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        Assert.That(g.GetProperty("refund").GetProperty("state").GetString(), Is.EqualTo("none"));

        var sent = await viewer.GetFromJsonAsync<JsonElement>($"/admin/passgifts/acc:{from}");
        Assert.That(sent.GetProperty("sent").EnumerateArray().Select(r => r.GetProperty("giftid").GetString()),
            Is.EqualTo(new[] { gift.GiftId }));
        Assert.That(sent.GetProperty("received").GetArrayLength(), Is.Zero);
        var received = await viewer.GetFromJsonAsync<JsonElement>($"/admin/passgifts/acc:{to}");
        var row = received.GetProperty("received").EnumerateArray().Single();
        Assert.That((row.GetProperty("giftid").GetString(), row.GetProperty("from").GetString(), row.GetProperty("state").GetString()),
            Is.EqualTo((gift.GiftId, from, "unlocked")));

        await ErrorAsync(viewer, "/admin/passgifts/G1764000000aaaaaaaaaa", HttpStatusCode.NotFound);
        await ErrorAsync(viewer, "/admin/passgifts/not-a-gift", HttpStatusCode.BadRequest);
        await ErrorAsync(viewer, "/admin/passgifts/G*", HttpStatusCode.BadRequest);
        await ErrorAsync(viewer, "/admin/passgifts/acc:bad%20name", HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task AnRmbGiftToAFriendWhoBecameIneligibleShowsItsRefundRecord()
    {
        var (sender, from, friend, to) = await ConsoleGameKit.FriendsAsync(Host);
        await using var _s = sender;
        await using var _f = friend;
        var gift = await ConsoleGameKit.GiftPassAsync(sender, to, pay: 2);
        using var viewer = TestServer.Admin(Host, OperatorRole.Viewer);
        var ordered = await viewer.GetFromJsonAsync<JsonElement>($"/admin/passgifts/{gift.GiftId}");
        Assert.That((ordered.GetProperty("pay").GetString(), ordered.GetProperty("state").GetString(),
            ordered.GetProperty("orderid").GetString()), Is.EqualTo(("rmb", "ordered", gift.OrderId)));

        Assert.That((await friend.RequestAsync(AccountProtocol.CancelApply)).Result, Is.Zero, "the friend applies for cancellation");
        Assert.That(await TestServer.PayAsync(Host, gift.OrderId, gift.Amount, "tx-" + gift.GiftId), Is.EqualTo(HttpStatusCode.OK));

        var refunded = await viewer.GetFromJsonAsync<JsonElement>($"/admin/passgifts/{gift.GiftId}");
        Assert.That(refunded.GetProperty("state").GetString(), Is.EqualTo("refunded"));
        var refund = refunded.GetProperty("refund");
        Assert.That(refund.GetProperty("state").GetString(), Is.EqualTo("recorded"));
        var record = refund.GetProperty("record");
        Assert.That((record.GetProperty("orderid").GetString(), record.GetProperty("acc").GetString(),
            record.GetProperty("amount").GetInt64()), Is.EqualTo((gift.OrderId, from, gift.Amount)));
    }

    internal static async Task ErrorAsync(HttpClient http, string path, HttpStatusCode expected)
    {
        using var reply = await http.GetAsync(path);
        Assert.That(reply.StatusCode, Is.EqualTo(expected), path);
        var body = await reply.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(body.GetProperty("error").GetString(), Is.Not.Empty, path);
    }
}
