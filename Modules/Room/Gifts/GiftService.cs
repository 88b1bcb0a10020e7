using SocialGame.Core.Events;
using SocialGame.Core.Logging;
using SocialGame.Core.Push;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Modules.Player;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Room;
using StackExchange.Redis;

namespace SocialGame.Modules.Room.Gifts;

/// <summary>
/// Room gifts: the walls, and sending one to a member of the same room. A request (<c>reqid</c>, per recipient) is
/// one ledger operation, gold and any extra reward together, bound to its gift, count and room: the same request
/// again replays it (the reward it rolled the first time, nothing paid again), the same request id for another gift,
/// count or room is refused. The roll is kept only by the paid operation itself, so a refused gift leaves nothing.
/// Charm and wealth are counted once per request (wealth raised by any <see cref="WealthBonus"/> then); the room hears the gift once.
/// </summary>
internal sealed class GiftService
{
    private readonly RedisStore _redis;
    private readonly MessageRouter _router;
    private readonly IDomainEvents _events;
    private readonly IClock _clock;
    private readonly BusinessCalendar _calendar;
    private readonly IRandomSource _random;
    private readonly PlayerBase _player;
    private readonly RoomService _rooms;
    private readonly LuaScript<StatArgs, bool> _stat;

    public GiftService(RedisStore redis, ScriptRegistry scripts, MessageRouter router, IDomainEvents events, IClock clock,
        BusinessCalendar calendar, IRandomSource random, PlayerBase player, RoomService rooms, GiftCatalog catalog)
    {
        _redis = redis;
        _router = router;
        _events = events;
        _clock = clock;
        _calendar = calendar;
        _random = random;
        _player = player;
        _rooms = rooms;
        Catalog = catalog;
        _stat = new(scripts, typeof(GiftService).Assembly, "gift_stat.lua", r => r.Flag());
    }

    public GiftCatalog Catalog { get; }

    /// <summary>Who may raise the wealth a gift counts for its sender (set once at start-up; none by default).</summary>
    public IWealthBonus WealthBonus { get; set; } = NoWealthBonus.Instance;

    private IDatabase Db => _redis.Db;
    public static RedisKey CharmKey(string acc) => RoomKeys.Charm(acc);
    public static RedisKey WealthKey(string acc) => RoomKeys.Wealth(acc);
    public static RedisKey CharmDoneKey(string from, string to, string reqId) => RoomKeys.CharmDone(from, to, reqId);
    public static RedisKey WealthDoneKey(string from, string to, string reqId) => RoomKeys.WealthDone(from, to, reqId);

    public async Task<List<GiftInfo>> WallAsync(string acc, bool vip)
    {
        int level = vip ? (await _player.Profiles.GetAsync(acc).ConfigureAwait(false))?.VipLevel ?? 0 : 0;
        return Catalog.Gifts
            .Where(g => vip ? g.VipLevel > 0 && g.VipLevel <= level : g.VipLevel == 0)
            .Select(g => new GiftInfo { GiftId = g.Id, Name = g.Name, Price = g.Price, Charm = g.Charm, Wealth = g.Wealth,
                VipLevel = g.VipLevel, ExtraItem = g.Extra?.ItemId ?? 0 })
            .ToList();
    }

