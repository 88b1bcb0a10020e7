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
