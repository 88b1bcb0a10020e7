using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NLog;
using SocialGame.Core;
using SocialGame.Core.Logging;
using SocialGame.Core.Storage;
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
/// crash left half done.
/// </summary>
public sealed partial class RedPacketService
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private static readonly RedisKey Index = "sg:rp:index";
    private readonly ServerServices _services;
    private readonly PlayerBase _player;
    private readonly RoomService _rooms;
    private readonly RedisScript _create, _open, _grab, _close, _state;

    public RedPacketService(ServerServices services, PlayerBase player, RoomService rooms, RedPacketOptions options)
    {
        _services = services;
        _player = player;
        _rooms = rooms;
        Options = options;
        var asm = typeof(RedPacketService).Assembly;
        _create = services.Scripts.RegisterEmbedded(asm, "rp_create.lua");
        _open = services.Scripts.RegisterEmbedded(asm, "rp_open.lua");
        _grab = services.Scripts.RegisterEmbedded(asm, "rp_grab.lua");
        _close = services.Scripts.RegisterEmbedded(asm, "rp_close.lua");
        _state = services.Scripts.RegisterEmbedded(asm, "rp_state.lua");
    }

    public RedPacketOptions Options { get; }

    /// <summary>Called when a packet opens (room pendant) and after each grab (its progress).</summary>
    public Func<string, string, int, int, Task>? OnProgress { get; set; }

    /// <summary>Called when a packet is finished (all grabbed) or refunded: (room, packet, reason).</summary>
    public Func<string, string, string, Task>? OnEnded { get; set; }

    private IDatabase Db => _services.Redis.Db;
    private long Now => _services.Clock.UnixSeconds;
    public static RedisKey PacketKey(string pid) => $"sg:rp:{{{pid}}}";
    private static RedisKey SharesKey(string pid) => $"sg:rp:{{{pid}}}:shares";
    private static RedisKey GrabbedKey(string pid) => $"sg:rp:{{{pid}}}:grabbed";
    private static RedisKey PendingKey(string pid) => $"sg:rp:{{{pid}}}:pending";
    private static RedisKey LogKey(string pid) => $"sg:rp:{{{pid}}}:log";
    private static RedisKey RoomPackets(string room) => $"sg:rp:room:{room}";

    /// <summary>The packet id of a send request: the same request always names the same packet.</summary>
    public static string PacketId(string sender, string reqId) =>
        "P" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sender + "|" + reqId)))[..20];

    public async Task<SendPacketResponse> SendAsync(string sender, SendPacketRequest request)
    {
        var config = Options.Find(request.Id)!;
        if (RedPacketOptions.Problem(config) is { } problem)
        {
            Log.Error("red packet configuration {0} cannot be sent: {1}", config.Id, problem);
            return new SendPacketResponse { Result = (int)ResultCode.DataError };
        }
        string room = request.RoomId!;
        if ((await _rooms.InfoAsync(room).ConfigureAwait(false))?.Live != 1) return new SendPacketResponse { Result = (int)ResultCode.RoomNotLive };
        if (!await _rooms.IsMemberAsync(room, sender).ConfigureAwait(false)) return new SendPacketResponse { Result = (int)ResultCode.NotInRoom };
        bool gold = request.Pay == 1;
        if ((gold && config.GoldPrice == 0) || (!gold && (config.ProductId.Length == 0 || _player.Products.Find(config.ProductId) is null)))
            return new SendPacketResponse { Result = (int)ResultCode.ParamError };

        string pid = PacketId(sender, request.ReqId!);
        var created = (RedisResult[])(await _services.Scripts.EvalAsync(_create, [PacketKey(pid)],
        [
            "sender", sender, "room", room, "config", config.Id, "total", config.Total, "shares", config.Shares,
            "state", gold ? "paying" : "ordered", "created", Now, "pay", gold ? "gold" : "rmb",
        ]).ConfigureAwait(false))!;
        await Task.WhenAll(Db.SortedSetAddAsync(Index, pid, Now), Db.SetAddAsync(RoomPackets(room), pid)).ConfigureAwait(false);
        if (created[0].ToString() == "created") DataLog.Write("redpacket create", ("packetid", pid), ("sender", sender), ("roomid", room), ("config", config.Id), ("pay", gold ? "gold" : "rmb"));

        if (!gold)
        {
            var existing = await Db.HashGetAsync(PacketKey(pid), "orderid").ConfigureAwait(false);
            var order = existing.IsNull ? null : await _player.Payments.GetAsync(existing.ToString()).ConfigureAwait(false);
            if (order is null)
            {
                order = await _player.Payments.CreateAsync(sender, _player.Products.Find(config.ProductId)!, pid).ConfigureAwait(false);
                await Db.HashSetAsync(PacketKey(pid), "orderid", order.Id).ConfigureAwait(false);
            }
            return new SendPacketResponse { PacketId = pid, OrderId = order.Id, Amount = order.Amount };
        }
        var paid = await PayGoldAsync(pid, sender, config).ConfigureAwait(false);
        if (paid != ResultCode.Success) return new SendPacketResponse { Result = (int)paid, PacketId = pid };
        if (await OpenAsync(pid).ConfigureAwait(false) == "failed")
        {
            // The settlement pass gave up on this send while its debit was stalled: the gold goes back.
            await _player.Ledger.ApplyAsync(LedgerOperation.Currency(sender, $"rp:{pid}:payback", "red packet not sent", "gold", config.GoldPrice)).ConfigureAwait(false);
            return new SendPacketResponse { Result = (int)ResultCode.ServerError, PacketId = pid };
        }
        return new SendPacketResponse { PacketId = pid };
    }

    private async Task<ResultCode> PayGoldAsync(string pid, string sender, PacketConfig config)
    {
        var debit = await _player.Ledger.ApplyAsync(LedgerOperation.Currency(sender, $"rp:{pid}:pay", "red packet " + config.Id, "gold", -config.GoldPrice)).ConfigureAwait(false);
        if (debit.Succeeded) return ResultCode.Success;
        // Not paid: the record goes away so the request can be tried again once the player can pay.
        if ((int)await _services.Scripts.EvalAsync(_state, [PacketKey(pid)], ["paying", "failed"]).ConfigureAwait(false) == 1)
        {
            await Db.SortedSetRemoveAsync(Index, pid).ConfigureAwait(false);
            await Db.KeyDeleteAsync(PacketKey(pid)).ConfigureAwait(false);
        }
        return debit.ToResult();
    }

    /// <summary>Paid: split, store the shares, start the countdown, tell the room (or everybody). Once per packet.
    /// Returns "opened", or the state the packet already had.</summary>
    public async Task<string> OpenAsync(string pid, string lateOrder = "")
    {
        var f = await Db.HashGetAsync(PacketKey(pid), ["config", "room", "sender"]).ConfigureAwait(false);
        var config = Options.Find((int)f[0])!;
        long expire = Now + config.CountdownSeconds;
        var shares = PacketSplitter.Split(config.Total, config.Shares, _services.Random);
        var args = new RedisValue[shares.Length + 2];
        args[0] = expire;
        args[1] = lateOrder;
        for (int i = 0; i < shares.Length; i++) args[i + 2] = shares[i];
        string outcome = (await _services.Scripts.EvalAsync(_open, [PacketKey(pid), SharesKey(pid)], args).ConfigureAwait(false)).ToString();
        if (outcome != "opened") return outcome;
        await Db.SortedSetAddAsync(Index, pid, expire).ConfigureAwait(false);
        string room = f[1].ToString(), sender = f[2].ToString();
        DataLog.Write("redpacket send", ("packetid", pid), ("sender", sender), ("roomid", room), ("total", config.Total), ("shares", config.Shares),
            ("split", string.Join(",", shares)));
        var push = new PacketSentPush
        {
            PacketId = pid, RoomId = room, Sender = sender, Id = config.Id, Text = config.Text, Shares = config.Shares, Expire = expire, SiteWide = config.SiteWide ? 1 : 0,
        };
        // The pendant first: a grab answering the broadcast at once must find it to move or end it.
        if (config.Pendant && OnProgress is { } progress) await progress(room, pid, 0, config.Shares).ConfigureAwait(false);
        if (config.SiteWide) await _rooms.Broadcaster.BroadcastAllAsync(RedPacketProtocol.Sent, push).ConfigureAwait(false);
        else await _rooms.Broadcaster.BroadcastAsync(room, RedPacketProtocol.Sent, push).ConfigureAwait(false);
        return outcome;
    }

    public async Task<GrabResponse> GrabAsync(string acc, string pid)
    {
        var room = await Db.HashGetAsync(PacketKey(pid), "room").ConfigureAwait(false);
        if (room.IsNull) return new GrabResponse { Result = (int)ResultCode.RedisNoData };
        if (!await _rooms.IsMemberAsync(room.ToString(), acc).ConfigureAwait(false)) return new GrabResponse { Result = (int)ResultCode.NotInRoom };
        var r = (RedisResult[])(await _services.Scripts.EvalAsync(_grab, [PacketKey(pid), SharesKey(pid), GrabbedKey(pid), PendingKey(pid), LogKey(pid)],
            [acc, Now]).ConfigureAwait(false))!;
        long amount = (long)r[1];
        switch (r[0].ToString())
        {
            case "grabbed": return new GrabResponse { Result = (int)ResultCode.PacketGrabbed, Amount = amount };
            case "empty": return new GrabResponse { Result = (int)ResultCode.PacketEmpty };
            case "closed": return new GrabResponse { Result = (int)ResultCode.PacketClosed };
        }
        DataLog.Write("redpacket grab", ("packetid", pid), ("acc", acc), ("amount", amount));
        await CreditAsync(pid, acc, amount).ConfigureAwait(false);
        var f = await Db.HashGetAsync(PacketKey(pid), ["config", "shares"]).ConfigureAwait(false);
        if (Options.Find((int)f[0])?.Pendant == true)
        {
            int grabbed = (int)await Db.HashLengthAsync(GrabbedKey(pid)).ConfigureAwait(false);
            if (OnProgress is { } progress) await progress(room.ToString(), pid, grabbed, (int)f[1]).ConfigureAwait(false);
            if (grabbed == (int)f[1] && OnEnded is { } ended) await ended(room.ToString(), pid, "all grabbed").ConfigureAwait(false);
        }
        return new GrabResponse { Amount = amount };
    }

    /// <summary>Credits one grabbed share (exactly once: the ledger key is packet + account), then clears its pending mark.</summary>
    private async Task CreditAsync(string pid, string acc, long amount)
    {
        var credit = await _player.Ledger.ApplyAsync(LedgerOperation.Currency(acc, $"rp:{pid}:{acc}", "red packet grab", "gold", amount)).ConfigureAwait(false);
        if (!credit.Succeeded) throw new InvalidOperationException($"red packet {pid}: credit of {acc} refused ({credit.Status})");
        await Db.SetRemoveAsync(PendingKey(pid), acc).ConfigureAwait(false);
    }

    public async Task<string> RoomOfAsync(string pid) => (await Db.HashGetAsync(PacketKey(pid), "room").ConfigureAwait(false)).ToString();

    /// <summary>Who sends packet <paramref name="pid"/> in which room, how it is paid (gold or rmb) and by which order; null when there is no such packet.</summary>
    public async Task<(string Sender, string Room, string Pay, string OrderId)?> PaymentOfAsync(string pid)
    {
        var f = await Db.HashGetAsync(PacketKey(pid), ["sender", "room", "pay", "orderid"]).ConfigureAwait(false);
        return f[0].IsNull ? null : (f[0].ToString(), f[1].ToString(), f[2].ToString(), f[3].ToString());
    }

    public async Task<PacketRecordsResponse?> RecordsAsync(string pid)
    {
        var f = (await Db.HashGetAllAsync(PacketKey(pid)).ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => e.Value);
        if (f.Count == 0) return null;
        var grabs = (await Db.ListRangeAsync(LogKey(pid)).ConfigureAwait(false)).Select(v => v.ToString().Split('|'))
            .Select(p => new GrabRecord { Acc = p[0], Amount = long.Parse(p[1], CultureInfo.InvariantCulture), Time = long.Parse(p[2], CultureInfo.InvariantCulture) }).ToList();
        var top = grabs.OrderByDescending(g => g.Amount).ThenBy(g => g.Time).Take(5).ToList();
        return new PacketRecordsResponse
        {
            Sender = f["sender"].ToString(), State = f["state"].ToString(), Total = (long)f["total"], Shares = (int)f["shares"],
            Left = f.TryGetValue("left", out var left) ? (long)left : (long)f["total"], Grabs = grabs, Top = top, Luckiest = top.FirstOrDefault()?.Acc ?? "",
        };
    }
}
