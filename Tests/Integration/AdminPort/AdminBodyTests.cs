using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using SocialGame.Core.Admin;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.AdminPort;

/// <summary>Request bodies on the admin port: capped and read with a limit, well-formed JSON without repeated keys.</summary>
public class AdminBodyTests : ServerFixture
{
    private const int Huge = 28 * 1024 * 1024;

    /// <summary>
    /// Sends the request line and headers and then only the first part of a body (the rest never comes), and returns
    /// the first answer read from the connection: one that needed the whole body would never come.
    /// </summary>
    private async Task<string> AnswerBeforeTheBodyEndsAsync(string path, string headers, byte[] partOfBody, string? token = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Host.AdminPort);
        var stream = tcp.GetStream();
        string auth = token is null ? "" : $"Authorization: Bearer {token}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " +
            $"application/json\r\n{auth}{headers}\r\n"));
        await stream.WriteAsync(partOfBody);
        var answer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        int read = await stream.ReadAsync(answer, timeout.Token);
        return Encoding.ASCII.GetString(answer, 0, read);
    }

    private static byte[] Chunk(int size) =>
        Encoding.ASCII.GetBytes($"{size:x}\r\n").Concat(Enumerable.Repeat((byte)' ', size)).Concat("\r\n"u8.ToArray()).ToArray();

    [Test]
    public async Task ConcurrentOversizedBodiesAreRefusedWith413WithoutBeingRead()
    {
        int cap = Host.Services.Options.Admin.MaxBodyBytes;
        byte[] firstPart = new byte[64 * 1024];
        Array.Fill(firstPart, (byte)' ');
        byte[] chunks = [.. Chunk(cap / 2), .. Chunk(cap / 2), .. Chunk(cap / 2)];
        string token = TestServer.OperatorToken(Host, OperatorRole.Operator);
        var answers = await Task.WhenAll(
        [
            // a declared length of 28 MB, as in the report: refused before the body is read
            .. Enumerable.Range(0, 3).Select(_ => AnswerBeforeTheBodyEndsAsync("/pay/callback", $"Content-Length: {Huge}\r\n", firstPart)),
            // no declared length: the reading stops at the first bytes past the cap
            .. Enumerable.Range(0, 3).Select(_ => AnswerBeforeTheBodyEndsAsync("/pay/callback", "Transfer-Encoding: chunked\r\n", chunks)),
            AnswerBeforeTheBodyEndsAsync("/admin/pendants", $"Content-Length: {Huge}\r\n", firstPart, token),
            AnswerBeforeTheBodyEndsAsync("/admin/pendants", "Transfer-Encoding: chunked\r\n", chunks, token),
        ]);
        foreach (string answer in answers)
        {
            Assert.That(answer, Does.StartWith("HTTP/1.1 413"), answer);
            Assert.That(answer, Does.Contain("admin.maxBodyBytes"));
        }
        using var http = TestServer.Admin(Host, role: null);
        Assert.That((await http.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the port still answers");
    }

    [Test]
    public async Task AnAnonymousOversizedWriteIs401BeforeItsBodyIsRead()
    {
        string answer = await AnswerBeforeTheBodyEndsAsync("/admin/profile/someone", $"Content-Length: {Huge}\r\n", new byte[1024]);
        Assert.That(answer, Does.StartWith("HTTP/1.1 401"), answer);
    }

    [Test]
    public async Task ABodyAtTheCapIsRead()
    {
        int cap = Host.Services.Options.Admin.MaxBodyBytes;
        string acc = TestServer.NewAccount();
        await TestServer.Player(Host).Profiles.EnsureAsync(acc);
        string json = "{\"viplevel\": \"2\"}";
        using var http = TestServer.Admin(Host);
        var reply = await http.PostAsync($"/admin/profile/{acc}",
            new StringContent(json + new string(' ', cap - json.Length), Encoding.UTF8, "application/json"));
        Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.OK), await reply.Content.ReadAsStringAsync());
        var over = await http.PostAsync($"/admin/profile/{acc}",
            new StringContent(json + new string(' ', cap - json.Length + 1), Encoding.UTF8, "application/json"));
        Assert.That(over.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    private static async Task<(int Status, string? Field, string Text)> SendAsync(HttpClient http, string method, string path,
        HttpContent content)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        using var reply = await http.SendAsync(request);
        string text = await reply.Content.ReadAsStringAsync();
        string? field = null;
        if (text.StartsWith('{'))
        {
            using var body = JsonDocument.Parse(text);
            if (body.RootElement.TryGetProperty("field", out var f)) field = f.GetString();
        }
        return ((int)reply.StatusCode, field, text);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Test]
    public async Task RepeatedKeysAre400NamingTheFieldAndChangeNothing()
    {
        string acc = TestServer.NewAccount();
        await TestServer.Player(Host).Profiles.EnsureAsync(acc);
        using var http = TestServer.Admin(Host);
        var profile = await SendAsync(http, "POST", $"/admin/profile/{acc}", Json("""{"viplevel": "1", "viplevel": "9"}"""));
        Assert.That((profile.Status, profile.Field), Is.EqualTo((400, "viplevel")), profile.Text);
        Assert.That((await TestServer.Player(Host).Profiles.GetAsync(acc))!.VipLevel, Is.EqualTo(0));

        string id = PendantTestKit.NewId("dup");
        string pendant = JsonSerializer.Serialize(PendantTestKit.Def(id, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1)));
        string nested = pendant.Replace("\"trigger\":{\"kind\":\"operator\"}", "\"trigger\":{\"kind\":\"operator\",\"kind\":\"gift\"}");
        Assert.That(nested, Does.Contain("\"kind\":\"gift\""), "the test body has the repeated key");
        var created = await SendAsync(http, "POST", "/admin/pendants", Json(nested));
        Assert.That((created.Status, created.Field), Is.EqualTo((400, "trigger.kind")), created.Text);
        var rooms = await SendAsync(http, "POST", "/admin/pendants",
            Json(pendant.Replace("\"business\":", "\"rooms\":[{\"a\":1,\"a\":2}],\"business\":")));
        Assert.That((rooms.Status, rooms.Field), Is.EqualTo((400, "rooms[0].a")), rooms.Text);
        Assert.That(PendantTestKit.Service(Host).Store.Find(id), Is.Null);

        var records = await SendAsync(http, "POST", $"/admin/account/{acc}/records", Json("""{"family": "member", "family": "leader"}"""));
        Assert.That((records.Status, records.Field), Is.EqualTo((400, "family")), records.Text);
    }

    private static readonly string[] Malformed = ["{", "{\"a\": }", "{\"a\": 1}}", "[1, 2", "{'a': 1}", "{\"a\": 1} // note", "nul",
        new string('[', 100) + new string(']', 100)];
    private static readonly string[] WellFormedButWrong = ["null", "[]", "5", "\"text\"", "{}", "{\"a\": {\"b\": [1, {\"c\": null}]}}",
        "{\"viplevel\": 5.5}", "{\"amount\": 1e400}", "{\"orderid\": 5, \"amount\": \"x\", \"txid\": [], \"sign\": {}}", "{\"id\": 5}",
        "{\"name\": 5, \"password\": null}"];

    [Test]
    public async Task BadBodiesOnEveryWriteRouteAre400NeverAServerError()
    {
        string acc = TestServer.NewAccount();
        await TestServer.Player(Host).Profiles.EnsureAsync(acc);
        using var http = TestServer.Admin(Host, OperatorRole.Admin);
        var writes = Host.Services.AdminRoutes.Routes.Where(r => r.Route.Method is "POST" or "PUT").ToList();
        Assert.That(writes, Has.Count.GreaterThanOrEqualTo(6));
        foreach (var entry in writes)
        {
            string path = entry.Route.Pattern.Replace("{acc}", acc).Replace("{id}", "some-id").Replace("{name}", "test-viewer");
            foreach (string body in Malformed)
            {
                var (status, field, text) = await SendAsync(http, entry.Route.Method, path, Json(body));
                Assert.That(status, Is.EqualTo(400), $"{entry.Route.Method} {entry.Route.Pattern} {body}: {text}");
                Assert.That(field, Is.Not.Null.And.Not.Empty, text);
            }
            var (binaryStatus, binaryField, binaryText) = await SendAsync(http, entry.Route.Method, path,
                new ByteArrayContent([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]));
            Assert.That((binaryStatus, binaryField), Is.EqualTo((400, "(body)")), $"not UTF-8: {binaryText}");
            foreach (string body in WellFormedButWrong)
            {
                var (status, _, text) = await SendAsync(http, entry.Route.Method, path, Json(body));
                Assert.That(status, Is.LessThan(500), $"{entry.Route.Method} {entry.Route.Pattern} {body}: {text}");
            }
        }
        Assert.That(TestLogging.DataLogLines().Any(l => l.Contains("\"op\":\"admin\"") && l.Contains("\"status\":500")), Is.False);
    }
}
