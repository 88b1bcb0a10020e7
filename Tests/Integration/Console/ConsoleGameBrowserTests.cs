using SocialGame.Core.Admin;
using SocialGame.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SocialGame.Tests.Integration.Console;

/// <summary>The console's pages of the games' records in a real browser: a bargain code, a pass gift, a ranking board.</summary>
public class ConsoleGameBrowserTests : BrowserFixture
{
    [Test]
    public async Task AViewerSeesABargainCodeAPassGiftAndARankingBoardOnTheirPages()
    {
        var (owner, acc, code) = await ConsoleGameKit.BargainAsync(Host);
        await using var _o = owner;
        await TestServer.GmAsync(Host, $"//gm msact bargain 1 1000 {code} 40");
        var (sender, from, friend, to) = await ConsoleGameKit.FriendsAsync(Host);
        await using var _s = sender;
        await using var _f = friend;
        var gift = await ConsoleGameKit.GiftPassAsync(sender, to, pay: 1);
        var ranked = await ConsoleGameKit.CharmAsync(Host, 3, 1);

        var page = await SignedInAsync(OperatorRole.Viewer);
        await page.ClickAsync("#nav a[data-page=bargain]");
        await page.FillAsync("#bargain-input", code.ToLowerInvariant());
        await page.ClickAsync("#bargain-submit");
        await Expect(page.Locator("#bargain-table")).ToContainTextAsync(acc);
        await Expect(page.Locator("#bargain-table")).ToContainTextAsync("open");
        await Expect(page.Locator("#bargain-helpers tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#bargain-helpers")).ToContainTextAsync("gm40");
        await Expect(page.Locator("#bargain-totals")).ToContainTextAsync("helpers 40 = ");
        await page.FillAsync("#bargain-input", "ZZZZZZZZ");
        await page.ClickAsync("#bargain-submit");
        await Expect(page.Locator("#bargain-error")).ToHaveTextAsync("unknown bargain code");

        await page.ClickAsync("#nav a[data-page=passgifts]");
        await page.FillAsync("#passgift-input", gift.GiftId);
        await page.ClickAsync("#passgift-submit");
        await Expect(page.Locator("#passgift-table")).ToContainTextAsync(from + to);
        await Expect(page.Locator("#passgift-table")).ToContainTextAsync("goldunlocked");
        await Expect(page.Locator("#passgift-refund")).ToContainTextAsync("None");
        await page.FillAsync("#passgift-input", "acc:" + to);
        await page.ClickAsync("#passgift-submit");
        await Expect(page.Locator("#passgift-received")).ToContainTextAsync(gift.GiftId);

        await page.ClickAsync("#nav a[data-page=rankings]");
        await page.FillAsync("#rank-board", "charm_day");
        await page.ClickAsync("#rank-submit");
        await Expect(page.Locator("#rank-settlement")).ToContainTextAsync("Not ended");
        await Expect(page.Locator("#rank-live tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#rank-live tbody tr").First).ToContainTextAsync(ranked[0]);
        await Expect(page.Locator("#rank-live tbody tr").First).ToContainTextAsync("300");
        await Expect(page.Locator("#rank-live tbody tr").Nth(1)).ToContainTextAsync(ranked[1]);
        await page.Context.CloseAsync();
    }
}
