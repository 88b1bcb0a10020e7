using Microsoft.Playwright;
using SocialGame.Core.Admin;
using SocialGame.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SocialGame.Tests.Integration.Console;

/// <summary>The operators' web console in a real browser: sign-in, the pendant editor, roles, the GM console, lookups.</summary>
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
}
