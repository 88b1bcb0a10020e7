using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NLog;
using SocialGame.Core.Events;
using SocialGame.Core.Logging;
using SocialGame.Core.Push;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Modules.Player;
using SocialGame.Modules.Room;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.RedPacket;
using StackExchange.Redis;

namespace SocialGame.Modules.RedPacket;

/// <summary>
/// Red packets: bought with gold (debited through the ledger, then opened) or RMB (opened by the order's
/// fulfilment), split into shares in C#, grabbed one share per account by one Lua call, each share credited
/// through the ledger (key = packet + account); what is left goes back to the sender exactly once when the
/// countdown ends or the room closes. Every step is keyed and may repeat; a pass on every node settles what a
/// crash left half done, what fell due and what was never paid. The client's request id names the packet and
/// binds what it is (sender, room, configuration, payment kind): a request naming it with anything else is refused.
/// </summary>
internal sealed partial class RedPacketService
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private static readonly RedisKey Index = RedPacketKeys.Index;
    /// <summary>A gold send not opened this long after its record was made is resolved by the pass (paid: opened; not: dropped).</summary>
    private const int PayingGraceSeconds = 30;
    /// <summary>How soon the pass looks again at a packet it could not finish, or that a grab is crediting.</summary>
    private const int RetrySeconds = 30;
    private readonly RedisStore _redis;
    private readonly MessageRouter _router;
    private readonly IDomainEvents _events;
    private readonly IClock _clock;
    private readonly IRandomSource _random;
    private readonly PlayerBase _player;
    private readonly RoomService _rooms;
    private readonly Scripts _scripts;

    public RedPacketService(RedisStore redis, ScriptRegistry scripts, MessageRouter router, IDomainEvents events, IClock clock,
        IRandomSource random, PlayerBase player, RoomService rooms, RedPacketOptions options)
    {
        _redis = redis;
        _router = router;
        _events = events;
        _clock = clock;
        _random = random;
        _player = player;
        _rooms = rooms;
        Options = options;
        _scripts = new Scripts(scripts);
    }

    public RedPacketOptions Options { get; }

    private IDatabase Db => _redis.Db;
    private long Now => _clock.UnixSeconds;
    public static RedisKey PacketKey(string pid) => RedPacketKeys.Packet(pid);
    private static RedisKey SharesKey(string pid) => RedPacketKeys.Shares(pid);
    private static RedisKey GrabbedKey(string pid) => RedPacketKeys.Grabbed(pid);
    private static RedisKey PendingKey(string pid) => RedPacketKeys.Pending(pid);
    private static RedisKey LogKey(string pid) => RedPacketKeys.Log(pid);
    private static RedisKey RoomPackets(string room) => RedPacketKeys.RoomPackets(room);
    private static RedisKey UnpaidKey(string sender) => RedPacketKeys.Unpaid(sender);

    /// <summary>The packet id of a send request: the same request always names the same packet.</summary>
    public static string PacketId(string sender, string reqId) =>
        "P" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sender + "|" + reqId)))[..20];

    /// <summary>A gold payment of configuration <paramref name="configId"/>, as <see cref="OpenAsync"/> names it.</summary>
    public static string GoldPayment(int configId) => "gold:" + configId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The payment of RMB order <paramref name="orderId"/>, as <see cref="OpenAsync"/> names it.</summary>
    public static string RmbPayment(string orderId) => "rmb:" + orderId;

    /// <summary>
    /// Paid by <paramref name="payment"/> (<see cref="GoldPayment"/> or <see cref="RmbPayment"/>): split, store the
    /// shares, start the countdown, tell the room (or everybody). Once per packet, and only for the payment that pays
    /// for it. Says whether it opened, was refused (another payment's packet) or missing, or the state it already had.
    /// </summary>
    public async Task<OpenResult> OpenAsync(string pid, string payment)
    {
        var f = await Db.HashGetAsync(PacketKey(pid), ["config", "room", "sender"]).ConfigureAwait(false);
        if (f[0].IsNull) return new OpenResult(OpenOutcome.Missing);
        if (Options.Find((int)f[0]) is not { } config)
        {
            Log.Error("red packet {Packet}: configuration {Config} is no longer configured; not opened", pid, f[0]);
            return new OpenResult(OpenOutcome.Unconfigured);
        }
        long expire = Now + config.CountdownSeconds;
        var shares = PacketSplitter.Split(config.Total, config.Shares, _random);
        var outcome = await _scripts.Open.CallAsync(new OpenArgs(pid, expire, payment, shares)).ConfigureAwait(false);
        if (outcome.Outcome != OpenOutcome.Opened) return outcome;
        string room = f[1].ToString(), sender = f[2].ToString();
        await Db.SortedSetAddAsync(Index, pid, expire).ConfigureAwait(false);
        if (payment.StartsWith("rmb:", StringComparison.Ordinal))
            await _player.Payments.Slots.ReleaseAsync(UnpaidKey(sender), pid).ConfigureAwait(false);
        DataLog.Write("redpacket send", ("packetid", pid), ("sender", sender), ("roomid", room), ("total", config.Total),
            ("shares", config.Shares), ("split", string.Join(",", shares)));
        var push = new PacketSentPush
        {
            PacketId = pid, RoomId = room, Sender = sender, Id = config.Id, Text = config.Text, Shares = config.Shares, Expire = expire,
                SiteWide = config.SiteWide ? 1 : 0,
        };
        // The pendant first: a grab answering the broadcast at once must find it to move or end it.
        await _events.PublishAsync(new RedPacketOpened(room, pid, config.Shares, config.Pendant, sender)).ConfigureAwait(false);
        if (config.SiteWide) await _router.ToEveryoneAsync(RedPacketProtocol.Sent, push).ConfigureAwait(false);
        else await _router.ToRoomAsync(room, RedPacketProtocol.Sent, push).ConfigureAwait(false);
        return outcome;
    }

    public async Task<GrabResponse> GrabAsync(string acc, string pid)
    {
        var room = await Db.HashGetAsync(PacketKey(pid), "room").ConfigureAwait(false);
        if (room.IsNull) return new GrabResponse { Result = (int)ResultCode.RedisNoData };
        // Before the share is taken, the packet falls due soon: if this node dies between taking the share and
        // crediting it, the settlement pass credits it then (not only when the countdown is over).
        var member = _rooms.IsMemberAsync(room.ToString(), acc);
        await Task.WhenAll(member, _scripts.Sooner.CallAsync(new SoonerArgs(pid, Now + RetrySeconds))).ConfigureAwait(false);
        if (!await member.ConfigureAwait(false)) return new GrabResponse { Result = (int)ResultCode.NotInRoom };
        var (outcome, amount) = await _scripts.Grab.CallAsync(new GrabArgs(pid, acc, Now)).ConfigureAwait(false);
        switch (outcome)
        {
            case GrabOutcome.Grabbed: return new GrabResponse { Result = (int)ResultCode.PacketGrabbed, Amount = amount };
            case GrabOutcome.Empty: return new GrabResponse { Result = (int)ResultCode.PacketEmpty };
            case GrabOutcome.Closed: return new GrabResponse { Result = (int)ResultCode.PacketClosed };
        }
        DataLog.Write("redpacket grab", ("packetid", pid), ("acc", acc), ("amount", amount));
        await CreditAsync(pid, acc, amount).ConfigureAwait(false);
        var f = await Db.HashGetAsync(PacketKey(pid), ["config", "shares"]).ConfigureAwait(false);
        if (Options.Find((int)f[0])?.Pendant == true)
        {
            int grabbed = (int)await Db.HashLengthAsync(GrabbedKey(pid)).ConfigureAwait(false);
            await _events.PublishAsync(new RedPacketProgress(room.ToString(), pid, grabbed, (int)f[1])).ConfigureAwait(false);
            if (grabbed == (int)f[1])
                await _events.PublishAsync(new RedPacketEnded(room.ToString(), pid, "all grabbed")).ConfigureAwait(false);
        }
        return new GrabResponse { Amount = amount };
    }

    /// <summary>Credits one grabbed share (exactly once: the ledger key is packet + account), then clears its pending mark.</summary>
    private async Task CreditAsync(string pid, string acc, long amount)
    {
        var credit = await _player.Ledger.ApplyAsync(LedgerOperation.Currency(acc, $"rp:{pid}:{acc}", "red packet grab", "gold", amount))
            .ConfigureAwait(false);
        if (!credit.Settled) throw new InvalidOperationException($"red packet {pid}: credit of {acc} refused ({credit.Status})");
        await Db.SetRemoveAsync(PendingKey(pid), acc).ConfigureAwait(false);
    }

    /// <summary>The packets of a room not settled yet (open, paying, refunding).</summary>
    public async Task<List<string>> InRoomAsync(string room) =>
        (await Db.SetMembersAsync(RoomPackets(room)).ConfigureAwait(false)).Select(v => v.ToString()).Order(StringComparer.Ordinal)
            .ToList();

    public async Task<string> RoomOfAsync(string pid) => (await Db.HashGetAsync(PacketKey(pid), "room").ConfigureAwait(false)).ToString();

    /// <summary>Who sends packet <paramref name="pid"/> in which room, how it is paid (gold or rmb) and by which order; null when there is
    /// no such packet.</summary>
    public async Task<(string Sender, string Room, PacketPay Pay, string OrderId)?> PaymentOfAsync(string pid)
    {
        var f = await Db.HashGetAsync(PacketKey(pid), ["sender", "room", "pay", "orderid"]).ConfigureAwait(false);
        return f[0].IsNull ? null : (f[0].ToString(), f[1].ToString(), PacketStates.Pay.Read(f[2]), f[3].ToString());
    }

    public async Task<PacketRecordsResponse?> RecordsAsync(string pid)
    {
        var f = (await Db.HashGetAllAsync(PacketKey(pid)).ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => e.Value);
        if (f.Count == 0) return null;
        var grabs = (await Db.ListRangeAsync(LogKey(pid)).ConfigureAwait(false)).Select(v => v.ToString().Split('|'))
            .Select(p => new GrabRecord { Acc = p[0], Amount = long.Parse(p[1], CultureInfo.InvariantCulture),
                Time = long.Parse(p[2], CultureInfo.InvariantCulture) }).ToList();
        var top = grabs.OrderByDescending(g => g.Amount).ThenBy(g => g.Time).Take(5).ToList();
        return new PacketRecordsResponse
        {
            Sender = f["sender"].ToString(), State = f["state"].ToString(), Total = (long)f["total"], Shares = (int)f["shares"],
            Left = f.TryGetValue("left", out var left) ? (long)left : (long)f["total"], Grabs = grabs, Top = top,
            Luckiest = top.FirstOrDefault()?.Acc ?? "",
        };
    }
}
