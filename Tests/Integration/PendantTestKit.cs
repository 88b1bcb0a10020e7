using System.Net.Http.Json;
using SocialGame.Client;
using SocialGame.Modules.Pendant;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Pendant;
using SocialGame.Protocol.Messages.Room;
using SocialGame.Protocol.Messages.System;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration;

/// <summary>What the pendant tests share: rooms, members, pendants made through the admin API, pulls and pushes.</summary>
internal static class PendantTestKit
{
    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A pendant as the admin API takes it; change entries before sending.</summary>
    public static Dictionary<string, object?> Def(string id, DateTimeOffset begin, DateTimeOffset end, object? trigger = null,
        string business = "chat") => new()
    {
        ["id"] = id,
        ["business"] = business,
        ["image"] = $"https://cdn.example.com/pendants/{id}.png",
        ["text"] = "pendant " + id,
        ["begin"] = begin,
        ["end"] = end,
        ["trigger"] = trigger ?? new { kind = "operator" },
    };

    /// <summary>The admin port of <paramref name="host"/>, signed in as the test operator (reads and writes).</summary>
    public static HttpClient Admin(ServerHost host) => TestServer.Admin(host);

    public static async Task CreateAsync(ServerHost host, Dictionary<string, object?> def)
    {
        using var http = Admin(host);
        var reply = await http.PostAsJsonAsync("/admin/pendants", def);
        Assert.That((int)reply.StatusCode, Is.EqualTo(200), await reply.Content.ReadAsStringAsync());
    }

    public static PendantService Service(ServerHost host) => host.Modules.OfType<PendantModule>().Single().Pendants;

    /// <summary>Opens a live room owned by <paramref name="owner"/>.</summary>
    public static async Task<string> OpenRoomAsync(ServerHost host, string owner)
    {
        string room = NewId("room");
        await TestServer.GmAsync(host, $"//gm live start {room} {owner}");
        return room;
    }

    /// <summary>Logs in reporting a client version (null: none).</summary>
    public static async Task<GameClient> LoginAsync(ServerHost host, string acc, string? version)
    {
        if (version is null) return await TestServer.LoginAsync(host, acc);
        var client = await TestServer.ConnectAsync(host);
        var reply = await client.RequestAsync(SystemProtocol.Login,
            new LoginRequest { Acc = acc, Token = TestServer.Token(acc), Version = version });
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToJson());
        return client;
    }

    public static async Task JoinAsync(GameClient client, string room, string business = "chat")
    {
        var reply = await client.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room, Business = business });
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToJson());
    }

    /// <summary>A member logged in on <paramref name="host"/> who joined <paramref name="room"/>.</summary>
    public static async Task<GameClient> MemberAsync(ServerHost host, string acc, string room, string? version = null)
    {
        var client = await LoginAsync(host, acc, version);
        await JoinAsync(client, room);
        return client;
    }

    /// <summary>
    /// The pendants the client sees in the room (the answer's count checked against its list), each as it came, for
    /// tests that check which fields a pendant has.
    /// </summary>
    public static async Task<IReadOnlyList<Dictionary<string, object?>>> PullAsync(GameClient client, string room, string business = "chat")
    {
        var reply = await client.RequestFrameAsync(PendantProtocol.List, new PendantListRequest { RoomId = room, Business = business });
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToString());
        var list = reply.GetList("pendants");
        Assert.That(reply.GetLong("count"), Is.EqualTo(list.Count));
        return list;
    }

    public static async Task<List<string>> IdsAsync(GameClient client, string room, string business = "chat") =>
        (await PullAsync(client, room, business)).Select(p => (string)p["id"]!).ToList();

    public static long Long(Dictionary<string, object?> map, string key) =>
        Convert.ToInt64(map[key], System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsShow(Frame f, string id) => f.Is(PendantProtocol.Show)
        && f.GetMap("pendant").GetValueOrDefault("id") as string == id;

    public static bool IsProgress(Frame f, string id) => f.Is(PendantProtocol.Progress) && f.GetString("id") == id;

    public static bool IsHide(Frame f, string id) => f.Is(PendantProtocol.Hide) && f.GetString("id") == id;

    /// <summary>Every unsolicited frame up to and including the first that matches <paramref name="until"/>.</summary>
    public static async Task<List<Frame>> FramesUntilAsync(GameClient client, Func<Frame, bool> until)
    {
        var frames = new List<Frame>();
        await client.WaitForAsync(f =>
        {
            frames.Add(f);
            return until(f);
        });
        return frames;
    }
}
