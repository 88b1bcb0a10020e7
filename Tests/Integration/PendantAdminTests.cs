using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SocialGame.Core.Options;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;
using static SocialGame.Tests.Integration.PendantTestKit;

namespace SocialGame.Tests.Integration;

/// <summary>The operator API on the admin port (validation, create, change, remove) on two nodes, and the seeding from
/// Config/pendants.json.</summary>
public class PendantAdminTests : TwoNodeFixture
{
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private static async Task<(int Status, JsonElement Body)> SendAsync(ServerHost host, HttpMethod method, string path,
        object? body = null, string? raw = null)
    {
        using var http = Admin(host);
        using var request = new HttpRequestMessage(method, path);
        if (raw is not null) request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body);
        using var reply = await http.SendAsync(request);
        string text = await reply.Content.ReadAsStringAsync();
        return ((int)reply.StatusCode, JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone());
    }

    private static async Task<List<string>> ListedIdsAsync(ServerHost host)
    {
        var (status, body) = await SendAsync(host, HttpMethod.Get, "/admin/pendants");
        Assert.That(status, Is.EqualTo(200));
        return body.GetProperty("pendants").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();
    }

    private static readonly (string Field, Action<Dictionary<string, object?>> Break)[] Breaks =
    [
        ("image", d => d.Remove("image")),
        ("text", d => d["text"] = ""),
        ("business", d => d["business"] = "radio"),
        ("id", d => d["id"] = "bad id"),
        ("minVersion", d => d["minVersion"] = "1.x"),
        ("maxVersion", d => (d["minVersion"], d["maxVersion"]) = ("2.0", "1.10")),
        ("end", d => d["end"] = Now.AddHours(-1)),
        ("begin", d => d.Remove("begin")),
        ("rooms[0]", d => d["rooms"] = new[] { "bad room" }),
        ("minVipLevel", d => d["minVipLevel"] = 500),
        ("priority", d => d["priority"] = "high"),
        ("colour", d => d["colour"] = "red"),
        ("trigger.kind", d => d["trigger"] = new { kind = "banner" }),
        ("trigger.giftId", d => d["trigger"] = new { kind = "gift", giftId = 9999, durationSeconds = 60 }),
        ("trigger.durationSeconds", d => d["trigger"] = new { kind = "gift", giftId = 1 }),
        ("trigger.durationSeconds", d => d["trigger"] = new { kind = "operator", durationSeconds = 60 }),
        ("trigger", d => d["trigger"] = null),
    ];

    [Test]
    public async Task ABadPendantIsRefusedWith400NamingTheFieldAndNothingIsStored()
    {
        var ids = new List<string>();
        foreach (var (field, breakIt) in Breaks)
        {
            string id = NewId("bad");
            var def = Def(id, Now, Now.AddHours(1));
            breakIt(def);
            ids.Add(def.GetValueOrDefault("id") as string ?? id);
            var (status, body) = await SendAsync(NodeA, HttpMethod.Post, "/admin/pendants", def);
            Assert.That(status, Is.EqualTo(400), $"{field}: {body}");
            Assert.That(body.GetProperty("field").GetString(), Is.EqualTo(field), body.ToString());
            Assert.That(body.GetProperty("error").GetString(), Does.StartWith(field + ": "));
        }
        foreach (string raw in new[] { "", "not json", "null", "[]", "{\"id\": 5}" })
            Assert.That((await SendAsync(NodeA, HttpMethod.Post, "/admin/pendants", raw: raw)).Status, Is.EqualTo(400), raw);
        Assert.That((await ListedIdsAsync(NodeA)).Intersect(ids), Is.Empty);

        string good = NewId("good");
        Assert.That((await SendAsync(NodeA, HttpMethod.Post, "/admin/pendants", Def(good, Now, Now.AddHours(1)))).Status, Is.EqualTo(200));
        Assert.That((await SendAsync(NodeA, HttpMethod.Post, "/admin/pendants", Def(good, Now, Now.AddHours(1)))).Status, Is.EqualTo(409),
            "exists");
        var (mismatch, why) = await SendAsync(NodeA, HttpMethod.Put, $"/admin/pendants/{good}", Def("another", Now, Now.AddHours(1)));
        Assert.That((mismatch, why.GetProperty("field").GetString()), Is.EqualTo((400, "id")));
        Assert.That((await SendAsync(NodeA, HttpMethod.Put, "/admin/pendants/nobody", Def("nobody", Now, Now.AddHours(1)))).Status,
            Is.EqualTo(404));
        Assert.That((await SendAsync(NodeA, HttpMethod.Get, "/admin/pendants/nobody")).Status, Is.EqualTo(404));
        Assert.That((await SendAsync(NodeA, HttpMethod.Delete, "/admin/pendants/nobody")).Status, Is.EqualTo(404));
        Assert.That((await SendAsync(NodeA, HttpMethod.Delete, "/admin/pendants/bad%20id")).Status, Is.EqualTo(400));
    }

    [Test]
    public async Task CreateChangeAndRemoveOnOneNodeReachTheOtherWithoutARestart()
    {
        string id = NewId("op"), acc = TestServer.NewAccount();
        string room = await OpenRoomAsync(NodeB, acc);
        await using var member = await MemberAsync(NodeB, acc, room);
        async Task<string?> TextOnBAsync() => (await PullAsync(member, room))
            .FirstOrDefault(p => (string)p["id"]! == id)?["text"] as string;

        var def = Def(id, Now.AddMinutes(-1), Now.AddHours(1));
        def["jumpUrl"] = "socialgame://room/hot";
        Assert.That((await SendAsync(NodeA, HttpMethod.Post, "/admin/pendants", def)).Status, Is.EqualTo(200));
        Assert.That(await Eventually.TrueAsync(async () => await TextOnBAsync() == $"pendant {id}"), Is.True, "created on A, shown on B");
        var (status, stored) = await SendAsync(NodeB, HttpMethod.Get, $"/admin/pendants/{id}");
        Assert.That((status, stored.GetProperty("jumpUrl").GetString(), stored.GetProperty("trigger").GetProperty("kind").GetString()),
            Is.EqualTo((200, "socialgame://room/hot", "operator")));

        def["text"] = "changed on A";
        def.Remove("id");
        Assert.That((await SendAsync(NodeA, HttpMethod.Put, $"/admin/pendants/{id}", def)).Status, Is.EqualTo(200),
            "the id comes from the path");
        Assert.That(await Eventually.TrueAsync(async () => await TextOnBAsync() == "changed on A"), Is.True, "changed on A, changed on B");

        Assert.That((await SendAsync(NodeA, HttpMethod.Delete, $"/admin/pendants/{id}")).Status, Is.EqualTo(200));
        Assert.That(await Eventually.TrueAsync(async () => await TextOnBAsync() is null), Is.True, "removed on A, gone from B");
        Assert.That(await ListedIdsAsync(NodeB), Does.Not.Contain(id));
        foreach (string op in new[] { "create", "change", "remove" })
            Assert.That(TestLogging.DataLogLines().Count(l => l.Contains($"\"op\":\"pendant {op}\"") && l.Contains(id)), Is.EqualTo(1), op);
    }

    private static string File(params (string Id, string Text)[] pendants) => JsonSerializer.Serialize(new
    {
        refreshSeconds = 30,
        pendants = pendants.Select(p => new
        {
            id = p.Id, business = "chat", image = "https://cdn.example.com/x.png", text = p.Text,
            begin = "2024-01-01T00:00:00Z", end = "2100-01-01T00:00:00Z", trigger = new { kind = "operator" },
        }),
    });

    private static async Task<string?> TextAsync(ServerHost host, string id)
    {
        var (status, body) = await SendAsync(host, HttpMethod.Get, $"/admin/pendants/{id}");
        return status == 200 ? body.GetProperty("text").GetString() : null;
    }

    [Test]
    public async Task TheFileIsAppliedWhenItChangesAndOperatorChangesOutliveARestart()
    {
        using var redis = new RedisServer();
        string dir = TestServer.CopyConfig();
        string path = Path.Combine(dir, "pendants.json");
        System.IO.File.WriteAllText(path, File(("seed-a", "from the file"), ("seed-b", "also from the file")));

        var host = await TestServer.StartAsync(redis, "seed1", configDir: dir);
        Assert.That(await ListedIdsAsync(host), Is.EqualTo(new[] { "seed-a", "seed-b" }));
        Assert.That((await SendAsync(host, HttpMethod.Post, "/admin/pendants", Def("op-made", Now, Now.AddHours(1)))).Status,
            Is.EqualTo(200));
        var changed = Def("seed-a", Now, Now.AddHours(1));
        changed["text"] = "changed by an operator";
        Assert.That((await SendAsync(host, HttpMethod.Put, "/admin/pendants/seed-a", changed)).Status, Is.EqualTo(200));
        await host.StopAsync();

        host = await TestServer.StartAsync(redis, "seed2", configDir: dir);
        Assert.That(await TextAsync(host, "seed-a"), Is.EqualTo("changed by an operator"), "the same file is not applied again");
        Assert.That(await ListedIdsAsync(host), Is.EqualTo(new[] { "op-made", "seed-a", "seed-b" }));
        await host.StopAsync();

        System.IO.File.WriteAllText(path, File(("seed-a", "file, second edition"), ("seed-c", "new in the file")));
        host = await TestServer.StartAsync(redis, "seed3", configDir: dir);
        Assert.That(await TextAsync(host, "seed-a"), Is.EqualTo("file, second edition"));
        Assert.That(await ListedIdsAsync(host), Is.EqualTo(new[] { "op-made", "seed-a", "seed-c" }), "seed-b left the file; op-made stays");
        await host.StopAsync();
        Assert.That(TestLogging.DataLogLines().Count(l => l.Contains("\"op\":\"pendant seed\"")
            && (l.Contains("seed1") || l.Contains("seed3"))), Is.EqualTo(2));

        System.IO.File.WriteAllText(path, File(("seed-a", "x")).Replace("\"chat\"", "\"radio\""));
        var ex = Assert.ThrowsAsync<ConfigException>(() => TestServer.StartAsync(redis, "seed4", configDir: dir));
        Assert.That(ex!.Message, Does.Contain("pendants.json").And.Contain("pendants[0].business"));
        Directory.Delete(dir, recursive: true);
    }
}
