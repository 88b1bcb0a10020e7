using SocialGame.Client;
using SocialGame.Core.Time;
using SocialGame.Modules.Pandora;
using SocialGame.Modules.Player;
using SocialGame.Modules.Room;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Gm;
using SocialGame.Protocol.Messages.Room;
using SocialGame.Protocol.Messages.System;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;
using StackExchange.Redis;

namespace SocialGame.Tests.Integration.Pandora;

/// <summary>
/// Two server nodes on one real Redis, one <see cref="FakeClock"/> and one random source whose seed a test may set; logins mint
/// their tokens on the fake clock, so a test may move it days on.
/// </summary>
public abstract class PandoraFixture(RedisKind kind = RedisKind.Standalone) : RedisFixture(kind)
{
    protected FakeClock Clock { get; } = new(DateTimeOffset.UtcNow);
    protected SeedableRandom Random { get; } = new();
    protected ServerHost NodeA { get; private set; } = null!;
    protected ServerHost NodeB { get; private set; } = null!;
    private readonly List<GameClient> _clients = [];

    [OneTimeSetUp]
    public async Task StartNodes()
    {
        NodeA = await TestServer.StartAsync(Redis, "nodeA", clock: Clock, random: Random);
        NodeB = await TestServer.StartAsync(Redis, "nodeB", clock: Clock, random: Random);
    }

    [OneTimeTearDown]
    public async Task StopNodes()
    {
        await NodeA.StopAsync();
        await NodeB.StopAsync();
    }

    [TearDown]
    public async Task CloseClients()
    {
        foreach (var c in _clients) await c.DisposeAsync();
        _clients.Clear();
    }

    protected IDatabase Db => NodeA.Services.Redis.Db;
    private protected static PandoraService Pandora(ServerHost node) => node.Modules.OfType<PandoraModule>().Single().Pandora;
    private protected static RoomService Rooms(ServerHost node) => node.Modules.OfType<RoomModule>().Single().Rooms;
    private protected PlayerBase Player => TestServer.Player(NodeA);

    /// <summary>
    /// Logs <paramref name="acc"/> in on <paramref name="node"/> with a token valid on the fake clock; closed after the test.
    /// </summary>
    protected async Task<GameClient> LoginAsync(ServerHost node, string acc)
    {
        var client = await TestServer.ConnectAsync(node);
        _clients.Add(client);
        var token = TestServer.Token(acc, Clock.UtcNow.ToUnixTimeSeconds() + 3600);
        var reply = await client.RequestAsync(SystemProtocol.Login, new LoginRequest { Acc = acc, Token = token });
        Assert.That(reply.Result, Is.EqualTo(0), $"login of {acc}");
        return client;
    }

    protected async Task<string> GmAsync(ServerHost node, string text)
    {
        var gm = await LoginAsync(node, "gm");
        var reply = await gm.RequestAsync(GmProtocol.Command, new GmCommandRequest { Text = text });
        Assert.That(reply.Result, Is.EqualTo(0), text);
        return reply.Output;
    }

    /// <summary>A live room (started by the GM command, the path of the live events) with its owner logged in on node A and
    /// <paramref name="members"/> members spread over both nodes, the first holding <paramref name="gold"/>.</summary>
    internal async Task<Scene> SceneAsync(int members, long gold = 100_000)
    {
        string room = "pb" + Guid.NewGuid().ToString("N")[..10], owner = TestServer.NewAccount("o");
        var ownerClient = await LoginAsync(NodeA, owner);
        Clock.Advance(TimeSpan.FromMilliseconds(5));
        await GmAsync(NodeA, $"//gm live start {room} {owner}");
        var list = new List<(string Acc, GameClient Client)>();
        for (int i = 0; i < members; i++)
        {
            string acc = TestServer.NewAccount("m");
            var c = await LoginAsync(i % 2 == 0 ? NodeA : NodeB, acc);
            Assert.That((await c.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room })).Result, Is.EqualTo(0));
            list.Add((acc, c));
        }
        if (gold > 0) await Player.Ledger.ApplyAsync(LedgerOperation.Currency(list[0].Acc, "test:" + Guid.NewGuid(), "test", "gold", gold));
        return new Scene(room, owner, ownerClient, list);
    }

    /// <summary>The first member sends wine cups (100 gold each) worth <paramref name="gold"/> to the second (or to itself).</summary>
    internal static async Task GiveAsync(Scene s, long gold, int from = 0)
    {
        var (_, client) = s.Members[from];
        string to = s.Members[s.Members.Count > 1 ? (from + 1) % s.Members.Count : 0].Acc;
        var reply = await client.RequestAsync(RoomProtocol.SendGift,
            new SendGiftRequest { RoomId = s.Room, To = to, GiftId = 2, Count = (int)(gold / 100), ReqId = Guid.NewGuid().ToString("N") });
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToJson());
    }

    protected async Task<string> BoxAsync(string room) => (await Db.HashGetAsync(PandoraKeys.Box(room), "box")).ToString();

    /// <summary>The pandora grants in the account's ledger: (ledger key, reason) per entry; a grant twice would show twice.</summary>
    protected async Task<List<string>> GrantsAsync(string acc) =>
        (await Db.StreamRangeAsync(PlayerKeys.Ledger(acc)))
            .Select(e => e.Values.FirstOrDefault(v => v.Name == "key").Value.ToString())
            .Where(k => k.StartsWith("pandora:", StringComparison.Ordinal)).ToList();
}

internal sealed record Scene(string Room, string Owner, GameClient OwnerClient, List<(string Acc, GameClient Client)> Members);

/// <summary>The server's random source, seeded again by a test that checks the draws it makes.</summary>
public sealed class SeedableRandom : IRandomSource
{
    private IRandomSource _inner = new SeededRandomSource(1);

    public void Seed(int seed) => Volatile.Write(ref _inner, new SeededRandomSource(seed));
    public long Next(long minInclusive, long maxInclusive) => Volatile.Read(ref _inner).Next(minInclusive, maxInclusive);
    public double NextDouble() => Volatile.Read(ref _inner).NextDouble();
}
