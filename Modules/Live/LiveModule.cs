using SocialGame.Core;
using SocialGame.Core.Events;
using SocialGame.Core.Logging;

namespace SocialGame.Modules.Live;

/// <summary>
/// Live rooms. For now it consumes the media centre's live-room events and writes each to the datalog
/// (ops "live event" and "live owner set", with the event id, so a repeated delivery is recognisable);
/// the room features come later.
/// </summary>
internal sealed class LiveModule : IGameModule
{
    public string Name => "live";

    public void Register(IModuleBuilder builder)
    {
        builder.Subscribe(LiveEvents.Base, "live datalog", OnLiveAsync);
        builder.Subscribe(LiveEvents.OwnerSet, "live datalog", OnOwnerSetAsync);
    }

    private static Task OnLiveAsync(LiveBaseEvent e, EventContext context, CancellationToken ct)
    {
        DataLog.Write("live event", ("id", context.Id), ("event", e.Event), ("namespace", e.Namespace), ("live_id", e.LiveId),
            ("uid", e.Uid), ("owner", e.Owner), ("live_type", e.LiveType), ("status", e.Status), ("slot_id", e.SlotId),
            ("slot_num", e.SlotNum), ("start_time", e.StartTime), ("stop_time", e.StopTime), ("extra", e.Extra?.ToJsonString()));
        return Task.CompletedTask;
    }

    private static Task OnOwnerSetAsync(LiveOwnerSetEvent e, EventContext context, CancellationToken ct)
    {
        DataLog.Write("live owner set", ("id", context.Id), ("namespace", e.Namespace), ("live_id", e.LiveId), ("room_id", e.RoomId),
            ("uid", e.Uid), ("uid_slot", e.UidSlot), ("owner", e.Owner), ("owner_slot", e.OwnerSlot), ("live_type", e.LiveType),
            ("extra", e.Extra?.ToJsonString()));
        return Task.CompletedTask;
    }
}
