using SocialGame.Client;
using SocialGame.Modules.Rank;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Gm;
using SocialGame.Protocol.Messages.Rank;
using SocialGame.Protocol.Messages.Room;
using SocialGame.Protocol.Messages.System;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;
using StackExchange.Redis;

namespace SocialGame.Tests.Integration.Rank;

/// <summary>
/// Two nodes on one real redis-server and one <see cref="FakeClock"/> starting on a Wednesday at noon in Asia/Shanghai, fresh for
/// every test, with the settlement job's own timer slowed down (the tests run each pass themselves). Logins and GM commands mint
/// their tokens against the fake clock, so it may move far from the real one.
/// </summary>
public abstract class RankFixture : RedisFixture
{
    /// <summary>Wednesday 2026-11-25 12:00 in Asia/Shanghai.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.FromHours(8));

    private string _config = "";
    protected FakeClock Clock { get; private set; } = null!;
    protected ServerHost NodeA { get; private set; } = null!;
    protected ServerHost NodeB { get; private set; } = null!;

    [SetUp]
    public async Task StartNodes()
    {
        _config = TestServer.CopyConfig();
        string rank = Path.Combine(_config, RankOptions.FileName);
        File.WriteAllText(rank, File.ReadAllText(rank).Replace("\"jobIntervalSeconds\": 5", "\"jobIntervalSeconds\": 3600",
            StringComparison.Ordinal));
        // every test starts on the same day: a fresh Redis, so no board carries another test's scores
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(Redis.Address + ",allowAdmin=true"))
            await admin.GetServers().Single().FlushAllDatabasesAsync();
        Clock = new FakeClock(Start);
        NodeA = await TestServer.StartAsync(Redis, "nodeA", clock: Clock, configDir: _config);
        NodeB = await TestServer.StartAsync(Redis, "nodeB", clock: Clock, configDir: _config);
    }

    [TearDown]
    public async Task StopNodes()
    {
        await NodeA.StopAsync();
        await NodeB.StopAsync();
        Directory.Delete(_config, recursive: true);
    }

    private protected static RankService Ranks(ServerHost host) => host.Modules.OfType<RankModule>().Single().Ranks;

    private protected static RankBoard Board(ServerHost host, string id) => Ranks(host).Options.Find(id)!;

    /// <summary>Moves the fake clock to <paramref name="at"/> (forward only).</summary>
    protected void MoveTo(DateTimeOffset at)
    {
        Assert.That(at, Is.GreaterThanOrEqualTo(Clock.UtcNow));
        Clock.Advance(at - Clock.UtcNow);
    }

    protected async Task<GameClient> LoginAsync(ServerHost host, string acc)
    {
        var client = await TestServer.ConnectAsync(host);
        var reply = await client.RequestAsync(SystemProtocol.Login,
            new LoginRequest { Acc = acc, Token = TestServer.Token(acc, Clock.UtcNow.ToUnixTimeSeconds() + 3600) });
        Assert.That(reply.Result, Is.EqualTo(0), $"login of {acc}: {reply.ToJson()}");
        return client;
    }

    protected async Task<string> GmAsync(ServerHost host, string text, ResultCode expected = ResultCode.Success)
    {
        await using var gm = await LoginAsync(host, "gm");
        var reply = await gm.RequestAsync(GmProtocol.Command, new GmCommandRequest { Text = text });
        Assert.That(reply.Result, Is.EqualTo((int)expected), $"{text}: {reply.ToJson()}");
        return reply.Output;
    }

    /// <summary>A live room with a rich sender and the given recipients in it, all logged in on <paramref name="host"/>.</summary>
    protected async Task<Scene> SceneAsync(ServerHost host, int recipients)
    {
        string room = "room" + Guid.NewGuid().ToString("N")[..8];
        await GmAsync(host, $"//gm live start {room} owner");
        var scene = new Scene(room);
        for (int i = 0; i <= recipients; i++)
        {
            string acc = TestServer.NewAccount(i == 0 ? "s" : "r");
            var client = await LoginAsync(host, acc);
            Assert.That((await client.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room })).Result, Is.EqualTo(0));
            scene.Accounts.Add(acc);
            scene.Clients.Add(client);
        }
        await GmAsync(host, $"//gm addmoney {scene.Accounts[0]} gold 10000000");
        return scene;
    }

    /// <summary>The sender of <paramref name="scene"/> gives <paramref name="count"/> of gift <paramref name="gift"/> (Rose 1: 10 charm and
    /// wealth each; Wine cup 2: 100) to recipient <paramref name="to"/> (1-based).</summary>
    protected static async Task GiveAsync(Scene scene, int to, int gift = 2, int count = 1, string? reqId = null)
    {
        var sent = await scene.Clients[0].RequestAsync(RoomProtocol.SendGift, new SendGiftRequest
        {
            RoomId = scene.Room, To = scene.Accounts[to], GiftId = gift, Count = count, ReqId = reqId ?? Guid.NewGuid().ToString("N"),
        });
        Assert.That(sent.Result, Is.EqualTo(0), sent.ToJson());
    }

    protected static Task<RankTopResponse> TopAsync(GameClient client, string board, string period = "", int offset = 0, int count = 100) =>
        client.RequestAsync(RankProtocol.Top, new RankTopRequest { Board = board, Period = period, Offset = offset, Count = count });

    protected static Task<RankMeResponse> MeAsync(GameClient client, string board, string period = "") =>
        client.RequestAsync(RankProtocol.Me, new RankPeriodRequest { Board = board, Period = period });

    protected static Task<RankHistoryResponse> HistoryAsync(GameClient client, string board, string period) =>
        client.RequestAsync(RankProtocol.History, new RankPeriodRequest { Board = board, Period = period });

    /// <summary>A board page as (account, score), best first.</summary>
    protected static List<(string Acc, long Score)> Places(RankTopResponse top) => top.Entries.Select(e => (e.Acc, e.Score)).ToList();

    protected sealed class Scene(string room) : IAsyncDisposable
    {
        public string Room { get; } = room;
        /// <summary>[0] the sender, then the recipients.</summary>
        public List<string> Accounts { get; } = [];
        public List<GameClient> Clients { get; } = [];

        public async ValueTask DisposeAsync()
        {
            foreach (var c in Clients) await c.DisposeAsync();
        }
    }
}
