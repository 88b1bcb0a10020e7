using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Room;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Integration.Room;

/// <summary>A room's pushes reach the members on another node in the order they were published.</summary>
public class RoomOrderTests : TwoNodeFixture
{
    [Test]
    public async Task ARoomsMessagesArriveInPublishOrderOnTheOtherNodeAndTheCloseLast()
    {
        const int messages = 3000;
        string room = "order" + Guid.NewGuid().ToString("N")[..8];
        await TestServer.GmAsync(NodeA, $"//gm live start {room} owner");
        var members = new List<Client.GameClient>();
        for (int i = 0; i < 4; i++)
        {
            var client = await TestServer.LoginAsync(NodeB, TestServer.NewAccount());
            members.Add(client);
            Assert.That((await client.RequestAsync(RoomProtocol.Join, new RoomRequest { RoomId = room, Business = "chat" })).Result,
                Is.EqualTo(0));
        }
        try
        {
            // Published back to back from node A, as fast as its connection takes them (each PUBLISH follows the
            // previous one on the wire), then the room's close.
            var sends = new List<Task<long>>();
            for (int i = 0; i < messages; i++)
                sends.Add(NodeA.Services.Router.ToRoomAsync(room, RoomProtocol.OwnerChanged,
                    new RoomOwnerPush { RoomId = room, Owner = i.ToString() }));
            await Task.WhenAll(sends);
            Assert.That(sends.Select(s => s.Result), Is.All.EqualTo(1), "node B alone holds the room's members");
            await TestServer.GmAsync(NodeA, $"//gm live stop {room}");

            foreach (var member in members)
            {
                var heard = new List<string>();
                while (true)
                {
                    var frame = await member.WaitForAsync(f => f.Is(RoomProtocol.Closed) || f.Is(RoomProtocol.OwnerChanged),
                        TimeSpan.FromSeconds(30));
                    if (frame.Is(RoomProtocol.Closed)) break;
                    heard.Add(frame.GetString("owner") ?? "");
                }
                Assert.That(heard, Is.EqualTo(Enumerable.Range(0, messages).Select(i => i.ToString())),
                    "every message once, in publish order, and the close after them all");
            }
        }
        finally
        {
            foreach (var member in members) await member.DisposeAsync();
        }
    }
}
