using System.Security.Cryptography;
using System.Text;
using NLog;
using SocialGame.Core.Logging;
using SocialGame.Core.Push;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Modules.Player;
using SocialGame.Modules.Room;
using SocialGame.Modules.Room.Gifts;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Pandora;
using StackExchange.Redis;

namespace SocialGame.Modules.Pandora;

/// <summary>
/// The Pandora box of a room's live session. It opens with the session (<see cref="RoomOpened"/>), gifts fill its energy
/// (<see cref="GiftSent"/>, their gold), the owner role follows <see cref="RoomOwnerChanged"/>, and it closes as the room
/// closes (<see cref="RoomClosing"/>, while the members are still in the room): levels reached and not opened are opened then
/// for the members present. The room already drops repeated and stale live events; the box is named by a digest of the
/// session, so a session's start seen again changes nothing.
/// </summary>
internal sealed partial class PandoraService
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    /// <summary>The progress push window: at most one push per room in it.</summary>
    private const int ProgressWindowMs = 1000;
    private readonly RedisStore _redis;
    private readonly MessageRouter _router;
    private readonly IClock _clock;
    private readonly IRandomSource _random;
    private readonly PlayerBase _player;
    private readonly RoomService _rooms;
    private readonly Scripts _scripts;
    // cancelled when the module stops: a trailing progress push still waiting for its second is dropped
    private readonly CancellationTokenSource _stopping = new();

    public PandoraService(RedisStore redis, ScriptRegistry scripts, MessageRouter router, IClock clock, IRandomSource random,
        PlayerBase player, RoomService rooms, PandoraOptions options)
    {
        _redis = redis;
        _router = router;
        _clock = clock;
        _random = random;
        _player = player;
        _rooms = rooms;
        Options = options;
        _scripts = new Scripts(scripts);
    }

    public PandoraOptions Options { get; }

    private IDatabase Db => _redis.Db;
    private long Now => _clock.UnixSeconds;

    /// <summary>The box of a live session: a digest of the session (keys and ledger keys stay short and plain).</summary>
    public static string BoxId(string session) =>
        "b" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(session)))[..12];

    public async Task OnRoomOpenedAsync(RoomOpened e)
    {
        string box = BoxId(e.Session.Length > 0 ? e.Session : Now.ToString(global::System.Globalization.CultureInfo.InvariantCulture));
        var outcome = await _scripts.Start.CallAsync(new StartArgs(e.RoomId, box, e.Owner, Now)).ConfigureAwait(false);
        if (outcome == StartOutcome.Busy)
        {
            // A newer session while the last one's box is still open (its stop never came): that box closes first, for the
            // members in the room now.
            Log.Warn("pandora: room {Room} opened a new session while its box was still open; the old box closes first", e.RoomId);
            await CloseAsync(e.RoomId, await _rooms.MembersAsync(e.RoomId).ConfigureAwait(false)).ConfigureAwait(false);
            outcome = await _scripts.Start.CallAsync(new StartArgs(e.RoomId, box, e.Owner, Now)).ConfigureAwait(false);
        }
        if (outcome == StartOutcome.Started)
            DataLog.Write("pandora start", ("roomid", e.RoomId), ("box", box), ("owner", e.Owner));
    }

    public async Task OnOwnerChangedAsync(RoomOwnerChanged e)
    {
        if (await _scripts.Owner.CallAsync(new OwnerArgs(e.RoomId, e.Owner)).ConfigureAwait(false))
            DataLog.Write("pandora owner", ("roomid", e.RoomId), ("owner", e.Owner));
    }

    /// <summary>A gift paid in the room: its gold is energy while the box is open (a gift after the close adds nothing).</summary>
    public async Task OnGiftSentAsync(GiftSent e)
    {
        if (e.Gold <= 0) return;
        var (outcome, energy) = await _scripts.Energy.CallAsync(new EnergyArgs(e.RoomId, e.Gold)).ConfigureAwait(false);
        if (outcome != EnergyOutcome.Added) return;
        await ProgressAsync(e.RoomId, trailing: false).ConfigureAwait(false);
        Log.Debug("pandora: room {Room} energy {Energy}", e.RoomId, energy);
    }

    /// <summary>
    /// The room closes: the box closes first (no gift adds energy after it), then every level reached and not opened is
    /// opened for <paramref name="members"/>, then the room hears <c>closed</c>. Repeating it (a redelivered close) opens
    /// nothing twice.
    /// </summary>
    public async Task CloseAsync(string room, IReadOnlyList<string> members)
    {
        var closed = await _scripts.Close.CallAsync(new CloseArgs(room, Now)).ConfigureAwait(false);
        if (closed.Outcome == CloseOutcome.None) return;
        var opened = OpenedLevels(closed.Opened);
        foreach (var level in Options.Levels.Where(l => l.Threshold <= closed.Energy && !opened.Contains(l.Level)))
            await OpenLevelAsync(room, closed.Box, level, caller: "", members).ConfigureAwait(false);
        if (closed.Outcome == CloseOutcome.Closed)
            DataLog.Write("pandora close", ("roomid", room), ("box", closed.Box), ("energy", closed.Energy));
        var now = await Db.HashGetAsync(PandoraKeys.Box(room), "opened").ConfigureAwait(false);
        await _router.ToRoomAsync(room, PandoraProtocol.Closed,
            new PandoraClosedPush { RoomId = room, Energy = closed.Energy, Opened = OpenedLevels(now.ToString()) }).ConfigureAwait(false);
    }

    /// <summary>The levels of a box's <c>opened</c> field (<c>|1|3|</c>), in order.</summary>
    private static List<int> OpenedLevels(string field) =>
        field.Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, global::System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : 0)
            .Where(n => n > 0).Order().ToList();

    /// <summary>The highest level <paramref name="energy"/> reached (0: none).</summary>
    private int LevelOf(long energy) => Options.Levels.Where(l => l.Threshold <= energy).Select(l => l.Level).DefaultIfEmpty(0).Max();

    /// <summary>
    /// The room's progress, at most once a second per room across nodes (<c>pandora_tick.lua</c>): the caller that takes the
    /// second pushes at once; within the second one caller holds the trailing push and sends the state as it is when the
    /// second ends, so the last change is always pushed. A push reads the energy after its turn was decided.
    /// </summary>
    private async Task ProgressAsync(string room, bool trailing)
    {
        for (int attempt = 0; attempt < 5; attempt++)
        {
            long wait = await _scripts.Tick.CallAsync(new TickArgs(room, ProgressWindowMs, trailing)).ConfigureAwait(false);
            if (wait < 0) return;
            if (wait == 0)
            {
                await PushProgressAsync(room).ConfigureAwait(false);
                return;
            }
            if (!trailing)
            {
                _ = TrailAsync(room, wait);
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(wait), _stopping.Token).ConfigureAwait(false);
        }
    }

    private async Task TrailAsync(string room, long waitMs)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(waitMs), _stopping.Token).ConfigureAwait(false);
            await ProgressAsync(room, trailing: true).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            Log.Debug("pandora: the trailing progress push of room {Room} dropped: the node is stopping", room);
        }
        catch (Exception ex)
        {
            Log.Warn("pandora: the trailing progress push of room {Room} failed: {Error}", room, ex.Message);
        }
    }

    /// <summary>The node is stopping: trailing progress pushes still waiting are dropped.</summary>
    public Task StopAsync() => _stopping.CancelAsync();

    private async Task PushProgressAsync(string room)
    {
        var f = await Db.HashGetAsync(PandoraKeys.Box(room), ["state", "energy", "opened"]).ConfigureAwait(false);
        if (f[0] != "live") return;
        long energy = (long)f[1];
        int level = LevelOf(energy);
        var opened = OpenedLevels(f[2].ToString());
        await _router.ToRoomAsync(room, PandoraProtocol.Progress, new PandoraProgressPush
        {
            RoomId = room, Energy = energy, Level = level, Next = Options.Levels.FirstOrDefault(l => l.Threshold > energy)?.Threshold ?? 0,
            Openable = Enumerable.Range(1, level).Where(l => !opened.Contains(l)).ToList(),
        }).ConfigureAwait(false);
    }
}
