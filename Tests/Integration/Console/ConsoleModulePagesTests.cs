using System.Text.Json;
using SocialGame.Core.Admin;
using SocialGame.Tests.Infrastructure;
using SocialGame.Tests.Integration.Activity;
using SocialGame.Tests.Integration.Store;
using static Microsoft.Playwright.Assertions;

namespace SocialGame.Tests.Integration.Console;

/// <summary>
/// The console's module pages in a real browser: the activities editor (an error at its field, the fixed set running and pushed to a
/// player) and the stores page (an item's sales after a purchase made through the game protocol).
/// </summary>
public class ConsoleModulePagesTests : BrowserFixture
{
    [Test]
    public async Task AnActivityWithABadBannerJumpShowsTheErrorThereAndOnceFixedRunsAndIsPushedToAPlayer()
    {
        await using var player = await ActivityTestKit.PlayerAsync(Host, TestServer.NewAccount(), null);
        string id = ActivityTestKit.NewId("web");
        int before = (await ActivitiesAsync()).GetProperty("activities").GetArrayLength();

        var page = await SignedInAsync(OperatorRole.Operator);
        await page.ClickAsync("#nav a[data-page=activities]");
        await Expect(page.Locator("fieldset.activity")).ToHaveCountAsync(before);
        await page.ClickAsync("#activity-add");
        string at = $"activities[{before}].";
        async Task Fill(string field, string value) => await page.FillAsync($"input[name=\"{at}{field}\"]", value);
        await Fill("id", id);
        await Fill("name", "网页活动 Web activity");
        await Fill("begin", ActivityTestKit.Local(DateTimeOffset.UtcNow.AddMinutes(-1)));
        await Fill("end", ActivityTestKit.Local(DateTimeOffset.UtcNow.AddDays(1)));
        await Fill("banner.image", "https://cdn.example.com/web.png");
        await Fill("banner.text", "周末活动 Weekend event");
        await Fill("banner.jump", "javascript:alert(1)");
        await page.ClickAsync("#activity-save");
        var error = page.Locator($".field-error[data-for=\"{at}banner.jump\"]");
        await Expect(error).ToContainTextAsync("must use one of https:");
        await Expect(page.Locator($"input[name=\"{at}banner.jump\"]")).ToHaveClassAsync("invalid");
        await Expect(page.Locator($".field-error[data-for=\"{at}banner.image\"]")).ToBeEmptyAsync();
        Assert.That(Ids(await ActivitiesAsync()), Does.Not.Contain(id), "nothing was saved");

        await Fill("banner.jump", $"socialgame://activity/{id}");
        await page.ClickAsync("#activity-save");
        await Expect(page.Locator("#activity-status")).ToContainTextAsync("Saved: " + (before + 1));
        await Expect(error).ToBeEmptyAsync();

        var running = await ActivitiesAsync();
        Assert.That(Ids(running), Does.Contain(id));
        var saved = running.GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("id").GetString() == id);
        Assert.That(saved.GetProperty("banner").GetProperty("jump").GetString(), Is.EqualTo($"socialgame://activity/{id}"));
        Assert.That(running.GetProperty("open").EnumerateArray().Select(e => e.GetString()), Does.Contain(id));
        await player.WaitForAsync(f => ActivityTestKit.IsStarted(f, id), TimeSpan.FromSeconds(5));

        // the page shown again lists it as open
        await page.ReloadAsync();
        await Expect(page.Locator("fieldset.activity legend", new() { HasTextString = id })).ToContainTextAsync("open");
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task TheStoresPageShowsAnItemsSalesAfterAPurchaseThroughTheGameProtocol()
    {
        long soldBefore = (await SalesAsync("vip", 105)).GetProperty("sold").GetInt64();
        var (client, _) = await StoreKit.PlayerAsync(Host, gold: 10_000);
        await using (client)
        {
            var bought = await client.BuyAsync("vip", 105, 5000, "console-sales");
            Assert.That(bought.Result, Is.Zero, bought.ToJson());
        }
        var after = await SalesAsync("vip", 105);
        Assert.That(after.GetProperty("sold").GetInt64(), Is.EqualTo(soldBefore + 1));

        var page = await SignedInAsync(OperatorRole.Viewer);
        await page.ClickAsync("#nav a[data-page=stores]");
        var row = page.Locator("tr[data-item=\"vip/105\"]");
        await Expect(row).ToContainTextAsync("钻戒 Diamond ring");
        await Expect(row.Locator("td.sold")).ToHaveTextAsync((soldBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(row.Locator("td.left")).ToHaveTextAsync(after.GetProperty("stock").GetInt64()
            .ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(row).ToContainTextAsync("ever 1");
        await Expect(page.Locator("#store-reload")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task AnOperatorReloadsTheStoresAndTheActivitiesFromTheirFiles()
    {
        var page = await SignedInAsync(OperatorRole.Operator);
        await page.ClickAsync("#nav a[data-page=stores]");
        await page.ClickAsync("#store-reload");
        await Expect(page.Locator("#store-status")).ToContainTextAsync("stores.json reloaded");
        await page.ClickAsync("#nav a[data-page=activities]");
        await page.ClickAsync("#activity-reload");
        await Expect(page.Locator("#activity-status")).ToContainTextAsync("loaded from activities.json");
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task AViewerSeesNoSaveOrReloadOnTheActivitiesPage()
    {
        var page = await SignedInAsync(OperatorRole.Viewer);
        await page.ClickAsync("#nav a[data-page=activities]");
        await Expect(page.Locator("#activity-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#activity-save")).ToBeHiddenAsync();
        await Expect(page.Locator("#activity-reload")).ToBeHiddenAsync();
        await Expect(page.Locator("#activity-add")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    private async Task<JsonElement> ActivitiesAsync()
    {
        using var http = TestServer.Admin(Host, OperatorRole.Viewer);
        return JsonDocument.Parse(await http.GetStringAsync("/admin/activities")).RootElement.Clone();
    }

    private static IEnumerable<string?> Ids(JsonElement running) =>
        running.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();

    private async Task<JsonElement> SalesAsync(string store, int item)
    {
        using var http = TestServer.Admin(Host, OperatorRole.Viewer);
        var all = JsonDocument.Parse(await http.GetStringAsync("/admin/stores/sales")).RootElement.Clone();
        return all.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("store").GetString() == store && i.GetProperty("item").GetInt32() == item);
    }
}
