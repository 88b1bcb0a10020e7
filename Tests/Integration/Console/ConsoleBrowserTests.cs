using System.Net.Http.Json;
using Microsoft.Playwright;
using SocialGame.Core.Admin;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Player;
using SocialGame.Protocol.Messages.RedPacket;
using SocialGame.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SocialGame.Tests.Integration.Console;

/// <summary>
/// The operators' web console in a real browser: sign-in, the pendant editor (an error at its field, a fix pushed to a player in the
/// room), a viewer refused, the GM console, an order looked up, sign-out. With <c>SOCIALGAME_SCREENSHOTS=dir</c> the pendant editor and
/// the dashboard are saved there (docs/ holds the ones the README shows).
/// </summary>
public class ConsoleBrowserTests : BrowserFixture
{
    [Test]
    public async Task AWrongPasswordIsRefusedAndTheRightOneSignsIn()
    {
        var page = await OpenAsync();
        string name = TestServer.OperatorName(OperatorRole.Operator);
        await SubmitLoginAsync(page, name, "not-the-password");
        await Expect(page.Locator("#login-error")).ToContainTextAsync("wrong name or password");
        await Expect(page.Locator("#nav a")).ToHaveCountAsync(0);

        await SubmitLoginAsync(page, name, TestServer.OperatorPassword);
        await Expect(page.Locator("#who")).ToHaveTextAsync($"{name} (operator)");
        await Expect(page.Locator("#login")).ToBeHiddenAsync();
        await Expect(page.Locator("#nav a[data-page=gm]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task APendantWithABadFieldShowsTheErrorThereAndOnceFixedIsPushedToAPlayerInTheRoom()
    {
        string owner = await TestServer.KnownAccountAsync(Host, "own");
        string room = await PendantTestKit.OpenRoomAsync(Host, owner);
        string member = TestServer.NewAccount();
        await using var player = await PendantTestKit.MemberAsync(Host, member, room);
        string id = PendantTestKit.NewId("web");

        var page = await SignedInAsync(OperatorRole.Operator);
        await page.ClickAsync("#nav a[data-page=pendants]");
        await page.ClickAsync("#pendant-new");
        await page.FillAsync("input[name=id]", id);
        await page.FillAsync("input[name=text]", "周末活动 Weekend event");
        await page.FillAsync("input[name=image]", "javascript:alert(1)");
        await page.FillAsync("input[name=rooms]", room);
        await page.ClickAsync("#pendant-save");
        await Expect(page.Locator(".field-error[data-for=image]")).ToContainTextAsync("must use one of https:");
        await Expect(page.Locator("input[name=image]")).ToHaveClassAsync("invalid");
        await Expect(page.Locator(".field-error[data-for=text]")).ToBeEmptyAsync();
        Assert.That(PendantTestKit.Service(Host).Store.Find(id), Is.Null, "nothing was saved");

        await page.FillAsync("input[name=image]", "https://cdn.example.com/pendants/weekend.png");
        await page.FillAsync("#preview-room", room);
        await page.ClickAsync("#pendant-preview");
        await Expect(page.Locator("#preview-members tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#preview-members")).ToContainTextAsync(member + "0✓");
        await Screenshot(page, "console-pendant-editor.png");
        await page.ClickAsync("#pendant-save");
        await Expect(page.Locator("#pendant-status")).ToContainTextAsync("Saved " + id);
        await Expect(page.Locator(".field-error[data-for=image]")).ToBeEmptyAsync();

        // the player never pulls: the pendant arrives as a push
        var show = await player.WaitForAsync(f => PendantTestKit.IsShow(f, id), TimeSpan.FromSeconds(3));
        Assert.That(show.GetMap("pendant")["text"], Is.EqualTo("周末活动 Weekend event"));
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task AViewerSeesNoSaveButtonAndTheApiRefusesItsSaveAnyway()
    {
        string id = PendantTestKit.NewId("view");
        var def = PendantTestKit.Def(id, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        await PendantTestKit.CreateAsync(Host, def);

        var page = await SignedInAsync(OperatorRole.Viewer);
        await page.GotoAsync(ConsoleUrl + "#/pendants/edit/" + id);
        await Expect(page.Locator("input[name=id]")).ToHaveValueAsync(id);
        await Expect(page.Locator("#pendant-save")).ToBeHiddenAsync();
        await Expect(page.Locator("#pendant-new")).ToHaveCountAsync(0);
        await Expect(page.Locator("#nav a[data-page=gm]")).ToHaveCountAsync(0);

        // the form's own request, sent anyway with the session's CSRF token: 403, nothing changed
        int status = await page.EvaluateAsync<int>(@"async id => {
            const def = (await SG.api('GET', '/admin/pendants/' + id)).body;
            def.text = 'changed by a viewer';
            return (await SG.api('PUT', '/admin/pendants/' + id, def)).status; }", id);
        Assert.That(status, Is.EqualTo(403));
        Assert.That(PendantTestKit.Service(Host).Store.Find(id)!.Text, Is.EqualTo("pendant " + id));
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task AGmCommandRunsAsTheOperatorAndShowsItsOutputAndHistory()
    {
        string acc = await TestServer.KnownAccountAsync(Host);
        var page = await SignedInAsync(OperatorRole.Operator);
        await page.ClickAsync("#nav a[data-page=gm]");
        await page.FillAsync("#gm-text", $"addmoney {acc} gold 250");
        await page.ClickAsync("#gm-run");
        await Expect(page.Locator("#gm-result")).ToHaveTextAsync("success (0)");
        await Expect(page.Locator("#gm-output")).ToHaveTextAsync($"{acc} gold +250 -> 250");
        await Expect(page.Locator("#gm-history")).ToContainTextAsync($"addmoney {acc} gold 250");
        Assert.That((await TestServer.Player(Host).Ledger.GetWalletAsync(acc))["gold"], Is.EqualTo(250));

        await page.FillAsync("#gm-text", "nosuchcommand");
        await page.ClickAsync("#gm-run");
        await Expect(page.Locator("#gm-result")).ToContainTextAsync("gm_unknown_command");
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task AnOrderIsLookedUpByIdAndAPlayerByAccount()
    {
        string acc = TestServer.NewAccount();
        await using var client = await TestServer.LoginAsync(Host, acc);
        var order = await client.RequestAsync(PlayerProtocol.CreateOrder, new CreateOrderRequest { ProductId = "yuanbao60" });
        Assert.That(order.Result, Is.EqualTo(0), order.ToJson());

        var page = await SignedInAsync(OperatorRole.Viewer);
        await page.ClickAsync("#nav a[data-page=orders]");
        await page.FillAsync("#order-input", order.OrderId);
        await page.ClickAsync("#order-submit");
        var table = page.Locator("#order-table");
        await Expect(table).ToContainTextAsync(order.OrderId);
        await Expect(table).ToContainTextAsync(acc);
        await Expect(table).ToContainTextAsync("CREATED");
        await Expect(page.Locator("#order-fulfil")).ToBeHiddenAsync();

        await page.ClickAsync("#nav a[data-page=players]");
        await page.FillAsync("#player-input", acc);
        await page.ClickAsync("#player-submit");
        await Expect(page.Locator("#player-node")).ToHaveTextAsync("节点 node " + Host.Node);
        await Expect(page.Locator("#player-result")).ToContainTextAsync(order.OrderId);
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task ARedPacketIsLookedUpWithItsGrabsAndARoomListsItsPackets()
    {
        var (room, sender, senderClient) = await RedPacket.RedPacketKit.SenderAsync(Host, gold: 100_000);
        await using var _ = senderClient;
        var sent = await senderClient.RequestAsync(RedPacketProtocol.Send,
            new SendPacketRequest { RoomId = room, Id = 1, Pay = 1, ReqId = Guid.NewGuid().ToString("N") });
        Assert.That(sent.Result, Is.EqualTo(0), sent.ToJson());
        string grabber = TestServer.NewAccount("g");
        await using var grabberClient = await PendantTestKit.MemberAsync(Host, grabber, room);
        var grab = await grabberClient.RequestAsync(RedPacketProtocol.Grab, new PacketRequest { PacketId = sent.PacketId });
        Assert.That(grab.Result, Is.EqualTo(0), grab.ToJson());

        var page = await SignedInAsync(OperatorRole.Viewer);
        await page.ClickAsync("#nav a[data-page=redpackets]");
        await page.FillAsync("#redpacket-input", "room:" + room);
        await page.ClickAsync("#redpacket-submit");
        await page.ClickAsync($"#redpacket-room a:text('{sent.PacketId}')");
        var table = page.Locator("#redpacket-table");
        await Expect(table).ToContainTextAsync(sender);
        await Expect(table).ToContainTextAsync("open");
        await Expect(page.Locator("#redpacket-grabs")).ToContainTextAsync(grabber);
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task SignOutEndsTheSession()
    {
        var page = await SignedInAsync(OperatorRole.Admin);
        var cookies = await page.Context.CookiesAsync();
        var cookie = cookies.Single(c => c.Name == ConsoleSessions.CookieName);
        Assert.That((cookie.HttpOnly, cookie.SameSite), Is.EqualTo((true, SameSiteAttribute.Strict)));
        await page.ClickAsync("#logout");
        await Expect(page.Locator("#login")).ToBeVisibleAsync();

        // the old cookie, replayed: no longer a session
        using var http = TestServer.Admin(Host, role: null);
        http.DefaultRequestHeaders.Add("Cookie", $"{ConsoleSessions.CookieName}={cookie.Value}");
        Assert.That((int)(await http.GetAsync("/admin/pendants")).StatusCode, Is.EqualTo(401));
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task TheDashboardDrawsTheNodesMetrics()
    {
        var history = Host.Services.MetricsHistory;
        // samples of the test's own, ahead of the node's (which come every 5 s and are ignored while older than the newest)
        long at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000;
        await using var client = await TestServer.LoginAsync(Host, TestServer.NewAccount());
        for (int i = 1; i <= 6; i++)
        {
            for (int j = 0; j < i * 3; j++)
                await client.RequestAsync(PlayerProtocol.GetWallet, new SocialGame.Protocol.Messages.EmptyRequest());
            history.Sample(at + i * 5000);
        }
        var page = await SignedInAsync(OperatorRole.Viewer);
        await page.ClickAsync("#nav a[data-page=dashboard]");
        await Expect(page.Locator("#dashboard-node")).ToContainTextAsync("node " + Host.Node);
        await Expect(page.Locator("canvas")).ToHaveCountAsync(4);
        bool drawn = await page.EvaluateAsync<bool>("() => Chart.getChart('chart-1').data.datasets.some(d => d.label === 'player')");
        Assert.That(drawn, Is.True, "requests per second of the player module are charted");
        await Screenshot(page, "console-dashboard.png");
        await page.Context.CloseAsync();
    }

    private static async Task Screenshot(IPage page, string name)
    {
        string? dir = Environment.GetEnvironmentVariable("SOCIALGAME_SCREENSHOTS");
        string path = Path.Combine(string.IsNullOrEmpty(dir) ? TestContext.CurrentContext.WorkDirectory : dir, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }
}
