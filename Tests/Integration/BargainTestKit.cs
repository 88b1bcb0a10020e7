using System.Net;
using System.Text.Json.Nodes;
using SocialGame.Client;
using SocialGame.Core;
using SocialGame.Core.Events;
using SocialGame.Core.Gm;
using SocialGame.Core.Auth;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Metrics;
using SocialGame.Core.Options;
using SocialGame.Core.Push;
using SocialGame.Core.Sessions;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Modules.Bargain;
using SocialGame.Modules.Player;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Bargain;
using SocialGame.Protocol.Messages.Gm;
using SocialGame.Protocol.Messages.System;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;
using StackExchange.Redis;

namespace SocialGame.Tests.Integration;

/// <summary>A response or push of the bargain module as JSON, for readable assertions.</summary>
public sealed class BargainReply(Frame frame)
{
    public Frame Frame { get; } = frame;
    public JsonObject Data { get; } = (JsonObject)ToNode(frame.Data)!;
    public int Result => Frame.Result;
    public JsonNode? this[string key] => Data[key];

    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        IReadOnlyDictionary<string, object?> map => new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, ToNode(kv.Value)))),
        IDictionary<object, object?> map => new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key.ToString()!, ToNode(kv.Value)))),
        object[] array => new JsonArray(array.Select(ToNode).ToArray()),
        // numbers as parsed JSON, so GetValue<int>() and GetValue<long>() both work
        double d => JsonNode.Parse(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
        _ => JsonNode.Parse(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)
            .ToString(System.Globalization.CultureInfo.InvariantCulture)),
    };

    public override string ToString() => Data.ToJsonString();
}

/// <summary>The test bargain.json: fixed amounts (min = max) so results are exact; periods for every switch.</summary>
public static class BargainTestConfig
{
    public const int Open = 1;
    public const int Future = 2;
    public const int Off = 3;
    public const int Ended = 4;
    public const int HighLevel = 5;
    public const int Randomised = 6;

    public static JsonObject Create(Action<JsonObject>? change = null)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        JsonObject Goods(int idx, int goodsId, int item, long price, long floor, int getCount, long sys) => new()
        {
            ["idx"] = idx, ["goodsid"] = goodsId, ["itemId"] = item, ["count"] = 1, ["price"] = price, ["floorprice"] = floor,
            ["getcount"] = getCount, ["sysDel"] = new JsonObject { ["min"] = sys, ["max"] = sys },
        };
        JsonObject Range(long min, long max) => new() { ["min"] = min, ["max"] = max };
        JsonObject Help(long first, long later) => new() { ["first"] = Range(first, first), ["later"] = Range(later, later) };
        JsonObject Period(int id, long begin, long end, bool enabled = true, int level = 1) => new()
        {
            ["id"] = id, ["enabled"] = enabled, ["actkey"] = $"act{id}", ["actnamekey"] = $"actname{id}", ["name"] = $"Period {id}",
                ["show"] = 1,
            ["begintime"] = begin, ["endtime"] = end, ["limitlevel"] = level,
            ["goods"] = new JsonArray(
                Goods(1, 101, 9001, 100, 0, 2, 10),
                Goods(2, 102, 9002, 300, 30, 1, 20),
                Goods(3, 103, 9003, 1000, 100, 1, 0),
                Goods(4, 104, 1001, 50, 0, 1, 0)),
            ["help"] = new JsonObject { ["vip"] = Help(7, 3), ["new"] = Help(10, 5), ["old"] = Help(20, 8) },
        };
        var random = Period(Randomised, now - 3600, now + 86400 * 30);
        random["help"] = new JsonObject
        {
            ["vip"] = new JsonObject { ["first"] = Range(5, 9), ["later"] = Range(1, 4) },
            ["new"] = new JsonObject { ["first"] = Range(5, 9), ["later"] = Range(1, 4) },
            ["old"] = new JsonObject { ["first"] = Range(5, 9), ["later"] = Range(1, 4) },
        };
        ((JsonObject)random["goods"]![2]!)["sysDel"] = Range(1, 50);
        var config = new JsonObject
        {
            ["enabled"] = true,
            ["limits"] = new JsonObject { ["accountsPerIp"] = 3, ["accountsPerDevice"] = 2, ["helpsPerAccount"] = 3, ["maxDoing"] = 3 },
            ["code"] = new JsonObject { ["minLength"] = 8, ["maxLength"] = 10, ["alphabet"] = BargainCodeOptions.Unambiguous,
                ["attempts"] = 5 },
            ["playerTypes"] = new JsonArray(new JsonObject { ["type"] = "vip", ["minVipLevel"] = 1 },
                new JsonObject { ["type"] = "new", ["maxRegDays"] = 7 }),
            ["defaultPlayerType"] = "old",
            ["periods"] = new JsonArray(
                Period(Open, now - 3600, now + 86400 * 90),
                Period(Future, now + 86400, now + 86400 * 30),
                Period(Off, now - 3600, now + 86400 * 30, enabled: false),
                Period(Ended, now - 86400 * 30, now - 60),
                Period(HighLevel, now - 3600, now + 86400 * 30, level: 5),
                random),
        };
        change?.Invoke(config);
        return config;
    }

    /// <summary>A private copy of Config/ with this bargain.json.</summary>
    public static string Dir(Action<JsonObject>? change = null)
    {
        string dir = TestServer.CopyConfig();
        Write(dir, Create(change));
        return dir;
    }

    public static void Write(string dir, JsonObject config) =>
        File.WriteAllText(Path.Combine(dir, BargainOptions.FileName), config.ToJsonString());
}

