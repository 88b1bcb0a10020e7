using System.Globalization;
using System.Text.Json;
using SocialGame.Core.Logging;
using SocialGame.Core.Options;
using SocialGame.Core.Sessions;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Modules.Room;
using SocialGame.Modules.Room.Gifts;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Pendant;
using StackExchange.Redis;

namespace SocialGame.Modules.Pendant;

/// <summary>Progress of a triggered pendant, e.g. a red packet's grabs: <c>current</c> of <c>total</c>.</summary>
internal sealed record PendantProgress(long Current, long Total);

/// <summary>
/// Chat-room pendants: what a player in a room sees (pull), and the pendants room activity shows (a gift
/// sent, a red packet sent) with their progress. A triggered pendant is kept per room in Redis
/// (<c>sg:room:{id}:pendants</c>, "id|key" -> "since|until|current|total") until its display time ends
/// or the room closes.
/// </summary>
internal sealed partial class PendantService
{
    public const int MaxKeyLength = 64;
    public const long MaxProgress = 1_000_000_000;
    private static readonly NLog.Logger Log = NLog.LogManager.GetCurrentClassLogger();
    private readonly RedisStore _redis;
    private readonly IClock _clock;
    private readonly RoomService _rooms;
    private readonly GiftCatalog _gifts;
    private readonly LuaScript<TriggerArgs, (TriggerOutcome Outcome, PendantEntry Entry)> _trigger;
    private readonly LuaScript<ProgressArgs, (ProgressOutcome Outcome, PendantEntry Entry)> _progress;

    private readonly IReadOnlyCollection<string> _appSchemes;

    public PendantService(RedisStore redis, ScriptRegistry scripts, IClock clock, PendantStore store, PendantCaster caster,
        RoomService rooms, GiftCatalog gifts, IReadOnlyCollection<string> appSchemes)
    {
        _appSchemes = appSchemes;
        _redis = redis;
        _clock = clock;
        Store = store;
        Caster = caster;
        _rooms = rooms;
        _gifts = gifts;
        _trigger = TriggerScript(scripts);
        _progress = ProgressScript(scripts);
    }

    public PendantStore Store { get; }
    public PendantCaster Caster { get; }

    private IDatabase Db => _redis.Db;
    private static RedisKey RoomKey(string roomId) => PendantKeys.Room(roomId);

