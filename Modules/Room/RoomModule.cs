using SocialGame.Core;
using SocialGame.Core.Events;
using SocialGame.Core.Options;
using SocialGame.Core.Push;
using SocialGame.Core.Sessions;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Modules.Player;
using SocialGame.Modules.Room.Gifts;
using SocialGame.Modules.Room.Handlers;

namespace SocialGame.Modules.Room;

/// <summary>Module 13: live rooms (from the live events), membership, broadcasts, gifts.</summary>
[DependsOn(typeof(PlayerModule))]
internal sealed class RoomModule : IGameModule
{
    private readonly IClock _clock;

    public RoomModule(string configDir, RedisStore redis, ScriptRegistry scripts, MessageRouter router, IDomainEvents events, IClock clock,
        BusinessCalendar calendar, IRandomSource random, string node, PlayerBase player)
    {
        _clock = clock;
        var catalog = ConfigLoader.Load<GiftCatalog>(Path.Combine(configDir, GiftCatalog.FileName));
        foreach (var g in catalog.Gifts.Where(g => g.Extra is not null && player.Items.Find(g.Extra.ItemId) is null))
            throw new ConfigException($"{GiftCatalog.FileName}: gift {g.Id}: extra.itemId {g.Extra!.ItemId} is not in " +
                $"{ItemCatalog.FileName}");
        Rooms = new RoomService(redis, scripts, router, events, clock, node);
        Gifts = new GiftService(redis, scripts, router, events, clock, calendar, random, player, Rooms, catalog);
    }

    public string Name => "room";
    public RoomService Rooms { get; }
    public GiftService Gifts { get; }

    public void Register(IModuleBuilder builder)
    {
        builder.KeySpace(RoomKeys.Patterns, RoomKeys.Channels);
        builder.Scripts("room_live", "room_unlink", "gift_stat");
        builder.AccountData(RoomKeys.AccountData, Rooms.EraseAccountDataAsync);
        builder.Handle(new JoinHandler(Rooms));
        builder.Handle(new LeaveHandler(Rooms));
        builder.Handle(new InfoHandler(Rooms));
        builder.Handle(new GiftWallHandler(Gifts));
        builder.Handle(new SendGiftHandler(Gifts));
        builder.Handle(new GiftStatsHandler(Gifts));
        builder.GmCommand(new LiveCommand(Rooms, _clock));
        builder.Subscribe(LiveEvents.Base, "room: live state", Rooms.OnLiveEventAsync);
        builder.Subscribe(LiveEvents.OwnerSet, "room: owner", Rooms.OnOwnerSetAsync);
        builder.Subscribe<AccountWentOffline>("room: leave", (e, _) => Rooms.LeaveAllAsync(e.Session));
    }
}
