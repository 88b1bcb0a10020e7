using Microsoft.Playwright;
using SocialGame.Core.Admin;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Console;

/// <summary>
/// A server node and a headless Chromium (Debian's <c>/usr/bin/chromium</c>, driven by Playwright's bundled driver, nothing
/// downloaded) for the web console's end-to-end tests. Without Chromium the tests fail under CI (<c>CI</c> set, as <c>.ci/run</c>
/// does, which also installs it) and are skipped with that reason elsewhere.
/// </summary>
public abstract class BrowserFixture : ServerFixture
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    protected IBrowser Browser => _browser ?? throw new InvalidOperationException("no browser");

    protected string ConsoleUrl => $"http://127.0.0.1:{Host.AdminPort}/console/";

    [OneTimeSetUp]
    public async Task StartBrowser()
    {
        if (!File.Exists(ChromiumPath))
        {
            const string why = "Chromium is not installed at " + ChromiumPath + " (apt-get install chromium)";
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
                Assert.Fail(why + ": the console's browser tests need it under CI");
            Assert.Ignore(why + ": the console's browser tests are skipped outside CI");
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    [OneTimeTearDown]
    public async Task StopBrowser()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>A fresh browser context (its own cookies) on the console's sign-in page.</summary>
    protected async Task<IPage> OpenAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(ConsoleUrl);
        return page;
    }

    /// <summary>Fills and sends the sign-in form.</summary>
    protected static async Task SubmitLoginAsync(IPage page, string name, string password)
    {
        await page.FillAsync("#login-name", name);
        await page.FillAsync("#login-password", password);
        await page.ClickAsync("#login-submit");
    }

    /// <summary>A page signed in as the test operator of <paramref name="role"/>.</summary>
    protected async Task<IPage> SignedInAsync(OperatorRole role)
    {
        var page = await OpenAsync();
        await SubmitLoginAsync(page, TestServer.OperatorName(role), TestServer.OperatorPassword);
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync(TestServer.OperatorName(role));
        return page;
    }
}
