using SocialGame.Core;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Events;
using SocialGame.Core.Gm;
using SocialGame.Core.Options;
using SocialGame.Core.Sessions;
using SocialGame.Modules.Player;
using SocialGame.Modules.Room.Gifts;
using SocialGame.Modules.Room.Handlers;

namespace SocialGame.Modules.Room;

/// <summary>Module 13: live rooms (from the live events), membership, broadcasts, gifts.</summary>
public sealed class RoomModule : IGameModule
{
    private readonly ServerServices _services;

    public RoomModule(ServerServices services, PlayerBase player)
    {
        services.AccountData.Declare(RoomKeys.AccountData);
        _services = services;
        var catalog = ConfigLoader.Load<GiftCatalog>(Path.Combine(services.ConfigDir, GiftCatalog.FileName));
        foreach (var g in catalog.Gifts.Where(g => g.Extra is not null && player.Items.Find(g.Extra.ItemId) is null))
            throw new ConfigException($"{GiftCatalog.FileName}: gift {g.Id}: extra.itemId {g.Extra!.ItemId} is not in {ItemCatalog.FileName}");
        Rooms = new RoomService(services);
        services.AccountData.AddEntryEraser("room", Rooms.EraseAccountDataAsync);
        Gifts = new GiftService(services, player, Rooms, catalog);
    }

    public string Name => "room";
    public RoomService Rooms { get; }
    public GiftService Gifts { get; }

    public void Register(HandlerTable handlers, GmCommandRegistry gm)
    {
        handlers.Add(new JoinHandler(Rooms));
        handlers.Add(new LeaveHandler(Rooms));
        handlers.Add(new InfoHandler(Rooms));
        handlers.Add(new GiftWallHandler(Gifts));
        handlers.Add(new SendGiftHandler(Gifts));
        handlers.Add(new GiftStatsHandler(Gifts));
        gm.Add(new LiveCommand(Rooms, _services.Clock));
        _services.Events.Subscribe(LiveEvents.Base, "room: live state", Rooms.OnLiveEventAsync);
        _services.Events.Subscribe(LiveEvents.OwnerSet, "room: owner", Rooms.OnOwnerSetAsync);
        _services.DomainEvents.Subscribe<AccountWentOffline>("room: leave", (e, _) => Rooms.LeaveAllAsync(e.Session));
    }
}
