using NLog;
using SocialGame.Core.Push;
using SocialGame.Core.Sessions;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Modules.Room;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Pendant;

namespace SocialGame.Modules.Pendant;

/// <summary>
/// Pushes what an operator's change makes visible or hides, instead of waiting for the next pull: an operator pendant
/// that becomes visible (created, switched on, changed, or its window begun) is shown to the members of the rooms it
/// applies to who may see it, one that stops being visible (switched off, removed, its window over) is hidden, and a
/// triggered pendant switched off is hidden where activity shows it. Each node does this for its own members (no
/// push crosses nodes twice): it looks again after every reload of the definitions (which every node does as soon as
/// a change is announced) and every second (windows).
/// </summary>
internal sealed class PendantVisibility(PendantService pendants, MessageRouter router, RoomService rooms, IClock clock)
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private Dictionary<string, (PendantDef Def, string Json)>? _live;
    private HashSet<string> _off = [];
    private Task? _loop;

    public void Start()
    {
        pendants.Store.Changed += Wake;
        _loop = LoopAsync();
    }

    public async Task StopAsync()
    {
        pendants.Store.Changed -= Wake;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null) await _loop.ConfigureAwait(false);
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // already woken
        }
    }

    private async Task LoopAsync()
    {
        try
        {
            while (true)
            {
                await CheckAsync().ConfigureAwait(false);
                await _wake.WaitAsync(Period, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Compares what is visible now with what was, and pushes the difference to this node's room members.</summary>
    internal async Task CheckAsync()
    {
        try
        {
            var now = clock.UtcNow;
            var all = pendants.Store.All;
            var live = all.Where(d => d.Enabled && d.Trigger.Kind == PendantTriggerKind.Operator && d.InWindow(now))
                .ToDictionary(d => d.Id, d => (Def: d, Json: PendantStore.ToJson(d)));
            var off = all.Where(d => !d.Enabled && d.Trigger.Kind != PendantTriggerKind.Operator).ToList();
            if (_live is null)
            {
                (_live, _off) = (live, off.Select(d => d.Id).ToHashSet());
                return;
            }
            foreach (var (id, entry) in live)
                if (!_live.TryGetValue(id, out var was) || was.Json != entry.Json)
                    await ShowAsync(entry.Def).ConfigureAwait(false);
            foreach (var (id, was) in _live.Where(w => !live.ContainsKey(w.Key)))
            {
                var current = pendants.Store.Find(id);
                string reason = current is null ? "removed" : !current.Enabled ? "disabled" : "ended";
                await HideAsync(was.Def, "", reason).ConfigureAwait(false);
            }
            foreach (var def in off.Where(d => !_off.Contains(d.Id)))
                foreach (string room in router.LocalRooms)
                    foreach (var shown in (await pendants.TriggeredAsync(room).ConfigureAwait(false)).Where(p => p.Id == def.Id))
                        Send(room, router.LocalRoomMembers(room), PendantProtocol.Hide,
                            new PendantHidePush { RoomId = room, Id = def.Id, Key = shown.Key, Reason = "disabled" });
            (_live, _off) = (live, off.Select(d => d.Id).ToHashSet());
        }
        catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
        {
            Log.Warn("pendant visibility check failed: {Error}", ex.Message);
        }
        catch (Exception ex)
        {
            Log.Error(ex, "pendant visibility check failed");
        }
    }

    private async Task ShowAsync(PendantDef def)
    {
        var info = PendantService.Info(def, "", def.Begin.ToUnixTimeSeconds(), def.End.ToUnixTimeSeconds(), 0, 0);
        foreach (string room in router.LocalRooms.Where(def.AppliesTo))
        {
            var members = new List<ISession>();
            foreach (var session in router.LocalRoomMembers(room))
                if (await rooms.InRoomAsAsync(session.Account!, room, def.Business).ConfigureAwait(false)) members.Add(session);
            if (members.Count == 0) continue;
            var audience = await pendants.Caster.AudienceAsync(room, members.Select(s => s.Account!).ToList(), [def]).ConfigureAwait(false);
            Send(room, members.Where(s => audience(def, s.Account!, s.Login?.Version)), PendantProtocol.Show,
                new PendantShowPush { RoomId = room, Pendant = info });
        }
    }

    private Task HideAsync(PendantDef def, string key, string reason)
    {
        foreach (string room in router.LocalRooms.Where(def.AppliesTo))
            Send(room, router.LocalRoomMembers(room), PendantProtocol.Hide,
                new PendantHidePush { RoomId = room, Id = def.Id, Key = key, Reason = reason });
        return Task.CompletedTask;
    }

    private static void Send<T>(string room, IEnumerable<ISession> members, PushDef<T> push, T data) where T : class
    {
        int sent = 0;
        foreach (var session in members.Where(s => s.IsOpen))
        {
            session.Push(push, data);
            sent++;
        }
        if (sent > 0) Log.Debug("pendant {Op} pushed to {Count} members of room {Room}", push.OpId, sent, room);
    }
}