/// <summary>A server node with the test bargain.json, a seeded random source and helpers for the bargain protocol.</summary>
public abstract class BargainFixture(RedisKind kind = RedisKind.Standalone) : RedisFixture(kind)
{
    private static int _nextAddress;
    private int _minWorkers;
    private int _minIo;

    protected ServerHost Host { get; private set; } = null!;
    protected string ConfigDir { get; private set; } = null!;
    protected IDatabase Db => Host.Services.Redis.Db;

    /// <summary>The node's bargain key names (with the period's hash tag when it runs on a cluster).</summary>
    private protected BargainKeys PeriodKeys => new(Host.Services.Options.AreaId, Host.Services.Options.Redis.Cluster);

    protected virtual void Configure(ServerOptions options)
    {
    }

    protected virtual void ChangeConfig(JsonObject config)
    {
    }

    [OneTimeSetUp]
    public async Task StartHost()
    {
        // With two cores the pool starts with two workers; when both are busy, Redis replies (read on the
        // pool) wait for the pool's slow thread injection, about a second, as long as the tests' Redis
        // timeout. A few more workers keep these timings stable on small machines; restored afterwards.
        ThreadPool.GetMinThreads(out _minWorkers, out _minIo);
        if (_minWorkers < 8) ThreadPool.SetMinThreads(8, _minIo);
        ConfigDir = BargainTestConfig.Dir(ChangeConfig);
        Host = await TestServer.StartAsync(Redis, configure: Configure, random: new SeededRandomSource(20240601), configDir: ConfigDir);
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        await Host.StopAsync();
        Directory.Delete(ConfigDir, recursive: true);
        ThreadPool.SetMinThreads(_minWorkers, _minIo);
    }

    /// <summary>A loopback address no other test of the run used (Linux answers on all of 127.0.0.0/8).</summary>
    public static IPAddress FreshIp()
    {
        int n = Interlocked.Increment(ref _nextAddress);
        return new IPAddress([127, (byte)(20 + n / 62500), (byte)(n / 250 % 250), (byte)(n % 250 + 1)]);
    }

    protected async Task<GameClient> LoginAsync(string acc, IPAddress? from = null)
    {
        var client = await GameClient.ConnectAsync("127.0.0.1", Host.Port, from ?? FreshIp());
        var reply = await client.RequestAsync(SystemProtocol.Login, new LoginRequest { Acc = acc, Token = TestServer.Token(acc) });
        Assert.That(reply.Result, Is.EqualTo(0), $"login of {acc}: {reply.ToJson()}");
        return client;
    }

    /// <summary>
    /// Sends a typed bargain request; the answer is read as it came (as JSON), since tests also check fields that
    /// are absent from it.
    /// </summary>
    protected static async Task<BargainReply> CallAsync<TRequest, TResponse>(GameClient client, OpDef<TRequest, TResponse> op,
        TRequest request)
        where TRequest : new()
        where TResponse : IResponse, new() =>
        new(await client.RequestFrameAsync(op, request));

    protected static Task<BargainReply> CallAsync<TResponse>(GameClient client, OpDef<EmptyRequest, TResponse> op)
        where TResponse : IResponse, new() =>
        CallAsync(client, op, new EmptyRequest());

