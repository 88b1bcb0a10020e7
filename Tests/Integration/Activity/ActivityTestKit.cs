using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using SocialGame.Client;
using SocialGame.Core.Time;
using SocialGame.Modules.Activity;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Activity;
using SocialGame.Protocol.Messages.System;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Activity;

/// <summary>What the activity tests share: a quick-ticking configuration, activities set through the admin API, players with a
/// version and a VIP level.</summary>
internal static class ActivityTestKit
{
    /// <summary>The configured zone's offset (Asia/Shanghai, no daylight saving).</summary>
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    public static string NewId(string prefix = "act") => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>
    /// The current whole second (login and operator tokens are minted with the real time, so a test moves it by minutes at most
    /// before it logs in again or calls the admin API).
    /// </summary>
    public static FakeClock Clock() => new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    /// <summary>A copy of Config/ whose activities tick every 50 ms and start empty.</summary>
    public static string QuickConfig()
    {
        string dir = TestServer.CopyConfig();
        File.WriteAllText(Path.Combine(dir, ActivityFile.FileName), """{ "tickMilliseconds": 50, "activities": [] }""");
        return dir;
    }

    public static Task<ServerHost> StartAsync(ITestRedis redis, string node, IClock clock, string configDir) =>
        TestServer.StartAsync(redis, node, clock: clock, configDir: configDir);

    /// <summary>An instant as a window time of the configured zone.</summary>
    public static string Local(DateTimeOffset at) =>
        at.ToOffset(Shanghai).ToString(ActivityDef.TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>An activity as the admin API takes it; change entries before sending.</summary>
    public static Dictionary<string, object?> Def(string id, DateTimeOffset begin, DateTimeOffset end, int minVip = 0, int priority = 10) =>
        new()
        {
            ["id"] = id,
            ["kind"] = "vipFestival",
            ["name"] = "冰雪节 " + id,
            ["begin"] = Local(begin),
            ["end"] = Local(end),
            ["minVipLevel"] = minVip,
            ["banner"] = new Dictionary<string, object?>
            {
                ["image"] = $"https://cdn.example.com/{id}.png", ["text"] = "banner " + id, ["jump"] = $"socialgame://activity/{id}",
                ["priority"] = priority,
            },
        };

    /// <summary>Replaces the running activities through the admin API (fails the test unless it is taken).</summary>
    public static async Task ReplaceAsync(ServerHost host, params Dictionary<string, object?>[] activities)
    {
        using var http = TestServer.Admin(host);
        var reply = await http.PutAsJsonAsync("/admin/activities", new { activities });
        Assert.That((int)reply.StatusCode, Is.EqualTo(200), await reply.Content.ReadAsStringAsync());
    }

    /// <summary>PUT /admin/activities with a raw body: the status and the answer.</summary>
    public static async Task<(int Status, JsonElement Body)> PutAsync(ServerHost host, object body)
    {
        using var http = TestServer.Admin(host);
        var reply = await http.PutAsJsonAsync("/admin/activities", body);
        return ((int)reply.StatusCode, JsonDocument.Parse(await reply.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>Logs in reporting a client version (null: none), after setting the account's VIP level.</summary>
    public static async Task<GameClient> PlayerAsync(ServerHost host, string acc, string? version, int vip = 0)
    {
        if (vip > 0)
        {
            await (await TestServer.LoginAsync(host, acc)).DisposeAsync();
            await TestServer.GmAsync(host, $"//gm setprofile {acc} viplevel {vip}");
        }
        var client = await TestServer.ConnectAsync(host);
        var reply = await client.RequestAsync(SystemProtocol.Login,
            new LoginRequest { Acc = acc, Token = TestServer.Token(acc), Version = version });
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToJson());
        return client;
    }

    public static async Task<List<string>> EntriesAsync(GameClient client)
    {
        var reply = await client.RequestAsync(ActivityProtocol.Entries, new ActivityEntriesRequest());
        Assert.That((reply.Result, reply.Count), Is.EqualTo((0, reply.Entries.Count)));
        return reply.Entries.Select(e => e.ActivityId).ToList();
    }

    public static bool IsStarted(Frame f, string id) =>
        f.Is(ActivityProtocol.Started) && f.GetMap("activity").GetValueOrDefault("activityid") as string == id;

    public static bool IsEnded(Frame f, string id) => f.Is(ActivityProtocol.Ended) && f.GetString("activityid") == id;
}
