using SocialGame.Core;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Gm;
using SocialGame.Core.Options;
using SocialGame.Modules.Pendant.Handlers;
using SocialGame.Modules.Player;
using SocialGame.Modules.Room;

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
        _room.Rooms.Events.Subscribe("pendant: room closed", Pendants.OnRoomEventAsync);
        _room.Gifts.OnSent("pendant: gift trigger", Pendants.OnGiftSentAsync);
    }

    public async Task StartAsync(CancellationToken ct)
    {
        await Pendants.Caster.StartAsync().ConfigureAwait(false);
        await Pendants.Store.StartAsync(_fileText, _file).ConfigureAwait(false);
    }

    public async Task StopAsync()
    {
        await Pendants.Store.StopAsync().ConfigureAwait(false);
        await Pendants.Caster.StopAsync().ConfigureAwait(false);
    }
}