    /// <summary>
    /// Sends <paramref name="data"/> as it is to a bargain operation: for data its request type cannot describe (a wrong type, none at
    /// all).
    /// </summary>
    protected static async Task<BargainReply> CallRawAsync(GameClient client, OpDef op, object? data) =>
        new(await client.RequestRawAsync(op, data));

    protected async Task<string> GmAsync(string text, int expect = 0)
    {
        await using var gm = await LoginAsync("gm");
        var reply = await gm.RequestAsync(GmProtocol.Command, new GmCommandRequest { Text = text });
        Assert.That(reply.Result, Is.EqualTo(expect), $"{text}: {reply.ToJson()}");
        return reply.Output;
    }

    /// <summary>Starts a bargain on goods idx (goodsid 100 + idx) of a period and returns its code.</summary>
    protected static async Task<string> StartAsync(GameClient client, int idx, int period = BargainTestConfig.Open)
    {
        var reply = await CallAsync(client, BargainProtocol.Start, new BargainGoodsRequest { Id = period, Idx = idx, GoodsId = 100 + idx });
        Assert.That(reply.Result, Is.EqualTo(0), reply.ToString());
        return reply["bargaindata"]!["code"]!.GetValue<string>();
    }

    protected static Task<BargainReply> HelpAsync(GameClient client, string code, string? device = null,
        int period = BargainTestConfig.Open) =>
        CallAsync(client, BargainProtocol.Help,
            new BargainHelpRequest { Id = period, DeviceId = device ?? "dev-" + Guid.NewGuid().ToString("N")[..12], DeviceType = 0,
                BargainCode = code });

    protected async Task<JsonObject?> CodeJsonAsync(string code, int period = BargainTestConfig.Open)
    {
        var raw = await Db.HashGetAsync(PeriodKeys.Code(period), code);
        return raw.IsNull ? null : (JsonObject)JsonNode.Parse(raw.ToString())!;
    }

    protected async Task<JsonObject?> PlayerJsonAsync(string acc, int period = BargainTestConfig.Open)
    {
        var raw = await Db.HashGetAsync(PeriodKeys.Player(period), acc);
        return raw.IsNull ? null : (JsonObject)JsonNode.Parse(raw.ToString())!;
    }

    protected async Task<long> YuanbaoAsync(string acc) => (long)await Db.HashGetAsync(PlayerKeys.Wallet(acc), "yuanbao");

    protected async Task<long> ItemCountAsync(string acc, int item)
    {
        var raw = await Db.HashGetAsync(PlayerKeys.Inventory(acc), item);
        return raw.IsNull ? 0 : JsonNode.Parse(raw.ToString())!["count"]!.GetValue<long>();
    }

    /// <summary>A new account whose profile exists (logged in once) and is "old" (registered a year ago).</summary>
    protected async Task<string> OldAccountAsync(string prefix = "p")
    {
        string acc = TestServer.NewAccount(prefix);
        await using (await LoginAsync(acc))
        {
        }
        await GmAsync($"//gm setprofile {acc} regtime {DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 365 * 86400}");
        return acc;
    }
}

/// <summary>
/// The bargain services built a second time on the same Redis outside any node, to call the rules
/// directly and concurrently (a node serialises one account's requests; these tests do not).
/// </summary>
internal sealed class BargainParts : IAsyncDisposable
{
    private readonly RedisStore _redis;

    private BargainParts(RedisStore redis, BargainModule module)
    {
        _redis = redis;
        Module = module;
    }

    public BargainModule Module { get; }

    public static async Task<BargainParts> CreateAsync(ServerOptions options, string configDir)
    {
        var redis = await RedisStore.ConnectAsync(options.Redis);
        var scripts = new ScriptRegistry(redis);
        var metrics = new ServerMetrics();
        var presence = new Presence(redis, scripts, "parts", 60, options.Redis.Cluster);
        var router = new MessageRouter(redis, new SessionRegistry(), presence, metrics, new RouterChannels(options.Redis.Cluster));
        var clock = SystemClock.Instance;
        // the bargain module and the player base take only these: no session service, no admin port, no event bus
        var player = new PlayerBase(configDir, redis, scripts, router, clock);
        var gm = Modules.Gm.GmRunner.Create(new GmCommandRegistry(), options.Gm.Accounts, player, clock);
        var module = new BargainModule(configDir, options.AreaId, options.Redis.Cluster, redis, scripts, clock, new SeededRandomSource(7),
            router, player, gm, new DomainEvents());
        await scripts.LoadAllAsync();
        return new BargainParts(redis, module);
    }

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();
}
