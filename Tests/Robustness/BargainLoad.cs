using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using SocialGame.Client;
using SocialGame.Modules.Bargain;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Bargain;
using SocialGame.Tests.Infrastructure;
using SocialGame.Tests.Integration;
using static SocialGame.Tests.Integration.BargainTestConfig;

namespace SocialGame.Tests.Robustness;

/// <summary>
/// A bargain node on a durable Redis (its data survives a kill) where the open period's goods can be completed
/// again and again and helpers have no practical help limit, so bots can keep playing as long as a test needs.
/// </summary>
public abstract class BargainLoadFixture(RedisKind kind = RedisKind.Standalone) : BargainFixture(kind)
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    protected override bool DurableRedis => true;

    protected override void ChangeConfig(JsonObject config)
    {
        config["limits"]!["helpsPerAccount"] = 10_000;
        var open = config["periods"]!.AsArray().Single(p => p!["id"]!.GetValue<int>() == Open)!;
        foreach (var goods in open["goods"]!.AsArray()) goods!["getcount"] = 1000;
    }

    protected Task<List<string>> CheckInvariantsAsync() =>
        BargainInvariants.CheckAsync(Db, PeriodKeys, Host.Modules.OfType<BargainModule>().Single().Config.Current.Find(Open)!,
            TestServer.Player(Host).Audit);

    /// <summary>New accounts with plenty of yuanbao (funded by GM before any load: a GM login kicks an earlier GM connection).</summary>
    protected async Task<List<string>> FundedAccountsAsync(int count, string prefix)
    {
        var accounts = Enumerable.Range(0, count).Select(_ => TestServer.NewAccount(prefix)).ToList();
        foreach (var acc in accounts)
        {
            await (await LoginAsync(acc)).DisposeAsync(); // a profile: GM commands refuse an unknown account
            await GmAsync($"//gm addmoney {acc} yuanbao 1000000");
        }
        return accounts;
    }

    /// <summary>Lets the master of every code a fault left being collected (isget 2) repeat its getgoods, which must succeed.</summary>
    protected async Task<int> FinishCollectionsAsync(Func<string, IPAddress, Task<GameClient>> login)
    {
        int finished = 0;
        foreach (var entry in await Db.HashGetAllAsync(PeriodKeys.Code(Open)))
        {
            var code = CodeRecord.Parse(entry.Value)!;
            if (code.IsGet != CodeRecord.Collecting) continue;
            await using var client = await login(code.Master, FreshIp());
            var reply = await CallAsync(client, BargainProtocol.GetGoods,
                new BargainGetGoodsRequest { Id = Open, Idx = code.Idx, GoodsId = code.GoodsId, BargainCode = code.Code });
            Assert.That(reply.Result, Is.EqualTo(0), $"getgoods resuming {code.Code}: {reply}");
            finished++;
        }
        return finished;
    }

    /// <summary>
    /// Bots playing the open period, one request at a time at a steady pace, each from its own address and device:
    /// start a bargain (goods 1 and 4 in turn), help other bots' open codes, read the wallet, and after a few rounds
    /// collect the goods. Every answer is counted; an answer outside the operation's expected results, or a request
    /// unanswered within <see cref="Timeout"/>, is a failure. With <c>reconnect</c> a lost connection (or a refused
    /// one) is expected, the server was killed: the bot logs in again and first repeats the getgoods whose answer it lost.
    /// </summary>
    protected sealed class BargainBots(IReadOnlyList<string> accounts, Func<string, IPAddress, Task<GameClient>> login, TimeSpan pace,
        bool reconnect)
    {
        public const int Wallet = 1002;
        private static readonly Dictionary<int, ResultCode[]> Expected = new()
        {
            [2] = [ResultCode.Success, ResultCode.BargainNone, ResultCode.RedisError],
            [3] = [ResultCode.Success, ResultCode.BargainSelectCur, ResultCode.RedisError],
            [4] = [ResultCode.Success, ResultCode.HelpAlready, ResultCode.HelpUserOnce, ResultCode.HelpOver, ResultCode.RedisError],
            [5] = [ResultCode.Success, ResultCode.BargainOver, ResultCode.RedisError],
            [Wallet] = [ResultCode.Success, ResultCode.RedisError],
        };

        private readonly ConcurrentDictionary<string, string> _open = new();
        private int _logins;
        private int _repeated;
        private int _collecting;

        /// <summary>Answers per (opid, result); the wallet read is <see cref="Wallet"/>.</summary>
        public ConcurrentDictionary<(int Op, int Result), int> Answers { get; } = new();
        public ConcurrentQueue<string> Failures { get; } = new();
        /// <summary>With reconnect: why connections were lost or logins refused, counted.</summary>
        public ConcurrentDictionary<string, int> Lost { get; } = new();
        public int Logins => Volatile.Read(ref _logins);
        /// <summary>getgoods repeated after its answer was lost (or was redis_error) that then completed.</summary>
        public int Repeated => Volatile.Read(ref _repeated);
        /// <summary>getgoods requests sent and not answered yet.</summary>
        public int GetGoodsInFlight => Volatile.Read(ref _collecting);

        public int Count(int op, ResultCode result) => Answers.GetValueOrDefault((op, (int)result));
        public int Count(ResultCode result) => Answers.Where(a => a.Key.Result == (int)result).Sum(a => a.Value);

        public Task RunAsync(CancellationToken stop) => Task.WhenAll(accounts.Select((acc, i) => Task.Run(() => PlayAsync(acc, i, stop))));

        private void Record(string acc, int op, BargainReply reply)
        {
            Answers.AddOrUpdate((op, reply.Result), 1, (_, n) => n + 1);
            if (!Expected[op].Contains((ResultCode)reply.Result)) Failures.Enqueue($"{acc}: op {op} answered {reply.Result}: {reply}");
        }

        private async Task<BargainReply> GetGoodsAsync(GameClient client, BargainSlot slot)
        {
            Interlocked.Increment(ref _collecting);
            try
            {
                return await CallAsync(client, BargainProtocol.GetGoods,
                    new BargainGetGoodsRequest { Id = Open, Idx = slot.Idx, GoodsId = slot.GoodsId, BargainCode = slot.Code });
            }
            finally
            {
                Interlocked.Decrement(ref _collecting);
            }
        }

        private async Task PlayAsync(string acc, int index, CancellationToken stop)
        {
            var ip = FreshIp();
            var random = new Random(index);
            string device = "dev-" + acc;
            GameClient? client = null;
            BargainSlot? current = null, pending = null, repeat = null;
            int step = 0, round = 0, waited = 0, patience = 3, op = 0;
            try
            {
                await Task.Delay(random.Next(4 * (int)pace.TotalMilliseconds)); // bots out of step with each other
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        if (client is null)
                        {
                            op = 1;
                            client = await login(acc, ip);
                            client.DefaultTimeout = Timeout;
                            Interlocked.Increment(ref _logins);
                        }
                        await Task.Delay(pace);
                        BargainReply reply;
                        if (repeat is not null)
                        {
                            (op, pending) = (5, repeat);
                            Record(acc, op, reply = await GetGoodsAsync(client, repeat));
                            if (reply.Result is 0 or (int)ResultCode.BargainOver)
                            {
                                Interlocked.Increment(ref _repeated);
                                if (current?.Code == repeat.Code) (current, round) = (null, round + 1);
                                repeat = null;
                            }
                            continue;
                        }
                        switch (step++ % 4)
                        {
                            case 0:
                                op = 2;
                                Record(acc, op, reply = await CallAsync(client, BargainProtocol.GetCurData,
                                    new BargainPeriodRequest { Id = Open }));
                                if (reply.Result == 0 && reply["bargaindata"] is { } data)
                                {
                                    int goodsId = data["goodsid"]!.GetValue<int>();
                                    current = new BargainSlot(goodsId - 100, goodsId, data["code"]!.GetValue<string>());
                                    _open[acc] = current.Code;
                                }
                                else if (reply.Result == (int)ResultCode.BargainNone)
                                {
                                    current = null;
                                    _open.TryRemove(acc, out _);
                                }
                                break;
                            case 1:
                                var codes = _open.Where(kv => kv.Key != acc).Select(kv => kv.Value).ToArray();
                                if (codes.Length == 0) break;
                                op = 4;
                                Record(acc, op, await HelpAsync(client, codes[random.Next(codes.Length)], device));
                                break;
                            case 2:
                                op = Wallet;
                                Record(acc, op, new BargainReply(await client.RequestFrameAsync(PlayerProtocol.GetWallet,
                                    new EmptyRequest())));
                                break;
                            default:
                                if (current is null)
                                {
                                    op = 3;
                                    int idx = round % 2 == 0 ? 1 : 4;
                                    Record(acc, op, reply = await CallAsync(client, BargainProtocol.Start,
                                        new BargainGoodsRequest { Id = Open, Idx = idx, GoodsId = 100 + idx }));
                                    if (reply.Result != 0) break;
                                    current = new BargainSlot(idx, 100 + idx, reply["bargaindata"]!["code"]!.GetValue<string>());
                                    _open[acc] = current.Code;
                                    (waited, patience) = (0, random.Next(2, 5));
                                }
                                else if (++waited > patience)
                                {
                                    (op, pending) = (5, current);
                                    Record(acc, op, reply = await GetGoodsAsync(client, current));
                                    if (reply.Result is 0 or (int)ResultCode.BargainOver)
                                    {
                                        (current, round) = (null, round + 1);
                                        _open.TryRemove(acc, out _);
                                    }
                                    else if (reply.Result == (int)ResultCode.RedisError) repeat = current;
                                }
                                break;
                        }
                    }
                    catch (Exception ex) when (ex is IOException or SocketException or TimeoutException or ObjectDisposedException)
                    {
                        if (!reconnect || ex is TimeoutException)
                        {
                            Failures.Enqueue($"{acc}: op {op}: {ex.GetType().Name}: {ex.Message}");
                            return;
                        }
                        Lost.AddOrUpdate($"op {op}: {ex.GetType().Name}: {ex.Message}", 1, (_, n) => n + 1);
                        if (op == 5) repeat ??= pending;
                        if (client is not null) await client.DisposeAsync();
                        client = null;
                        await Task.Delay(100);
                    }
                }
            }
            finally
            {
                if (client is not null) await client.DisposeAsync();
            }
        }
    }
}
