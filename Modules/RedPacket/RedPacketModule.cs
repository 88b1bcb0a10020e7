using SocialGame.Core;
using SocialGame.Core.Events;
using SocialGame.Core.Options;
using SocialGame.Core.Push;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Modules.Player;
using SocialGame.Modules.RedPacket.Handlers;
using SocialGame.Modules.Room;

namespace SocialGame.Modules.RedPacket;

/// <summary>Module 15: red packets in live rooms, their refunds and the settlement pass on every node.</summary>
[DependsOn(typeof(PlayerModule), typeof(RoomModule))]
internal sealed class RedPacketModule : IGameModule
{
    public RedPacketModule(string configDir, RedisStore redis, ScriptRegistry scripts, MessageRouter router, IDomainEvents events,
        IClock clock, IRandomSource random, PlayerBase player, RoomModule room)
    {
        var options = ConfigLoader.Load<RedPacketOptions>(Path.Combine(configDir, RedPacketOptions.FileName));
        foreach (var p in options.Packets.Where(p => p.ProductId.Length > 0 && player.Products.Find(p.ProductId)?.Module != "redpacket"))
            throw new ConfigException($"{RedPacketOptions.FileName}: packet {p.Id}: productId '{p.ProductId}' must be a product of " +
                $"module \"redpacket\" in {ProductCatalog.FileName}");
        Packets = new RedPacketService(redis, scripts, router, events, clock, random, player, room.Rooms, options);
        player.Payments.AddFulfiller(new RedPacketFulfiller(Packets, room.Rooms));
    }

    public string Name => "redpacket";
    public RedPacketService Packets { get; }

    public void Register(IModuleBuilder builder)
    {
        builder.Job("red packet settlement", TimeSpan.FromSeconds(Packets.Options.JobIntervalSeconds), _ => Packets.SettleAsync());
        builder.KeySpace(RedPacketKeys.Patterns);
        builder.Scripts("rp_create", "rp_open", "rp_grab", "rp_close", "rp_state", "rp_expire", "rp_sooner", "rp_anonymise");
        builder.AccountData(RedPacketKeys.AccountData, Packets.EraseAccountAsync);
        builder.Subscribe<RoomClosed>("redpacket: refund on close", (e, _) => Packets.OnRoomClosedAsync(e));
        builder.Handle(new ConfigsHandler(Packets.Options));
        builder.Handle(new SendHandler(Packets));
        builder.Handle(new GrabHandler(Packets));
        builder.Handle(new RecordsHandler(Packets));
        builder.AdminRoute(new RedPacketLookupRoute(Packets), Core.Admin.OperatorRole.Viewer);
    }
}