    /// <summary>An occurrence key (gift id, red packet id): 1-64 visible characters, no '|'.</summary>
    public static bool ValidKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && !key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '|');

    public static string KindName(PendantTriggerKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>Checks a pendant against the running configuration: its links use allowed schemes, its gift is in the catalogue.</summary>
    public void CheckReferences(PendantDef def, OptionsValidator v)
    {
        def.CheckLinks(v, _appSchemes);
        if (def.Trigger is { Kind: PendantTriggerKind.Gift } t && t.GiftId > 0 && _gifts.Find(t.GiftId) is null)
            v.Error("trigger.giftId", $"gift {t.GiftId} is not in {GiftCatalog.FileName}");
    }

    // ---- pull ----

    /// <summary>The pendants a member of the room sees now, highest priority first.</summary>
    public async Task<PendantListResponse> ListAsync(ISession session, string roomId, string business)
    {
        string acc = session.Account!;
        if (!await _rooms.IsMemberAsync(roomId, acc).ConfigureAwait(false))
            return new PendantListResponse { Result = (int)ResultCode.NotInRoom };
        var now = _clock.UtcNow;
        long nowSeconds = now.ToUnixTimeSeconds();
        var live = Store.All.Where(d => d.Enabled && d.Business == business && d.InWindow(now) && d.AppliesTo(roomId))
            .ToDictionary(d => d.Id);
        var shown = new List<(PendantDef Def, PendantInfo Info)>();
        foreach (var def in live.Values.Where(d => d.Trigger.Kind == PendantTriggerKind.Operator))
            shown.Add((def, Info(def, "", def.Begin.ToUnixTimeSeconds(), def.End.ToUnixTimeSeconds(), 0, 0)));
        if (live.Values.Any(d => d.Trigger.Kind != PendantTriggerKind.Operator))
        {
            foreach (var entry in await Db.HashGetAllAsync(RoomKey(roomId)).ConfigureAwait(false))
            {
                var (id, key) = SplitField(entry.Name.ToString());
                var (since, until, current, total) = ParseEntry(entry.Value.ToString());
                if (until > nowSeconds && live.TryGetValue(id, out var def) && def.Trigger.Kind != PendantTriggerKind.Operator)
                    shown.Add((def, Info(def, key, since, until, current, total)));
            }
        }
        if (shown.Count > 0)
        {
            var audience = await Caster.AudienceAsync(roomId, [acc], shown.Select(s => s.Def).Distinct().ToList()).ConfigureAwait(false);
            shown.RemoveAll(s => !audience(s.Def, acc, session.Login?.Version));
        }
        var list = shown.Select(s => s.Info)
            .OrderByDescending(p => p.Priority).ThenByDescending(p => p.Begin).ThenBy(p => p.Id, StringComparer.Ordinal)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToList();
        return new PendantListResponse { Count = list.Count, Pendants = list };
    }

    // ---- activity ----

    /// <summary>
    /// Room activity shows the pendants it triggers, for their display time (capped at their window's end): a gift sent
    /// (<see cref="PendantTriggerKind.Gift"/>, key the gift id, <paramref name="count"/> how many) or a red packet sent
    /// (<see cref="PendantTriggerKind.RedPacket"/>, key the red packet's id, <paramref name="progress"/> its grabs).
    /// A repeat while the pendant shows extends it. The room's members who may see it get a show push.
    /// Returns how many pendants it showed.
    /// </summary>
    public async Task<int> TriggerAsync(string roomId, PendantTriggerKind kind, string key, PendantProgress? progress = null, int count = 1,
        string by = "")
    {
        if (!Usable(roomId, kind, key, progress)) return 0;
        var now = _clock.UtcNow;
        long nowSeconds = now.ToUnixTimeSeconds();
        int shown = 0;
        foreach (var def in Store.All.Where(d =>
                     d.Enabled && d.Trigger.Matches(kind, key, count) && d.InWindow(now) && d.AppliesTo(roomId)))
        {
            long until = Math.Min(nowSeconds + def.Trigger.DurationSeconds, def.End.ToUnixTimeSeconds());
            if (until <= nowSeconds) continue;
            var (outcome, entry) = await _trigger.CallAsync(new TriggerArgs(roomId, Field(def.Id, key), nowSeconds, until,
                progress?.Current ?? 0, progress?.Total ?? 0, until - nowSeconds + 3600)).ConfigureAwait(false);
            var info = Info(def, key, entry.Since, entry.Until, entry.Current, entry.Total);
            DataLog.Write("pendant trigger", ("roomid", roomId), ("id", def.Id), ("kind", KindName(kind)), ("key", key), ("count", count),
                ("by", by), ("outcome", TriggerOutcomes.Write(outcome)), ("until", info.End), ("current", info.Current),
                ("total", info.Total));
            await Caster.PublishAsync(roomId, def, PendantProtocol.Show, new PendantShowPush { RoomId = roomId, Pendant = info })
                .ConfigureAwait(false);
            shown++;
        }
        return shown;
    }

    /// <summary>
    /// Moves the progress of the pendants an activity showed (e.g. a red packet grabbed: <paramref name="current"/> of
    /// <paramref name="total"/>) and pushes the change. Progress only goes forward for one total, so a late update is
    /// ignored. Returns how many pendants changed.
    /// </summary>
    public async Task<int> UpdateProgressAsync(string roomId, PendantTriggerKind kind, string key, long current, long total)
    {
        if (!Usable(roomId, kind, key, new PendantProgress(current, total)) || total == 0) return 0;
        long nowSeconds = _clock.UnixSeconds;
        int changed = 0;
        foreach (var def in Store.All.Where(d => d.Trigger.Kind == kind))
        {
            var (outcome, entry) = await _progress.CallAsync(new ProgressArgs(roomId, Field(def.Id, key), nowSeconds, current, total))
                .ConfigureAwait(false);
            if (outcome != ProgressOutcome.Ok) continue;
            await Caster.PublishAsync(roomId, def, PendantProtocol.Progress,
                new PendantProgressPush { RoomId = roomId, Id = def.Id, Key = key, Current = entry.Current, Total = entry.Total })
                    .ConfigureAwait(false);
            changed++;
        }
        return changed;
    }

    /// <summary>Ends the pendants an activity showed before their time (e.g. a red packet finished or refunded). Returns how
    /// many.</summary>
    public async Task<int> EndAsync(string roomId, PendantTriggerKind kind, string key, string reason)
    {
        if (!Usable(roomId, kind, key, null)) return 0;
        int ended = 0;
        foreach (var def in Store.All.Where(d => d.Trigger.Kind == kind))
        {
            if (!await Db.HashDeleteAsync(RoomKey(roomId), Field(def.Id, key)).ConfigureAwait(false)) continue;
            DataLog.Write("pendant end", ("roomid", roomId), ("id", def.Id), ("kind", KindName(kind)), ("key", key), ("reason", reason));
            await Caster.PublishAsync(roomId, def, PendantProtocol.Hide,
                new PendantHidePush { RoomId = roomId, Id = def.Id, Key = key, Reason = reason }).ConfigureAwait(false);
            ended++;
        }
        return ended;
    }

    /// <summary>The pendants shown in a room now by activity (for GM and operators).</summary>
    public async Task<List<PendantInfo>> TriggeredAsync(string roomId)
    {
        long nowSeconds = _clock.UnixSeconds;
        var list = new List<PendantInfo>();
        foreach (var entry in await Db.HashGetAllAsync(RoomKey(roomId)).ConfigureAwait(false))
        {
            var (id, key) = SplitField(entry.Name.ToString());
            var (since, until, current, total) = ParseEntry(entry.Value.ToString());
            if (until > nowSeconds && Store.Find(id) is { } def) list.Add(Info(def, key, since, until, current, total));
        }
        return list;
    }

    /// <summary>A closed room drops the pendants its activity showed.</summary>
    public async Task OnRoomClosedAsync(RoomClosed e)
    {
        if (await Db.KeyDeleteAsync(RoomKey(e.RoomId)).ConfigureAwait(false))
            DataLog.Write("pendant room closed", ("roomid", e.RoomId), ("reason", e.Reason));
    }

    /// <summary>A gift sent in a room: the gift pendants it triggers.</summary>
    public Task OnGiftSentAsync(GiftSent gift) =>
        TriggerAsync(gift.RoomId, PendantTriggerKind.Gift, gift.GiftId.ToString(CultureInfo.InvariantCulture), count: gift.Count,
            by: gift.From);

    private static bool Usable(string roomId, PendantTriggerKind kind, string key, PendantProgress? progress)
    {
        bool ok = RoomService.ValidRoomId(roomId) && kind != PendantTriggerKind.Operator && Enum.IsDefined(kind) && ValidKey(key) &&
            (progress is null || (progress.Total is >= 0 and <= MaxProgress && progress.Current >= 0
                && progress.Current <= progress.Total));
        if (!ok)
            Log.Warn("pendant activity refused: room {Room}, kind {Kind}, key {Key}, progress {Progress}", roomId, kind, key, progress);
        return ok;
    }

    private static string Field(string id, string key) => id + "|" + key;

    private static (string Id, string Key) SplitField(string field)
    {
        int bar = field.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (field, "") : (field[..bar], field[(bar + 1)..]);
    }

    private static (long Since, long Until, long Current, long Total) ParseEntry(string value)
    {
        var p = value.Split('|');
        long At(int i) => i < p.Length && long.TryParse(p[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) ? n
            : 0;
        return (At(0), At(1), At(2), At(3));
    }

    public static PendantInfo Info(PendantDef def, string key, long begin, long end, long current, long total) => new()
    {
        Id = def.Id, Business = def.Business, Kind = KindName(def.Trigger.Kind), Key = key, Image = def.Image, Text = def.Text,
            JumpUrl = def.JumpUrl,
        Priority = def.Priority, Begin = begin, End = end, Current = current, Total = total,
    };
}
