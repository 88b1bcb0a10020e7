using SocialGame.Core;
using SocialGame.Core.Options;
using SocialGame.Core.Push;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Modules.Pendant.Handlers;
using SocialGame.Modules.Player;
using SocialGame.Modules.RedPacket;
using SocialGame.Modules.Room;
using SocialGame.Modules.Room.Gifts;

namespace SocialGame.Modules.Pendant;

/// <summary>Module 14: chat-room pendants, operator-configured or shown by room activity (gifts, red packets).</summary>
[DependsOn(typeof(PlayerModule), typeof(RoomModule), typeof(RedPacketModule))]
internal sealed class PendantModule : IGameModule
{
    private readonly string _fileText;
    private readonly PendantFile _file;
    private readonly PendantVisibility _visibility;
    private readonly RoomService _rooms;
    private readonly Profiles _profiles;
    private readonly MessageRouter _router;
    private readonly IClock _clock;

    public PendantModule(string configDir, RedisStore redis, ScriptRegistry scripts, MessageRouter router, IClock clock, string node,
        PlayerBase player, RoomModule room)
    {
        string path = Path.Combine(configDir, PendantFile.FileName);
        _file = ConfigLoader.Load<PendantFile>(path);
        _fileText = File.ReadAllText(path);
        var store = new PendantStore(redis, scripts, node, _file.AppSchemes);
        Pendants = new PendantService(redis, scripts, clock, store, new PendantCaster(router, store, room.Rooms, player.Profiles),
            room.Rooms, room.Gifts.Catalog, _file.AppSchemes);
        _visibility = new PendantVisibility(Pendants, router, room.Rooms, clock);
        (_rooms, _profiles, _router, _clock) = (room.Rooms, player.Profiles, router, clock);
        for (int i = 0; i < _file.Pendants.Count; i++)
        {
            var v = new OptionsValidator();
            Pendants.CheckReferences(_file.Pendants[i], v.At($"pendants[{i}]."));
            if (v.Errors.Count > 0) throw new ConfigException($"{PendantFile.FileName}: {string.Join("; ", v.Errors)}");
        }
    }

    public string Name => "pendant";
    public PendantService Pendants { get; }

    public void Register(IModuleBuilder builder)
    {
        builder.KeySpace(PendantKeys.Patterns, PendantKeys.Channels);
        builder.Scripts("pendant_trigger", "pendant_progress", "pendant_seed", "pendant_save");
        builder.Handle(new PendantListHandler(Pendants));
        builder.GmCommand(new PendantCommand(Pendants));
        new PendantAdmin(Pendants, _rooms, _profiles, _router, _clock).Register(builder);
        builder.RoomFilter(PendantCaster.FilterName, Pendants.Caster.VisibleToAsync);
        builder.Subscribe<RoomClosed>("pendant: room closed", (e, _) => Pendants.OnRoomClosedAsync(e));
        builder.Subscribe<GiftSent>("pendant: gift trigger", (e, _) => Pendants.OnGiftSentAsync(e));
        // A red packet shows its room pendant when it opens, moves its progress with each grab, and hides it at the end.
        builder.Subscribe<RedPacketOpened>("pendant: red packet shown", (e, _) => e.ShowsPendant
            ? Pendants.TriggerAsync(e.RoomId, PendantTriggerKind.RedPacket, e.PacketId, new PendantProgress(0, e.Shares), by: "redpacket")
            : Task.CompletedTask);
        builder.Subscribe<RedPacketProgress>("pendant: red packet progress", (e, _) =>
            Pendants.UpdateProgressAsync(e.RoomId, PendantTriggerKind.RedPacket, e.PacketId, e.Grabbed, e.Shares));
        builder.Subscribe<RedPacketEnded>("pendant: red packet ended",
            (e, _) => Pendants.EndAsync(e.RoomId, PendantTriggerKind.RedPacket, e.PacketId, e.Reason));
    }

    public async Task StartAsync(CancellationToken ct)
    {
        await Pendants.Store.StartAsync(_fileText, _file).ConfigureAwait(false);
        _visibility.Start();
    }

    public async Task StopAsync()
    {
        await _visibility.StopAsync().ConfigureAwait(false);
        await Pendants.Store.StopAsync().ConfigureAwait(false);
    }
}
