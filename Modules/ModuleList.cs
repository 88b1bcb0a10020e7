using SocialGame.Core;
using SocialGame.Modules.Account;
using SocialGame.Modules.Gm;
using SocialGame.Modules.Live;
using SocialGame.Modules.Pass;
using SocialGame.Modules.Pendant;
using SocialGame.Modules.Player;
using SocialGame.Modules.RedPacket;
using SocialGame.Modules.Room;
using SocialGame.Modules.System;

namespace SocialGame.Modules;

/// <summary>Every module of the server, in registration order. A new module is one line here.</summary>
public static class ModuleList
{
    public static IReadOnlyList<IGameModule> Create(ServerServices services)
    {
        var player = new PlayerBase(services);
        var account = new AccountModule(services, player);
        var room = new RoomModule(services, player);
        var redPacket = new RedPacketModule(services, player, room);
        var pendant = new PendantModule(services, player, room);
        var gm = new GmModule(services, player);
        // A red packet shows its room pendant when it opens, moves its progress with each grab, and hides it at the end.
        redPacket.Packets.OnProgress = (roomId, packetId, grabbed, shares) => grabbed == 0
            ? pendant.Pendants.TriggerAsync(roomId, PendantTriggerKind.RedPacket, packetId, new PendantProgress(0, shares), by: "redpacket")
            : pendant.Pendants.UpdateProgressAsync(roomId, PendantTriggerKind.RedPacket, packetId, grabbed, shares);
        redPacket.Packets.OnEnded = (roomId, packetId, reason) => pendant.Pendants.EndAsync(roomId, PendantTriggerKind.RedPacket, packetId, reason);
        return
        [
            new SystemModule(services),
            gm,
            new PlayerModule(services, player),
            new Bargain.BargainModule(services, player, gm),
            account,
            new PassModule(services, player, account.Cancellation),
            new LiveModule(services),
            room,
            redPacket,
            pendant,
        ];
    }
}
