using System.Net.Http.Json;
using System.Text.Json;
using SocialGame.Core.Options;
using SocialGame.Modules.Pendant;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Integration.PendantTestKit;

namespace SocialGame.Tests.Integration;

/// <summary>A pendant's image and jumpUrl: only https or the app's own schemes (pendants.json appSchemes) reach the clients.</summary>
public class PendantLinkTests : ServerFixture
{
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private async Task<(int Status, string? Field)> SaveAsync(string method, string path, Dictionary<string, object?> def)
    {
        using var http = Admin(Host);
        using var reply = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(def) });
        using var body = JsonDocument.Parse(await reply.Content.ReadAsStringAsync());
        return ((int)reply.StatusCode, body.RootElement.TryGetProperty("field", out var f) ? f.GetString() : null);
    }

    private static readonly string[] Refused =
    [
        "javascript:alert(1)", "JavaScript:alert(document.cookie)", "javascript://m.example.com/%0aalert(1)", "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "http://m.example.com/events", "file:///etc/passwd",
        "ftp://cdn.example.com/a.png", "otherapp://room/1",
    ];

    [Test]
    public async Task ALinkOfAnotherSchemeIsRefusedWith400NamingTheFieldAndNothingIsStored()
    {
        foreach (string link in Refused)
            foreach (string field in new[] { "jumpUrl", "image" })
            {
                string id = NewId("link");
                var def = Def(id, Now, Now.AddHours(1));
                def[field] = link;
                Assert.That(await SaveAsync("POST", "/admin/pendants", def), Is.EqualTo((400, field)), $"{field} {link}");
                Assert.That(Service(Host).Store.Find(id), Is.Null);
            }

        string kept = NewId("kept");
        var good = Def(kept, Now, Now.AddHours(1));
        good["jumpUrl"] = "socialgame://room/hot";
        Assert.That((await SaveAsync("POST", "/admin/pendants", good)).Status, Is.EqualTo(200), "https and the app's scheme pass");
        good["jumpUrl"] = "javascript:alert(1)";
        Assert.That(await SaveAsync("PUT", $"/admin/pendants/{kept}", good), Is.EqualTo((400, "jumpUrl")), "a change is checked the same");
        Assert.That(Service(Host).Store.Find(kept)!.JumpUrl, Is.EqualTo("socialgame://room/hot"));
    }

    [Test]
    public async Task AStoredPendantLinkingElsewhereIsNotServed()
    {
        // as saved by the admin API before links were checked
        string id = NewId("old");
        var def = ConfigLoader.Parse<Modules.Pendant.PendantDef>(JsonSerializer.Serialize(Def(id, Now, Now.AddHours(1))), "test");
        def.JumpUrl = "javascript:alert(document.cookie)";
        await Service(Host).Store.SaveAsync(PendantSaveOp.Create, id, def, "before the check");
        string good = NewId("good");
        await CreateAsync(Host, Def(good, Now, Now.AddHours(1)));
        Assert.That(Service(Host).Store.Find(good), Is.Not.Null, "the store reloaded after the later change");
        Assert.That(Service(Host).Store.Find(id), Is.Null);
        using var http = Admin(Host);
        Assert.That((int)(await http.GetAsync($"/admin/pendants/{id}")).StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task TheAppsSchemesComeFromTheConfigurationAndTheFileIsCheckedAtStart()
    {
        string dir = TestServer.CopyConfig();
        try
        {
            string path = Path.Combine(dir, "pendants.json");
            string shipped = File.ReadAllText(path);
            File.WriteAllText(path, shipped.Replace("\"appSchemes\": [ \"socialgame\" ]", "\"appSchemes\": [ \"myapp\" ]"));
            var ex = Assert.ThrowsAsync<ConfigException>(() => TestServer.StartAsync(Redis, "links1", configDir: dir));
            Assert.That(ex!.Message, Does.Contain("pendants.json").And.Contain("].jumpUrl: must use one of https:, myapp:"),
                "the shipped socialgame:// links are no longer the app's");

            File.WriteAllText(path, shipped.Replace("\"appSchemes\": [ \"socialgame\" ]", "\"appSchemes\": [ \"myapp\", \"socialgame\" ]"));
            await using var host = await TestServer.StartAsync(Redis, "links2", configDir: dir);
            using var http = Admin(host);
            var def = Def(NewId("mine"), Now, Now.AddHours(1));
            def["jumpUrl"] = "myapp://wallet";
            Assert.That((int)(await http.PostAsJsonAsync("/admin/pendants", def)).StatusCode, Is.EqualTo(200));

            File.WriteAllText(path, shipped.Replace("\"jumpUrl\": \"https://m.example.com/events\"",
                "\"jumpUrl\": \"javascript:alert(1)\""));
            var file = Assert.ThrowsAsync<ConfigException>(() => TestServer.StartAsync(Redis, "links3", configDir: dir));
            Assert.That(file!.Message, Does.Contain("pendants.json: pendants[0].jumpUrl: must use one of https:, socialgame:, got " +
                "'javascript:'"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
