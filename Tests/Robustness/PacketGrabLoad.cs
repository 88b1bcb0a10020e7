using System.Collections.Concurrent;
using System.Diagnostics;
using SocialGame.Client;
using SocialGame.Modules.Player;
using SocialGame.Modules.RedPacket;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.RedPacket;
using SocialGame.Protocol.Messages.Room;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;
using StackExchange.Redis;

namespace SocialGame.Tests.Robustness;

/// <summary>
/// Red packets whose keys all live on one master of a cluster, and grabbers (members of the packets' live room) taking
/// their shares at a steady pace: every (packet, grabber) pair is tried until it has a definite answer, a Redis fault
/// puts it back to be tried again. Each grab answered with a share is acknowledged; <see cref="CheckAsync"/> then
/// settles the packets and lists every broken invariant.
/// </summary>
internal sealed class PacketGrabLoad
{
    private const int Total = 1000; // configuration 1 of the shipped redpackets.json: 1000 gold in 10 shares
    private readonly ServerHost _host;
    private readonly ConcurrentQueue<(string Pid, string Acc)> _work = new();
    private readonly List<GameClient> _clients = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _faults;

    private PacketGrabLoad(ServerHost host, IReadOnlyList<string> packets, IReadOnlyList<string> grabbers)
    {
        _host = host;
        Packets = packets;
        Grabbers = grabbers;
        foreach (var pid in packets)
        foreach (var acc in grabbers) _work.Enqueue((pid, acc));
    }

    public IReadOnlyList<string> Packets { get; }
    public IReadOnlyList<string> Grabbers { get; }
    public ConcurrentQueue<(string Pid, string Acc, long Amount, TimeSpan At)> Acknowledged { get; } = new();
    public int Faults => Volatile.Read(ref _faults);

    private RedPacketService Service => _host.Modules.OfType<RedPacketModule>().Single().Packets;

    /// <summary>
    /// A live room, a sender sending <paramref name="packets"/> packets of configuration 1 whose keys live on master
    /// <paramref name="master"/> (request ids chosen so), and <paramref name="grabbers"/> members logged in and in the room.
    /// </summary>
    public static async Task<PacketGrabLoad> StartAsync(ServerHost host, RedisCluster cluster, int master, int packets, int grabbers,
        Func<string, Task<GameClient>> login, Func<string, Task> gm)
    {
        string room = "room" + Guid.NewGuid().ToString("N")[..8], sender = TestServer.NewAccount("rs");
        await gm($"//gm live start {room} owner");
        var clients = new List<GameClient>();
        async Task JoinAsync(string acc)
        {
            var client = await login(acc);
            clients.Add(client);
            Assert.That((await client.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room })).Result, Is.EqualTo(0));
        }
        await JoinAsync(sender);
        await gm($"//gm addmoney {sender} gold {packets * Total}");
        var pids = new List<string>();
        for (int n = 0; pids.Count < packets; n++)
        {
            string reqId = "r" + n;
            string pid = RedPacketService.PacketId(sender, reqId);
            if (cluster.MasterOfSlot(host.Services.Redis.Connection.HashSlot(RedPacketService.PacketKey(pid))) != master) continue;
            var sent = await clients[0].RequestAsync(RedPacketProtocol.Send,
                new SendPacketRequest { RoomId = room, Id = 1, Pay = 1, ReqId = reqId });
            Assert.That((sent.Result, sent.PacketId), Is.EqualTo((0, pid)), sent.ToJson());
            pids.Add(pid);
        }
        var accounts = Enumerable.Range(0, grabbers).Select(_ => TestServer.NewAccount("rg")).ToList();
        foreach (var acc in accounts) await JoinAsync(acc);
        var load = new PacketGrabLoad(host, pids, accounts);
        load._clients.AddRange(clients);
        return load;
    }

    /// <summary>Grabs in <paramref name="lanes"/> lanes, one grab per lane every <paramref name="pace"/>, until stopped or done.</summary>
    public Task RunAsync(int lanes, TimeSpan pace, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, lanes).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && _work.TryDequeue(out var pair))
            {
                try
                {
                    var reply = await Service.GrabAsync(pair.Acc, pair.Pid);
                    if (reply.Result == 0) Acknowledged.Enqueue((pair.Pid, pair.Acc, reply.Amount, _clock.Elapsed));
                }
                catch (Exception ex) when (Core.Storage.RedisFaults.IsRedisFault(ex))
                {
                    Interlocked.Increment(ref _faults);
                    _work.Enqueue(pair);
                }
                await Task.Delay(pace, CancellationToken.None);
            }
        })));

    /// <summary>When the load's clock read <paramref name="at"/>: the first grab acknowledged after it (null: none yet).</summary>
    public TimeSpan? FirstAcknowledgedAfter(TimeSpan at) =>
        Acknowledged.Select(a => a.At).Where(t => t > at).Order().Cast<TimeSpan?>().FirstOrDefault();

    public TimeSpan Now => _clock.Elapsed;

    /// <summary>
    /// Settles the packets (credits every grab whose credit a fault cut short) and lists what is wrong: an acknowledged
    /// grab missing from its packet, a packet whose grabbed and remaining shares do not sum to its total, a grabber whose
    /// gold is not the sum of its shares, a share credited more than once.
    /// </summary>
    public async Task<List<string>> CheckAsync()
    {
        var db = _host.Services.Redis.Db;
        var problems = new List<string>();
        foreach (var pid in Packets) await db.SortedSetAddAsync(RedPacketKeys.Index, pid, 0);
        await Service.SettleAsync();
        var shares = new Dictionary<(string Pid, string Acc), long>();
        foreach (var pid in Packets)
        {
            var grabbed = await db.HashGetAllAsync(RedPacketKeys.Grabbed(pid));
            foreach (var g in grabbed) shares[(pid, g.Name.ToString())] = (long)g.Value;
            long left = (await db.ListRangeAsync(RedPacketKeys.Shares(pid))).Sum(v => (long)v);
            if (grabbed.Sum(g => (long)g.Value) + left != Total) problems.Add($"{pid}: grabbed and left shares do not sum to {Total}");
            if (await db.SetLengthAsync(RedPacketKeys.Pending(pid)) != 0) problems.Add($"{pid}: credits still pending after settling");
        }
        foreach (var a in Acknowledged)
            if (!shares.TryGetValue((a.Pid, a.Acc), out long amount) || amount != a.Amount)
                problems.Add($"acknowledged grab of {a.Acc} ({a.Amount}) missing from {a.Pid}");
        var ledger = TestServer.Player(_host).Ledger;
        foreach (var acc in Grabbers)
        {
            long expected = shares.Where(s => s.Key.Acc == acc).Sum(s => s.Value);
            long gold = (await ledger.GetWalletAsync(acc)).GetValueOrDefault("gold");
            if (gold != expected) problems.Add($"{acc}: gold {gold}, shares {expected}");
            var keys = (await db.StreamRangeAsync(PlayerKeys.Ledger(acc))).Select(e => e["key"].ToString()).ToList();
            if (keys.Count != keys.Distinct().Count()) problems.Add($"{acc}: a ledger key applied twice");
        }
        return problems;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
    }
}
