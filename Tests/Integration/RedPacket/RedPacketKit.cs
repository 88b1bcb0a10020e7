using SocialGame.Server.Hosting;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Room;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.RedPacket;

/// <summary>Scenes shared by the red-packet tests.</summary>
public static class RedPacketKit
{
    /// <summary>A new live room (started by GM on <paramref name="node"/>).</summary>
    public static async Task<string> LiveRoomAsync(ServerHost node)
    {
        string room = "room" + Guid.NewGuid().ToString("N")[..8];
        await TestServer.GmAsync(node, $"//gm live start {room} owner");
        return room;
    }

    /// <summary>A new sender logged in on <paramref name="node"/>, in <paramref name="room"/> (a new live room when null), holding
    /// <paramref name="gold"/>.</summary>
    public static async Task<(string Room, string Sender, Client.GameClient Client)> SenderAsync(ServerHost node, string? room = null,
        long gold = 0)
    {
        room ??= await LiveRoomAsync(node);
        string sender = TestServer.NewAccount("s");
        var client = await TestServer.LoginAsync(node, sender);
        Assert.That((await client.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room })).Result, Is.EqualTo(0));
        if (gold > 0) await TestServer.GmAsync(node, $"//gm addmoney {sender} gold {gold}");
        return (room, sender, client);
    }
}
