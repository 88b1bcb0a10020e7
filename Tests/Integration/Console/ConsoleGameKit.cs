using SocialGame.Client;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Bargain;
using SocialGame.Protocol.Messages.Pass;
using SocialGame.Protocol.Messages.Room;
using SocialGame.Server.Hosting;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Console;

/// <summary>Game records made through the game protocol and GM commands, for the console's lookups (Config/ as shipped).</summary>
internal static class ConsoleGameKit
{
    /// <summary>A new account logged in with a bargain started on goods 3 (price 1000, floor 100) of period 1: the client and the
    /// code.</summary>
    public static async Task<(GameClient Owner, string Acc, string Code)> BargainAsync(ServerHost host)
    {
        string acc = TestServer.NewAccount("m");
        var owner = await TestServer.LoginAsync(host, acc);
        var start = await owner.RequestAsync(BargainProtocol.Start, new BargainGoodsRequest { Id = 1, Idx = 3, GoodsId = 103 });
        Assert.That(start.Result, Is.Zero, start.ToJson());
        return (owner, acc, start.BargainData!.Code);
    }

    /// <summary>Two logged-in friends; the sender has 5000 gold.</summary>
    public static async Task<(GameClient Sender, string From, GameClient Friend, string To)> FriendsAsync(ServerHost host)
    {
        string from = TestServer.NewAccount("g"), to = TestServer.NewAccount("r");
        var sender = await TestServer.LoginAsync(host, from);
        var friend = await TestServer.LoginAsync(host, to);
        await TestServer.GmAsync(host, $"//gm addfriend {from} {to}");
        await TestServer.GmAsync(host, $"//gm addmoney {from} gold 5000");
        return (sender, from, friend, to);
    }

    /// <summary>A gift of the season pass, paid as asked (1 gold, 2 RMB).</summary>
    public static async Task<PassGiftResponse> GiftPassAsync(GameClient sender, string to, int pay)
    {
        var gift = await sender.RequestAsync(PassProtocol.Gift, new PassGiftRequest { Friend = to, Pay = pay });
        Assert.That(gift.GiftId, Is.Not.Empty, gift.ToJson());
        return gift;
    }

    /// <summary>A live room where a rich sender gives <paramref name="cups"/>[i] wine cups (100 charm each) to recipient i: the
    /// recipients' accounts, on today's charm boards.</summary>
    public static async Task<List<string>> CharmAsync(ServerHost host, params int[] cups)
    {
        string room = "room" + Guid.NewGuid().ToString("N")[..8];
        await TestServer.GmAsync(host, $"//gm live start {room} owner");
        string sender = TestServer.NewAccount("s");
        var accounts = new List<string>();
        var clients = new List<GameClient>();
        try
        {
            foreach (string acc in cups.Select(_ => TestServer.NewAccount("r")).Prepend(sender))
            {
                var client = await TestServer.LoginAsync(host, acc);
                clients.Add(client);
                Assert.That((await client.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room })).Result, Is.Zero);
                if (acc != sender) accounts.Add(acc);
            }
            await TestServer.GmAsync(host, $"//gm addmoney {sender} gold 10000000");
            for (int i = 0; i < cups.Length; i++)
            {
                var sent = await clients[0].RequestAsync(RoomProtocol.SendGift, new SendGiftRequest
                {
                    RoomId = room, To = accounts[i], GiftId = 2, Count = cups[i], ReqId = Guid.NewGuid().ToString("N"),
                });
                Assert.That(sent.Result, Is.Zero, sent.ToJson());
            }
        }
        finally
        {
            foreach (var c in clients) await c.DisposeAsync();
        }
        return accounts;
    }
}
