using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SocialGame.Core.Admin;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Player;
using SocialGame.Tests.Infrastructure;
using SocialGame.Modules.Player.Payments;

namespace SocialGame.Tests.Integration.AdminPort;

/// <summary>Operator authentication on the admin port: tokens, roles, logins and lockouts, the datalog of writes.</summary>
public class AdminAuthTests : ServerFixture
{
    private HttpClient Anonymous() => TestServer.Admin(Host, role: null);

    private static HttpClient WithToken(HttpClient http, string token)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private async Task<string> PlayerAsync()
    {
        string acc = TestServer.NewAccount();
        await TestServer.Player(Host).Profiles.EnsureAsync(acc);
        return acc;
    }

    private async Task<int> VipLevelAsync(string acc) => (await TestServer.Player(Host).Profiles.GetAsync(acc))!.VipLevel;

    [Test]
    public async Task AWriteWithoutValidCredentialsIs401AndChangesNothing()
    {
        string acc = await PlayerAsync();
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var otherSecret = new OperatorTokens("another-secret-0123456789", 3600, Host.Services.Operators.Directory);
        string name = TestServer.OperatorName(OperatorRole.Admin);
        string?[] credentials =
        [
            null,
            "not-a-token",
            otherSecret.Mint(name, now + 600),
            Host.Services.Operators.Tokens.Mint(name, now - 1),
            Host.Services.Operators.Tokens.Mint(name, now + 30 * 86400),
            Host.Services.Operators.Tokens.Mint(name, now + 600)!.Replace(name, TestServer.OperatorName(OperatorRole.Viewer)),
        ];
        foreach (string? token in credentials)
        {
            using var http = token is null ? Anonymous() : WithToken(Anonymous(), token);
            var reply = await http.PostAsJsonAsync($"/admin/profile/{acc}", new { viplevel = "9" });
            Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), token ?? "no token");
            Assert.That(reply.Headers.WwwAuthenticate.ToString(), Does.Contain("Bearer"));
        }
        Assert.That(await VipLevelAsync(acc), Is.EqualTo(0), "no VIP level was set");

        using var anonymous = Anonymous();
        string pendant = PendantTestKit.NewId("anon");
        var created = await anonymous.PostAsJsonAsync("/admin/pendants",
            PendantTestKit.Def(pendant, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1)));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(PendantTestKit.Service(Host).Store.Find(pendant), Is.Null, "nothing published");
    }

    [Test]
    public async Task EveryOperatorRouteRefusesAnAnonymousCaller()
    {
        var routes = Host.Services.AdminRoutes.Routes;
        Assert.That(routes.Where(r => r.MinimumRole is null).Select(r => r.Route.Pattern),
            Is.EquivalentTo(new[] { "/pay/callback", "/admin/login" }),
            "only the signed payment callback and the login take callers without a token");
        using var http = Anonymous();
        foreach (var entry in routes.Where(r => r.MinimumRole is not null))
        {
            string path = entry.Route.Pattern.Replace("{acc}", "someone").Replace("{id}", "some-id").Replace("{name}", "someone");
            using var request = new HttpRequestMessage(new HttpMethod(entry.Route.Method), path);
            if (entry.Route.Method != "GET") request.Content = JsonContent.Create(new { });
            using var reply = await http.SendAsync(request);
            Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"{entry.Route.Method} {entry.Route.Pattern}");
        }
    }

    [Test]
    public async Task AViewerReadsButGets403OnAWriteAndAnOperatorWrites()
    {
        string acc = await PlayerAsync();
        using var viewer = TestServer.Admin(Host, OperatorRole.Viewer);
        Assert.That((await viewer.GetAsync($"/admin/account/{acc}/records")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await viewer.GetAsync("/admin/pendants")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var refused = await viewer.PostAsJsonAsync($"/admin/profile/{acc}", new { viplevel = "7" });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("viewer").And.Contain("operator"));
        Assert.That((await viewer.PostAsJsonAsync($"/admin/account/{acc}/records", new { family = "leader" })).StatusCode,
            Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await VipLevelAsync(acc), Is.EqualTo(0), "the viewer changed nothing");

        using var op = TestServer.Admin(Host, OperatorRole.Operator);
        Assert.That((await op.PostAsJsonAsync($"/admin/profile/{acc}", new { viplevel = "7" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await VipLevelAsync(acc), Is.EqualTo(7));
        Assert.That((await op.GetAsync("/admin/operators")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden),
            "operator management is for admins");
        using var admin = TestServer.Admin(Host, OperatorRole.Admin);
        Assert.That((await admin.GetAsync("/admin/operators")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task EveryOperatorWriteIsInTheDatalogWithTheOperatorsName()
    {
        string acc = await PlayerAsync();
        using var op = TestServer.Admin(Host, OperatorRole.Operator);
        Assert.That((await op.PostAsJsonAsync($"/admin/profile/{acc}", new { viplevel = "3" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var viewer = TestServer.Admin(Host, OperatorRole.Viewer);
        Assert.That((await viewer.PostAsJsonAsync($"/admin/profile/{acc}", new { viplevel = "4" })).StatusCode,
            Is.EqualTo(HttpStatusCode.Forbidden));

        var entries = TestLogging.DataLogLines().Where(l => l.Contains("\"op\":\"admin\"") && l.Contains(acc))
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.That(entries.Select(e => (e.GetProperty("operator").GetString(), e.GetProperty("status").GetInt32())),
            Is.EquivalentTo(new[] { ("test-operator", 200), ("test-viewer", 403) }));
        var written = entries.Single(e => e.GetProperty("status").GetInt32() == 200);
        Assert.That((written.GetProperty("method").GetString(), written.GetProperty("path").GetString()),
            Is.EqualTo(("POST", $"/admin/profile/{acc}")));
        Assert.That(written.GetProperty("body").GetString(), Does.Contain("viplevel"));

        string pendant = PendantTestKit.NewId("by");
        await PendantTestKit.CreateAsync(Host, PendantTestKit.Def(pendant, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1)));
        Assert.That(TestLogging.DataLogLines().Any(l => l.Contains("\"op\":\"pendant create\"") && l.Contains(pendant)
            && l.Contains("\"by\":\"test-operator\"")),
            Is.True, "the pendant's own record names the operator too");
    }

    private async Task<HttpResponseMessage> LoginAsync(string name, string password)
    {
        using var http = Anonymous();
        return await http.PostAsJsonAsync("/admin/login", new { name, password });
    }

    [Test]
    public async Task ALoginGivesATokenThatWorksOnTheOtherRoutes()
    {
        var wrong = await LoginAsync("test-viewer", "not the password");
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await LoginAsync("nobody-at-all", "not the password")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized),
            "an unknown name answers the same");
        Assert.That((await LoginAsync("bad name!", "x")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        var ok = await LoginAsync("test-viewer", TestServer.OperatorPassword);
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var body = JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("role").GetString(), Is.EqualTo("viewer"));
        Assert.That(body.RootElement.GetProperty("expires").GetInt64() - DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Is.InRange(Host.Services.Options.Admin.TokenLifetimeSeconds - 60, Host.Services.Options.Admin.TokenLifetimeSeconds));
        using var http = WithToken(Anonymous(), body.RootElement.GetProperty("token").GetString()!);
        var me = await http.GetFromJsonAsync<Dictionary<string, string>>("/admin/me");
        Assert.That((me!["name"], me["role"]), Is.EqualTo(("test-viewer", "viewer")));
        Assert.That((await http.DeleteAsync("/admin/pendants/anything")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task RacingWrongPasswordsLockTheOperatorOutAfterTheLimitAndAnAdminUnlocksIt()
    {
        string name = TestServer.OperatorName(OperatorRole.Operator);
        int limit = Host.Services.Options.Admin.MaxFailedLogins;
        int WrongPasswordsLogged() => TestLogging.DataLogLines()
            .Count(l => l.Contains("\"op\":\"admin login\"") && l.Contains(name) && l.Contains("wrong password"));
        int loggedBefore = WrongPasswordsLogged();
        var replies = await Task.WhenAll(Enumerable.Range(0, 4 * limit).Select(i => LoginAsync(name, $"wrong-password-{i}")));
        Assert.That(replies.Select(r => r.StatusCode), Is.All.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests));
        Assert.That(replies.Count(r => r.StatusCode == HttpStatusCode.Unauthorized), Is.EqualTo(limit - 1),
            "the last failure within the limit locks");
        Assert.That(WrongPasswordsLogged() - loggedBefore, Is.EqualTo(limit),
            "no more passwords were tried than the limit, however the attempts raced");

        var locked = await LoginAsync(name, TestServer.OperatorPassword);
        Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "the right password does not open a lockout");
        using var admin = TestServer.Admin(Host, OperatorRole.Admin);
        using (var list = JsonDocument.Parse(await admin.GetStringAsync("/admin/operators")))
            Assert.That(list.RootElement.GetProperty("operators").EnumerateArray().Single(o => o.GetProperty("name").GetString() == name)
                .GetProperty("lockedOut").GetBoolean(), Is.True);
        using var op = TestServer.Admin(Host, OperatorRole.Operator);
        Assert.That((await op.PostAsync($"/admin/operators/{name}/unlock", null)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await admin.PostAsync($"/admin/operators/{name}/unlock", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await LoginAsync(name, TestServer.OperatorPassword)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task HealthStaysOpenAndThePaymentCallbackStaysSignatureOnly()
    {
        using var anonymous = Anonymous();
        Assert.That((await anonymous.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await anonymous.GetAsync("/metrics")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "no scrape token configured");

        string acc = TestServer.NewAccount();
        await using var client = await TestServer.LoginAsync(Host, acc);
        var order = await client.RequestAsync(PlayerProtocol.CreateOrder, new CreateOrderRequest { ProductId = "yuanbao60" });
        string id = order.OrderId;
        using var admin = TestServer.Admin(Host, OperatorRole.Admin);
        var forged = await admin.PostAsJsonAsync("/pay/callback",
            new { orderid = id, amount = order.Amount, txid = "tx-forged", sign = new string('0', 64) });
        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "an operator token does not replace the signature");
        Assert.That((await TestServer.Player(Host).Payments.GetAsync(id))!.State, Is.EqualTo(OrderState.Created));
        Assert.That(await TestServer.PayAsync(Host, id, order.Amount, "tx-signed"), Is.EqualTo(HttpStatusCode.OK),
            "signed, without a token");
    }
}

/// <summary><c>/metrics</c> behind a scrape token.</summary>
public class MetricsScrapeTokenTests : ServerFixture
{
    private const string ScrapeToken = "scrape-token-0123456789";

    protected override void Configure(Core.Options.ServerOptions options) => options.Admin.MetricsToken = ScrapeToken;

    [Test]
    public async Task MetricsNeedTheScrapeTokenOrAnOperatorWhileHealthStaysOpen()
    {
        using var anonymous = TestServer.Admin(Host, role: null);
        Assert.That((await anonymous.GetAsync("/metrics")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await anonymous.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var wrong = new HttpRequestMessage(HttpMethod.Get,
            "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", ScrapeToken + "x") } };
        Assert.That((await anonymous.SendAsync(wrong)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var scrape = new HttpRequestMessage(HttpMethod.Get,
            "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", ScrapeToken) } };
        var scraped = await anonymous.SendAsync(scrape);
        Assert.That(scraped.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await scraped.Content.ReadAsStringAsync(), Does.Contain("socialgame_connections"));
        using var viewer = TestServer.Admin(Host, OperatorRole.Viewer);
        Assert.That((await viewer.GetAsync("/metrics")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
