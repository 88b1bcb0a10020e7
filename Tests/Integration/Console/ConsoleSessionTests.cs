using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SocialGame.Core.Admin;
using SocialGame.Core.Options;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Console;

/// <summary>What the web console's sessions guarantee over HTTP, whatever a page shows: cookie flags, CSRF, roles, the audit
/// trail.</summary>
public class ConsoleSessionTests : ServerFixture
{
    /// <summary>An HTTP client holding the cookie of a console session of <paramref name="role"/>, and the session's CSRF token.</summary>
    private async Task<(HttpClient Http, string Csrf, string SetCookie)> SignInAsync(OperatorRole role)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
            { BaseAddress = new Uri($"http://127.0.0.1:{Host.AdminPort}") };
        var reply = await http.PostAsJsonAsync("/console/login",
            new { name = TestServer.OperatorName(role), password = TestServer.OperatorPassword });
        Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.OK), await reply.Content.ReadAsStringAsync());
        var body = await reply.Content.ReadFromJsonAsync<JsonElement>();
        return (http, body.GetProperty("csrf").GetString()!, reply.Headers.GetValues("Set-Cookie").Single());
    }

    private static HttpRequestMessage Write(HttpMethod method, string path, object? body, string? csrf)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (csrf is not null) request.Headers.Add(ConsoleSessions.CsrfHeader, csrf);
        return request;
    }

    [Test]
    public async Task TheSessionCookieIsHttpOnlyAndStrictAndEveryWriteNeedsTheCsrfToken()
    {
        var (http, csrf, setCookie) = await SignInAsync(OperatorRole.Operator);
        using var _ = http;
        Assert.That(setCookie, Does.StartWith(ConsoleSessions.CookieName + "=").And.Contain("httponly").IgnoreCase
            .And.Contain("samesite=strict").IgnoreCase);
        Assert.That((await http.GetAsync("/admin/pendants")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "reads need no token");

        string id = PendantTestKit.NewId("csrf");
        var def = PendantTestKit.Def(id, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        foreach (string? token in new[] { null, "", "wrong-token", csrf + "x" })
        {
            var refused = await http.SendAsync(Write(HttpMethod.Post, "/admin/pendants", def, token));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), token ?? "no token");
            Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("CSRF"));
        }
        Assert.That(PendantTestKit.Service(Host).Store.Find(id), Is.Null, "nothing saved without the token");
        Assert.That((await http.SendAsync(Write(HttpMethod.Post, "/console/logout", null, "wrong"))).StatusCode,
            Is.EqualTo(HttpStatusCode.Forbidden), "signing out is a write too");

        var saved = await http.SendAsync(Write(HttpMethod.Post, "/admin/pendants", def, csrf));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());
        Assert.That(PendantTestKit.Service(Host).Store.Find(id), Is.Not.Null);

        Assert.That((await http.SendAsync(Write(HttpMethod.Post, "/console/logout", null, csrf))).StatusCode,
            Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await http.GetAsync("/admin/pendants")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "signed out");
        Assert.That((await http.GetAsync("/console/session")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task AViewerSessionIsRefusedWritesAndGmCommandsWithTheTokenToo()
    {
        var (http, csrf, _) = await SignInAsync(OperatorRole.Viewer);
        using var __ = http;
        string acc = await TestServer.KnownAccountAsync(Host);
        var gm = await http.SendAsync(Write(HttpMethod.Post, "/admin/gm", new { text = $"addmoney {acc} gold 5" }, csrf));
        Assert.That(gm.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await TestServer.Player(Host).Ledger.GetWalletAsync(acc))["gold"], Is.EqualTo(0));
        var me = await (await http.GetAsync("/admin/me")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(me.GetProperty("role").GetString(), Is.EqualTo("viewer"));
    }

    [Test]
    public async Task EveryWriteIsInTheAuditTrailWithWhoWhenAndBeforeAndAfter()
    {
        string id = PendantTestKit.NewId("audit");
        var def = PendantTestKit.Def(id, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        await PendantTestKit.CreateAsync(Host, def);
        def["text"] = "changed text";
        def["enabled"] = false;
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var admin = TestServer.Admin(Host);
        Assert.That((await admin.PutAsJsonAsync($"/admin/pendants/{id}", def)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var viewer = TestServer.Admin(Host, OperatorRole.Viewer);
        Assert.That((await viewer.DeleteAsync($"/admin/pendants/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var audit = await viewer.GetFromJsonAsync<JsonElement>("/admin/audit");
        var entries = audit.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("path").GetString() == $"/admin/pendants/{id}")
            .ToList();
        Assert.That(entries.Select(e => (e.GetProperty("method").GetString(), e.GetProperty("status").GetInt32(),
            e.GetProperty("operator").GetString())), Is.EqualTo(new[]
        {
            ("DELETE", 403, TestServer.OperatorName(OperatorRole.Viewer)), ("PUT", 200, TestServer.OperatorName(OperatorRole.Operator)),
        }), "newest first, refused writes too");
        var change = entries[1];
        Assert.That(change.GetProperty("at").GetInt64(), Is.GreaterThanOrEqualTo(before));
        Assert.That(change.GetProperty("before").GetProperty("text").GetString(), Is.EqualTo("pendant " + id));
        Assert.That(change.GetProperty("before").GetProperty("enabled").GetBoolean(), Is.True);
        Assert.That(change.GetProperty("after").GetProperty("text").GetString(), Is.EqualTo("changed text"));
        Assert.That(change.GetProperty("after").GetProperty("enabled").GetBoolean(), Is.False);

        var logged = TestLogging.DataLogLines().Select(l => JsonNode.Parse(l)!)
            .Last(l => (string?)l["op"] == "admin" && (string?)l["path"] == $"/admin/pendants/{id}" && (string?)l["method"] == "PUT");
        Assert.That((string?)logged["operator"], Is.EqualTo(TestServer.OperatorName(OperatorRole.Operator)));
        Assert.That((string?)logged["before"], Does.Contain("pendant " + id));
        Assert.That((string?)logged["after"], Does.Contain("changed text"));
    }
}

/// <summary>The console's sign-in shares the operator logins' lockout.</summary>
public class ConsoleLockoutTests : ServerFixture
{
    protected override void Configure(ServerOptions options) => options.Admin.MaxFailedLogins = 3;

    [Test]
    public async Task RepeatedWrongPasswordsLockTheOperatorOutEvenWithTheRightOne()
    {
        using var http = TestServer.Admin(Host, role: null);
        string name = TestServer.OperatorName(OperatorRole.Admin);
        for (int i = 0; i < 2; i++)
            Assert.That((await http.PostAsJsonAsync("/console/login", new { name, password = "wrong password " + i })).StatusCode,
                Is.EqualTo(HttpStatusCode.Unauthorized));
        var third = await http.PostAsJsonAsync("/console/login", new { name, password = "wrong again" });
        Assert.That((int)third.StatusCode, Is.EqualTo(429), "the third failure locks");
        var right = await http.PostAsJsonAsync("/console/login", new { name, password = TestServer.OperatorPassword });
        Assert.That((int)right.StatusCode, Is.EqualTo(429));
        Assert.That(await right.Content.ReadAsStringAsync(), Does.Contain("locked out"));
        Assert.That(right.Headers.Contains("Set-Cookie"), Is.False, "no session while locked out");
    }
}
