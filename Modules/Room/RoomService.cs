using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NLog;
using SocialGame.Core.Events;
using SocialGame.Core.Logging;
using SocialGame.Core.Sessions;
using SocialGame.Core.Push;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Room;
using StackExchange.Redis;

namespace SocialGame.Modules.Room;

/// <summary>
/// Live rooms: their state comes from the live events (deduplicated, older sessions ignored), members are
/// kept in Redis (visible to every node), broadcasts reach members on every node, a close tells them and
/// empties the room. Other modules follow rooms through the domain events <see cref="RoomOpened"/>, <see cref="RoomClosed"/>
/// and <see cref="RoomOwnerChanged"/>.
/// </summary>
internal sealed partial class RoomService
{
    public static readonly string[] Businesses = ["chat", "game"];
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly RedisStore _redis;
    private readonly MessageRouter _router;
    private readonly IDomainEvents _events;
    private readonly IClock _clock;
    private readonly string _node;
    private readonly LuaScript<LiveArgs, LiveOutcome> _live;
    private readonly LuaScript<UnlinkArgs, bool> _unlink;

    /// <param name="node">This node's name (kept with each member it holds).</param>
    public RoomService(RedisStore redis, ScriptRegistry scripts, MessageRouter router, IDomainEvents events, IClock clock, string node)
    {
        _redis = redis;
        _router = router;
        _events = events;
        _clock = clock;
        _node = node;
        _live = LiveScript(scripts);
        _unlink = UnlinkScript(scripts);
    }


    private IDatabase Db => _redis.Db;
    private static RedisKey RoomKey(string id) => RoomKeys.Room(id);
    private static RedisKey MembersKey(string id) => RoomKeys.Members(id);
    private static RedisKey SeenKey(string id) => RoomKeys.Seen(id);
    private static RedisKey AccountRooms(string acc) => RoomKeys.AccountRooms(acc);

    /// <summary>
    /// A room id (from a client or a live event) names Redis keys and channels: it follows the account-name rule (1-64
    /// characters, none of <c>{ } " : * ? [ ] \ |</c>, whitespace, control, zero-width or bidi characters).
    /// </summary>
    public static bool ValidRoomId(string? id) => AccountName.IsValid(id);

    /// <summary>The first bad field of a room request (roomid, then business), or null.</summary>
    public static string? FirstBad(string? roomId, string business) =>
        !ValidRoomId(roomId) ? "roomid" : !Businesses.Contains(business) ? "business" : null;

    // ---- live events ----

    public async Task OnLiveEventAsync(LiveBaseEvent e, EventContext context, CancellationToken ct)
    {
        if (!ValidRoomId(e.LiveId))
        {
            Log.Warn("live event {EventId}: live_id {Room} is no valid room id ({Rule}); ignored", context.Id, LogText.Excerpt(e.LiveId),
                AccountName.Rule);
            return;
        }
        LiveAction? action = e.Event switch
        {
            LiveEvents.Start => LiveAction.Start,
            LiveEvents.Stop or LiveEvents.Expired => LiveAction.Stop,
            _ => null,
        };
        if (action is null) return;
        await ApplyAsync(e.LiveId, action.Value, e.StartTime, e.Owner.ToString(CultureInfo.InvariantCulture), e.SlotNum, e.Title, e.Event,
            $"{e.Event}|{e.LiveId}|{e.StartTime}|{e.Owner}").ConfigureAwait(false);
    }

    public async Task OnOwnerSetAsync(LiveOwnerSetEvent e, EventContext context, CancellationToken ct)
    {
        string room = string.IsNullOrEmpty(e.RoomId) ? e.LiveId : e.RoomId;
        if (!ValidRoomId(room))
        {
            Log.Warn("owner event {EventId}: room id {Room} is no valid room id ({Rule}); ignored", context.Id, LogText.Excerpt(room),
                AccountName.Rule);
            return;
        }
        string owner = e.Owner.ToString(CultureInfo.InvariantCulture);
        // Recognised by the message's own id, not its content: handing the room back to an earlier owner is a
        // new event with old content (a platform retry that repeats the current owner changes nothing anyway).
        await ApplyAsync(room, LiveAction.Owner, "", owner, 0, "", "owner set", $"owner|{context.Id}").ConfigureAwait(false);
    }

