using SocialGame.Core;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Gm;
using SocialGame.Core.Options;
using SocialGame.Modules.Pendant.Handlers;
using SocialGame.Modules.Player;
using SocialGame.Modules.RedPacket;
using SocialGame.Modules.Room;
using SocialGame.Modules.Room.Gifts;

namespace SocialGame.Modules.Pendant;

/// <summary>Module 14: chat-room pendants, operator-configured or shown by room activity (gifts, red packets).</summary>
public sealed class PendantModule : IGameModule
{
    private readonly ServerServices _services;
    private readonly RoomModule _room;
    private readonly string _fileText;
    private readonly PendantFile _file;

    public PendantModule(ServerServices services, PlayerBase player, RoomModule room)
    {
        _services = services;
        _room = room;
        string path = Path.Combine(services.ConfigDir, PendantFile.FileName);
        _file = ConfigLoader.Load<PendantFile>(path);
        _fileText = File.ReadAllText(path);
        var store = new PendantStore(services, _file.AppSchemes);
        Pendants = new PendantService(services, store, new PendantCaster(services, store, room.Rooms, player.Profiles), room.Rooms, room.Gifts.Catalog,
            _file.AppSchemes);
        for (int i = 0; i < _file.Pendants.Count; i++)
        {
            var v = new OptionsValidator();
            Pendants.CheckReferences(_file.Pendants[i], v.At($"pendants[{i}]."));
            if (v.Errors.Count > 0) throw new ConfigException($"{PendantFile.FileName}: {string.Join("; ", v.Errors)}");
        }
    }

    public string Name => "pendant";
    public PendantService Pendants { get; }

    public void Register(HandlerTable handlers, GmCommandRegistry gm)
    {
        handlers.Add(new PendantListHandler(Pendants));
        gm.Add(new PendantCommand(Pendants));
        new PendantAdmin(Pendants).Register(_services.AdminRoutes);
        _services.Router.AddRoomFilter(PendantCaster.FilterName, Pendants.Caster.VisibleToAsync);
        var events = _services.DomainEvents;
        events.Subscribe<RoomClosed>("pendant: room closed", (e, _) => Pendants.OnRoomClosedAsync(e));
        events.Subscribe<GiftSent>("pendant: gift trigger", (e, _) => Pendants.OnGiftSentAsync(e));
        // A red packet shows its room pendant when it opens, moves its progress with each grab, and hides it at the end.
        events.Subscribe<RedPacketOpened>("pendant: red packet shown", (e, _) => e.ShowsPendant
            ? Pendants.TriggerAsync(e.RoomId, PendantTriggerKind.RedPacket, e.PacketId, new PendantProgress(0, e.Shares), by: "redpacket")
            : Task.CompletedTask);
        events.Subscribe<RedPacketProgress>("pendant: red packet progress", (e, _) =>
            Pendants.UpdateProgressAsync(e.RoomId, PendantTriggerKind.RedPacket, e.PacketId, e.Grabbed, e.Shares));
        events.Subscribe<RedPacketEnded>("pendant: red packet ended", (e, _) => Pendants.EndAsync(e.RoomId, PendantTriggerKind.RedPacket, e.PacketId, e.Reason));
    }

    public Task StartAsync(CancellationToken ct) => Pendants.Store.StartAsync(_fileText, _file);

    public Task StopAsync() => Pendants.Store.StopAsync();
}
