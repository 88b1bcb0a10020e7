using SocialGame.Core;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Gm;
using SocialGame.Core.Jobs;
using SocialGame.Core.Options;
using SocialGame.Modules.Player;
using SocialGame.Modules.RedPacket.Handlers;
using SocialGame.Modules.Room;

namespace SocialGame.Modules.RedPacket;

/// <summary>Module 15: red packets in live rooms, their refunds and the settlement pass on every node.</summary>
public sealed class RedPacketModule : IGameModule
{
    private PeriodicJob? _job;

    public RedPacketModule(ServerServices services, PlayerBase player, RoomModule room)
    {
        services.AccountData.Declare(RedPacketKeys.AccountData);
        var options = ConfigLoader.Load<RedPacketOptions>(Path.Combine(services.ConfigDir, RedPacketOptions.FileName));
        foreach (var p in options.Packets.Where(p => p.ProductId.Length > 0 && player.Products.Find(p.ProductId)?.Module != "redpacket"))
            throw new ConfigException($"{RedPacketOptions.FileName}: packet {p.Id}: productId '{p.ProductId}' must be a product of module \"redpacket\" in {ProductCatalog.FileName}");
        Packets = new RedPacketService(services, player, room.Rooms, options);
        services.AccountData.AddEntryEraser("redpacket", Packets.EraseAccountAsync);
        player.Payments.AddFulfiller(new RedPacketFulfiller(Packets, room.Rooms));
        services.DomainEvents.Subscribe<RoomClosed>("redpacket: refund on close", (e, _) => Packets.OnRoomClosedAsync(e));
    }

    public string Name => "redpacket";
    public RedPacketService Packets { get; }

    public void Register(HandlerTable handlers, GmCommandRegistry gm)
    {
        handlers.Add(new ConfigsHandler(Packets.Options));
        handlers.Add(new SendHandler(Packets));
        handlers.Add(new GrabHandler(Packets));
        handlers.Add(new RecordsHandler(Packets));
    }

    public Task StartAsync(CancellationToken ct)
    {
        _job = PeriodicJob.Start("red packet settlement", TimeSpan.FromSeconds(Packets.Options.JobIntervalSeconds), _ => Packets.SettleAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync() => _job?.StopAsync() ?? Task.CompletedTask;
}