    /// <summary>One live event. Returns what it did to the room.</summary>
    public async Task<LiveOutcome> ApplyAsync(string roomId, LiveAction action, string session, string owner, int slots, string title,
        string reason, string dedupe)
    {
        // A platform retry of the same callback is recognised by its content, whatever its offset.
        string id = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(dedupe)));
        var seen = SeenKey(roomId);
        if (await Db.SetContainsAsync(seen, id).ConfigureAwait(false)) return LiveOutcome.Duplicate;
        var outcome = await _live.CallAsync(new LiveArgs(roomId, action, session, owner, slots, title, _clock.UnixSeconds))
            .ConfigureAwait(false);
        DataLog.Write("room " + LiveActions.Write(action), ("roomid", roomId), ("session", session), ("owner", owner),
            ("outcome", LiveOutcomes.Write(outcome)));
        switch (outcome)
        {
            case LiveOutcome.Opened:
            // The room already has this session, but this event was never completed (a handler failed and the bus retries it):
            // the start's effects run again while the session is still live; each of them may repeat.
            case LiveOutcome.Duplicate when action == LiveAction.Start && await IsLiveAsync(roomId, session).ConfigureAwait(false):
                (await _events.PublishAsync(new RoomOpened(roomId, owner, reason, session)).ConfigureAwait(false)).ThrowIfFailed();
                break;
            case LiveOutcome.Closed:
            // Not live any more, but this event was never completed (a handler failed and the bus retries it):
            // the close's effects run again; each of them may repeat.
            case LiveOutcome.Notlive when action == LiveAction.Stop:
                var present = await MembersAsync(roomId).ConfigureAwait(false);
                (await _events.PublishAsync(new RoomClosing(roomId, present, reason)).ConfigureAwait(false)).ThrowIfFailed();
                await CloseMembersAsync(roomId, reason).ConfigureAwait(false);
                (await _events.PublishAsync(new RoomClosed(roomId, owner, reason)).ConfigureAwait(false)).ThrowIfFailed();
                break;
            case LiveOutcome.Owner:
                await _router.ToRoomAsync(roomId, RoomProtocol.OwnerChanged, new RoomOwnerPush { RoomId = roomId, Owner = owner })
                    .ConfigureAwait(false);
                (await _events.PublishAsync(new RoomOwnerChanged(roomId, owner, reason)).ConfigureAwait(false)).ThrowIfFailed();
                break;
            // The room has this owner already, but this event was never completed (as above): its effects run again.
            case LiveOutcome.Duplicate when action == LiveAction.Owner:
                (await _events.PublishAsync(new RoomOwnerChanged(roomId, owner, reason)).ConfigureAwait(false)).ThrowIfFailed();
                break;
        }
        // Recorded once the work is done: a failure above lets the bus retry the event.
        await Db.SetAddAsync(seen, id).ConfigureAwait(false);
        await Db.KeyExpireAsync(seen, TimeSpan.FromDays(2)).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Whether the room is live with <paramref name="session"/> now.</summary>
    private async Task<bool> IsLiveAsync(string roomId, string session)
    {
        var f = await Db.HashGetAsync(RoomKey(roomId), ["live", "session"]).ConfigureAwait(false);
        return f[0] == "1" && f[1] == session;
    }

    private async Task CloseMembersAsync(string roomId, string reason)
    {
        await _router.ToRoomAsync(roomId, RoomProtocol.Closed, new RoomClosedPush { RoomId = roomId, Reason = reason }, closesRoom: true)
            .ConfigureAwait(false);
        var members = await Db.HashGetAllAsync(MembersKey(roomId)).ConfigureAwait(false);
        foreach (var m in members)
        {
            string acc = m.Name.ToString();
            foreach (var business in Businesses)
                await _unlink.CallAsync(new UnlinkArgs(acc, business, roomId)).ConfigureAwait(false);
        }
        await Db.KeyDeleteAsync(MembersKey(roomId)).ConfigureAwait(false);
    }

    // ---- members ----

    public async Task<RoomInfo?> InfoAsync(string roomId)
    {
        var f = (await Db.HashGetAllAsync(RoomKey(roomId)).ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => e.Value);
        if (f.Count == 0) return null;
        return new RoomInfo
        {
            RoomId = roomId, Live = (int)f.GetValueOrDefault("live"), Owner = f.GetValueOrDefault("owner").ToString(),
                Title = f.GetValueOrDefault("title").ToString(),
            SlotNum = (int)f.GetValueOrDefault("slotnum"), Members = await Db.HashLengthAsync(MembersKey(roomId)).ConfigureAwait(false),
        };
    }

    public async Task<ResultCode> JoinAsync(ISession session, string roomId, string business)
    {
        string acc = session.Account!;
        if ((await Db.HashGetAsync(RoomKey(roomId), "live").ConfigureAwait(false)) != 1) return ResultCode.RoomNotLive;
        var previous = await Db.HashGetAsync(AccountRooms(acc), business).ConfigureAwait(false);
        if (!previous.IsNull && previous != roomId) await LeaveAsync(acc, previous.ToString(), business).ConfigureAwait(false);
        await Db.HashSetAsync(AccountRooms(acc), business, roomId).ConfigureAwait(false);
        await Db.HashSetAsync(MembersKey(roomId), acc, _node).ConfigureAwait(false);
        await _router.JoinRoomAsync(roomId, session).ConfigureAwait(false);
        // A join of the room the player is in changes nothing: not another datalog entry (a client repeating it
        // twenty times a second wrote twenty).
        if (previous != roomId) DataLog.Write("room join", ("acc", acc), ("roomid", roomId), ("business", business));
        return ResultCode.Success;
    }

    public async Task<bool> LeaveAsync(string acc, string roomId, string business)
    {
        bool was = await Db.HashDeleteAsync(MembersKey(roomId), acc).ConfigureAwait(false);
        await _unlink.CallAsync(new UnlinkArgs(acc, business, roomId)).ConfigureAwait(false);
        await _router.LeaveRoomAsync(roomId, acc).ConfigureAwait(false);
        return was;
    }

    /// <summary>A logged-in connection closed: out of every room.</summary>
    public Task LeaveAllAsync(ISession session) => EraseAccountAsync(session.Account!);

    /// <summary>The account's entries step when it is deleted: out of the members of every room it is in.</summary>
    public async Task EraseAccountAsync(string acc)
    {
        foreach (var entry in await Db.HashGetAllAsync(AccountRooms(acc)).ConfigureAwait(false))
            await LeaveAsync(acc, entry.Value.ToString(), entry.Name.ToString()).ConfigureAwait(false);
    }

    /// <summary>Whether the account is in the room as a member of <paramref name="business"/> (chat, game).</summary>
    public async Task<bool> InRoomAsAsync(string acc, string roomId, string business) =>
        await Db.HashGetAsync(AccountRooms(acc), business).ConfigureAwait(false) == roomId;

    public Task<bool> IsMemberAsync(string roomId, string acc) => Db.HashExistsAsync(MembersKey(roomId), acc);

    public async Task<List<string>> MembersAsync(string roomId) =>
        (await Db.HashKeysAsync(MembersKey(roomId)).ConfigureAwait(false)).Select(k => k.ToString()).ToList();
}
