using SocialGame.Client;
using SocialGame.Modules.Player;
using SocialGame.Modules.Store;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Store;
using SocialGame.Protocol.Messages.System;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Store;

/// <summary>Helpers of the store tests: a player with gold and a VIP level, buys, wallets and holdings.</summary>
internal static class StoreKit
{
    public static StoreService StoreOf(ServerHost host) => host.Modules.OfType<StoreModule>().Single().Store;

    /// <summary>A logged-in player with <paramref name="gold"/> gold, <paramref name="yuanbao"/> yuanbao and a VIP level.</summary>
    public static async Task<(GameClient Client, string Acc)> PlayerAsync(ServerHost host, long gold = 0, long yuanbao = 0, int vip = 0,
        string? version = null)
    {
        string acc = TestServer.NewAccount("s");
        var client = await TestServer.ConnectAsync(host);
        var reply = await client.RequestAsync(SystemProtocol.Login, new LoginRequest { Acc = acc, Token = TestServer.Token(acc),
            Version = version });
        Assert.That(reply.Result, Is.Zero, reply.ToJson());
        // straight through the ledger and profiles: many players are made at once, and GM commands share one GM login
        var player = TestServer.Player(host);
        if (gold > 0) await player.Ledger.ApplyAsync(LedgerOperation.Currency(acc, "fund-gold", "test", "gold", gold));
        if (yuanbao > 0) await player.Ledger.ApplyAsync(LedgerOperation.Currency(acc, "fund-yuanbao", "test", "yuanbao", yuanbao));
        if (vip > 0) await player.Profiles.SetAsync(acc, "viplevel", vip.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return (client, acc);
    }

    public static Task<StoreBuyResponse> BuyAsync(this GameClient client, string store, int item, long price, string reqid,
        int count = 1) =>
        client.RequestAsync(StoreProtocol.Buy, new StoreBuyRequest { StoreId = store, ItemId = item, Count = count, Price = price,
            ReqId = reqid });

    public static async Task<StoreItemInfo> ItemAsync(this GameClient client, string store, int item)
    {
        var reply = await client.RequestAsync(StoreProtocol.Items, new StoreItemsRequest { StoreId = store });
        Assert.That(reply.Result, Is.Zero, reply.ToJson());
        return reply.Items.Single(i => i.Id == item);
    }

    public static async Task<long> GoldAsync(ServerHost host,
        string acc) => (await TestServer.Player(host).Ledger.GetWalletAsync(acc))["gold"];

    public static async Task<long> HeldAsync(ServerHost host, string acc, int itemId) =>
        (await TestServer.Player(host).Ledger.GetInventoryAsync(acc)).Where(i => i.Item.Id == itemId).Sum(i => i.Count);

    /// <summary>A private copy of Config/ whose stores.json is <paramref name="json"/>.</summary>
    public static string ConfigWith(string json)
    {
        string dir = TestServer.CopyConfig();
        File.WriteAllText(Path.Combine(dir, StoreOptions.FileName), json);
        return dir;
    }

    /// <summary>A store item granting one silver ring (5001) for 10 gold, with <paramref name="rules"/> (", \"stock\": 10"...).</summary>
    public static string Ring(int id, string rules = "") =>
        $"{{ \"id\": {id}, \"name\": \"测试 Test {id}\", \"category\": \"ring\", \"grants\": [ {{ \"itemId\": 5001, \"count\": 1 }} ], " +
        $"\"currency\": \"gold\", \"price\": 10{rules} }}";

    /// <summary>A one-store file (store "t", tab "a") with the given items (JSON objects, without tab).</summary>
    public static string OneStore(params string[] items) =>
        "{ \"stores\": [ { \"id\": \"t\", \"name\": \"测试 Test\", \"tabs\": [ { \"id\": \"a\", \"name\": \"A\" } ], \"items\": [ " +
        string.Join(", ", items.Select(i => "{ \"tab\": \"a\", " + i.Trim().TrimStart('{'))) + " ] } ] }";

}