    public async Task<SendGiftResponse> SendAsync(string from, SendGiftRequest request)
    {
        var gift = Catalog.Find(request.GiftId)!;
        string room = request.RoomId!, to = request.To!;
        if (!await _rooms.IsMemberAsync(room, from).ConfigureAwait(false) || !await _rooms.IsMemberAsync(room, to).ConfigureAwait(false))
            return new SendGiftResponse { Result = (int)ResultCode.NotInRoom };
        var sender = await _player.Profiles.GetAsync(from).ConfigureAwait(false);
        if (gift.VipLevel > 0 && (sender?.VipLevel ?? 0) < gift.VipLevel)
            return new SendGiftResponse { Result = (int)ResultCode.VipTooLow };

        var (paid, extra) = await PayAsync(from, to, room, gift, request.Count, request.ReqId!).ConfigureAwait(false);
        if (paid.Status == LedgerStatus.Conflict) return new SendGiftResponse { Result = (int)ResultCode.RequestConflict };
        if (!paid.Succeeded) return new SendGiftResponse { Result = (int)paid.ToResult() };

        string day = "d:" + _calendar.Today;
        // The "counted" markers outlive the ledger key by a day: while the key lasts, a repeat replays the payment
        // and must not count charm and wealth again.
        long ttl = ((long)_player.Options.IdempotencyTtlDays + 1) * 86400;
        long charm = (long)gift.Charm * request.Count, baseWealth = (long)gift.Wealth * request.Count;
        var bonus = WealthBonus.For(from, sender?.VipLevel ?? 0, _clock.UtcNow);
        long wealth = bonus?.Apply(baseWealth) ?? baseWealth;
        await _stat.CallAsync(new StatArgs(CharmKey(to), CharmDoneKey(from, to, request.ReqId!), charm, day, ttl)).ConfigureAwait(false);
        bool counted = await _stat.CallAsync(new StatArgs(WealthKey(from), WealthDoneKey(from, to, request.ReqId!), wealth, day, ttl))
            .ConfigureAwait(false);
        if (counted && bonus is not null && wealth > baseWealth)
            DataLog.Write("wealth bonus", ("from", from), ("to", to), ("reqid", request.ReqId), ("giftid", gift.Id), ("base", baseWealth),
                ("wealth", wealth), ("percent", bonus.Percent), ("source", bonus.Source));
        if (paid.Status == LedgerStatus.Applied)
        {
            DataLog.Write("gift", ("from", from), ("to", to), ("roomid", room), ("giftid", gift.Id), ("count", request.Count),
                ("extraitem", extra), ("reqid", request.ReqId));
            await _router.ToRoomAsync(room, RoomProtocol.GiftMessage, new GiftMessagePush
            {
                RoomId = room, From = from, FromNick = sender?.Nickname ?? from, To = to, GiftId = gift.Id, Count = request.Count,
                    ExtraItem = extra,
            }).ConfigureAwait(false);
            // Paid already: a failing handler is logged and the sender still gets the answer.
            await _events.PublishAsync(new GiftSent(room, from, to, gift.Id, request.Count, request.ReqId!,
                (long)gift.Price * request.Count, charm, wealth)).ConfigureAwait(false);
        }
        return new SendGiftResponse { ExtraItem = extra, Gold = paid.Balances.GetValueOrDefault("gold") };
    }

    /// <summary>
    /// Pays for the gift and grants its extra reward, if the roll gives it, in one ledger operation. A repeat of a paid
    /// request may roll otherwise: its first try is then a conflict, and the other outcome (a roll has only two) replays
    /// the operation that was paid. A conflict with both is another request under the same id.
    /// </summary>
    private async Task<(LedgerOutcome Paid, int Extra)> PayAsync(string from, string to, string room, GiftDef gift, int count, string reqId)
    {
        int rolled = gift.Extra is { } e && (e.Probability >= 1 || (e.Probability > 0 && _random.NextDouble() < e.Probability)) ? e.ItemId
            : 0;
        var paid = await _player.Ledger.ApplyAsync(Operation(from, to, room, gift, count, reqId, rolled)).ConfigureAwait(false);
        if (paid.Status != LedgerStatus.Conflict || gift.Extra is not { } reward) return (paid, rolled);
        int other = rolled == 0 ? reward.ItemId : 0;
        var replay = await _player.Ledger.ApplyAsync(Operation(from, to, room, gift, count, reqId, other)).ConfigureAwait(false);
        return replay.Status == LedgerStatus.Conflict ? (paid, rolled) : (replay, other);
    }

    /// <summary>The ledger operation of a gift request: the recipient is part of the key (the same request id to someone else is another
    /// gift, paid again).</summary>
    private static LedgerOperation Operation(string from, string to, string room, GiftDef gift, int count, string reqId, int extra) =>
        new(from, $"gift:{to}:{reqId}", "gift " + gift.Id, [new CurrencyChange("gold", -gift.Price * count)],
            extra > 0 ? [new ItemChange(extra, 1)] : [])
        {
            Binding = $"room={room};count={count}",
        };

    public async Task<GiftStatsResponse> StatsAsync(string acc)
    {
        string day = "d:" + _calendar.Today;
        var charm = await Db.HashGetAsync(CharmKey(acc), ["total", day]).ConfigureAwait(false);
        var wealth = await Db.HashGetAsync(WealthKey(acc), ["total", day]).ConfigureAwait(false);
        return new GiftStatsResponse { CharmTotal = (long)charm[0], CharmToday = (long)charm[1], WealthTotal = (long)wealth[0],
            WealthToday = (long)wealth[1] };
    }

    /// <summary><c>gift_stat.lua</c>: adds <paramref name="Amount"/> to the stats once per gift (the done marker).</summary>
    private sealed record StatArgs(RedisKey Stats, RedisKey Done, long Amount, string Day, long MarkerTtlSeconds) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(Stats).Key(Done).Args(Amount, Day, MarkerTtlSeconds);
    }
}
