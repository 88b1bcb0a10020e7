using SocialGame.Core;
using SocialGame.Modules.Account;
using SocialGame.Modules.Activity;
using SocialGame.Modules.Gm;
using SocialGame.Modules.Live;
using SocialGame.Modules.Pandora;
using SocialGame.Modules.Pass;
using SocialGame.Modules.Pendant;
using SocialGame.Modules.Player;
using SocialGame.Modules.Rank;
using SocialGame.Modules.RedPacket;
using SocialGame.Modules.Room;
using SocialGame.Modules.Store;
using SocialGame.Modules.System;

namespace SocialGame.Modules;

/// <summary>
/// Every module of the server, in registration order, each built with the services it uses (the only place that
/// reads them all). A new module is one entry here. The order is the order of each event's handlers and of the
/// steps of an account's deletion: a module comes after the modules it depends on.
/// </summary>
internal static class ModuleList
{
    public static IReadOnlyList<IGameModule> Create(ServerServices s)
    {
        var options = s.Options;
        var player = new PlayerBase(s.ConfigDir, s.Redis, s.Scripts, s.Push, s.Clock);
        var gm = new GmModule(s.GmCommands, options.Gm.Accounts, s.Sessions, s.Push, s.Clock, player);
        var account = new AccountModule(s.ConfigDir, s.Redis, s.Scripts, s.Clock, options.Node, s.Sessions, s.AccountData, player);
        var room = new RoomModule(s.ConfigDir, s.Redis, s.Scripts, s.Router, s.DomainEvents, s.Clock, s.Calendar, s.Random, options.Node,
            player);
        var activity = new ActivityModule(s.ConfigDir, s.Redis, s.Scripts, s.Calendar, s.Clock, s.Sessions.Registry, options.Node, player,
            account.Cancellation);
        room.Gifts.WealthBonus = activity.Activities;
        var store = new StoreModule(s.ConfigDir, s.Redis, s.Scripts, s.Clock, s.Calendar, player, promotions: [activity.Promotions]);
        activity.Promotions.Catalog = store.Store;
        store.Store.Gifting = activity.FriendGifts;
        return
        [
            new SystemModule(options.AreaId, options.Node, s.Tokens, s.RateLimits, s.LoginGate, s.Sessions, s.DomainEvents, s.Events,
                s.Clock),
            gm,
            new PlayerModule(s.ConfigDir, options.Development, s.Sessions, player),
            account,
            new LiveModule(),
            room,
            new RedPacketModule(s.ConfigDir, s.Redis, s.Scripts, s.Router, s.DomainEvents, s.Clock, s.Random, player, room),
            new PendantModule(s.ConfigDir, s.Redis, s.Scripts, s.Router, s.Clock, options.Node, player, room),
            new Bargain.BargainModule(s.ConfigDir, options.AreaId, options.Redis.Cluster, s.Redis, s.Scripts, s.Clock, s.Random, s.Push,
                player, gm.Runner, s.DomainEvents),
            new PassModule(s.ConfigDir, s.Redis, s.Scripts, s.Clock, s.Calendar, s.Push, player, account.Cancellation),
            new PandoraModule(s.ConfigDir, s.Redis, s.Scripts, s.Router, s.Clock, s.Random, player, room),
            new RankModule(s.ConfigDir, s.Redis, s.Scripts, s.Push, s.Clock, s.Calendar, options.Node, player),
            store,
            activity,
        ];
    }
}
