using SocialGame.Core;
using SocialGame.Core.Options;
using SocialGame.Core.Push;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Modules.Pandora.Handlers;
using SocialGame.Modules.Player;
using SocialGame.Modules.Room;
using SocialGame.Modules.Room.Gifts;

namespace SocialGame.Modules.Pandora;

/// <summary>Module 19: the Pandora box of a room's live session, and the sweep that grants draws a node left ungranted.</summary>
[DependsOn(typeof(PlayerModule), typeof(RoomModule))]
internal sealed class PandoraModule : IGameModule
{
    public PandoraModule(string configDir, RedisStore redis, ScriptRegistry scripts, MessageRouter router, IClock clock,
        IRandomSource random, PlayerBase player, RoomModule room)
    {
        var options = ConfigLoader.Load<PandoraOptions>(Path.Combine(configDir, PandoraOptions.FileName));
        options.CheckAgainst(player.Ledger.Currencies, player.Items);
        Pandora = new PandoraService(redis, scripts, router, clock, random, player, room.Rooms, options);
    }

    public string Name => "pandora";
    public PandoraService Pandora { get; }

    public void Register(IModuleBuilder builder)
    {
        builder.Job("pandora sweep", TimeSpan.FromSeconds(Pandora.Options.SweepIntervalSeconds), _ => Pandora.SweepAsync());
        builder.KeySpace(PandoraKeys.Patterns);
        builder.Scripts("pandora_start", "pandora_energy", "pandora_owner", "pandora_close", "pandora_open", "pandora_claim",
            "pandora_tick");
        builder.AccountData(PandoraKeys.AccountData, Pandora.EraseAccountAsync);
        builder.Subscribe<RoomOpened>("pandora: box opens", (e, _) => Pandora.OnRoomOpenedAsync(e));
        builder.Subscribe<RoomOwnerChanged>("pandora: owner", (e, _) => Pandora.OnOwnerChangedAsync(e));
        builder.Subscribe<RoomClosing>("pandora: box closes", (e, _) => Pandora.CloseAsync(e.RoomId, e.Members));
        builder.Subscribe<GiftSent>("pandora: energy", (e, _) => Pandora.OnGiftSentAsync(e));
        builder.Handle(new InfoHandler(Pandora));
        builder.Handle(new OpenHandler(Pandora));
        builder.Handle(new OddsHandler(Pandora));
        builder.Handle(new RecordsHandler(Pandora));
    }

    public Task StopAsync() => Pandora.StopAsync();
}
