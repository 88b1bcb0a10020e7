using NLog;
using SocialGame.Core;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Gm;
using SocialGame.Core.Options;
using SocialGame.Core.Storage;
using SocialGame.Modules.Player;
using SocialGame.Modules.RedPacket.Handlers;
using SocialGame.Modules.Room;

namespace SocialGame.Modules.RedPacket;

/// <summary>Module 15: red packets in live rooms, their refunds and the settlement pass on every node.</summary>
public sealed class RedPacketModule : IGameModule
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly CancellationTokenSource _stop = new();
    private Task? _job;

    public RedPacketModule(ServerServices services, PlayerBase player, RoomModule room)
    {
        var options = ConfigLoader.Load<RedPacketOptions>(Path.Combine(services.ConfigDir, RedPacketOptions.FileName));
        foreach (var p in options.Packets.Where(p => p.ProductId.Length > 0 && player.Products.Find(p.ProductId)?.Module != "redpacket"))
            throw new ConfigException($"{RedPacketOptions.FileName}: packet {p.Id}: productId '{p.ProductId}' must be a product of module \"redpacket\" in {ProductCatalog.FileName}");
        Packets = new RedPacketService(services, player, room.Rooms, options);
        player.Payments.AddFulfiller(new RedPacketFulfiller(Packets, room.Rooms));
        room.Rooms.Events.Subscribe("redpacket: refund on close", Packets.OnRoomEventAsync);
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
        _job = SettleLoopAsync();
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_job is not null) await _job.ConfigureAwait(false);
    }

    private async Task SettleLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Packets.Options.JobIntervalSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await Packets.SettleAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
                {
                    Log.Warn("red packet settlement pass failed: {0}", ex.Message);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.Error(ex, "red packet settlement pass failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
