using SocialGame.Core.Storage;
using StackExchange.Redis;

namespace SocialGame.Modules.RedPacket;

/// <summary>The red packet scripts' contracts: KEYS and ARGV as their headers list them, and their typed replies.</summary>
internal sealed partial class RedPacketService
{
    private enum RecordOutcome
    {
        Created,
        Exists,
        Conflict,
        Missing,
    }

    private enum CloseOutcome
    {
        Refund,
        Done,
        No,
    }

    private enum GrabOutcome
    {
        Ok,
        Grabbed,
        Empty,
        Closed,
    }

    private static readonly StringCodec<RecordOutcome> RecordOutcomes = StringCodec<RecordOutcome>.SnakeCase("rp_create outcome");
    private static readonly StringCodec<CloseOutcome> CloseOutcomes = StringCodec<CloseOutcome>.SnakeCase("rp_close outcome");
    private static readonly StringCodec<GrabOutcome> GrabOutcomes = StringCodec<GrabOutcome>.SnakeCase("rp_grab outcome");

    /// <summary>The record's outcome and the stored packet's payment kind (null when there is none).</summary>
    private sealed record RecordResult(RecordOutcome Outcome, PacketPay? StoredPay);

    /// <summary>
    /// <c>rp_create.lua</c>: the binding pairs (sender, room, config, pay) first, then the rest of the record
    /// (<paramref name="OrderId"/> "": none).
    /// </summary>
    private sealed record CreateArgs(string Pid, bool Create, string Sender, string Room, int ConfigId, PacketPay Pay,
        long Total, int Shares, PacketState State, long Created, string OrderId) : IScriptArgs
    {
        public void Write(ScriptCall call)
        {
            call.Key(PacketKey(Pid)).Flag(Create)
                .Args("sender", Sender, "room", Room, "config", ConfigId, "pay", PacketStates.Pay.Write(Pay))
                .Args("total", Total, "shares", Shares, "state", PacketStates.State.Write(State), "created", Created);
            if (OrderId.Length > 0) call.Args("orderid", OrderId);
        }
    }

    /// <summary><c>rp_open.lua</c>: the shares to the end of ARGV.</summary>
    private sealed record OpenArgs(string Pid, long Expire, string Payment, IReadOnlyList<long> Shares) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(PacketKey(Pid)).Key(SharesKey(Pid)).Args(Expire, Payment)
            .Each(Shares, (c, share) => c.Arg(share));
    }

    private sealed record GrabArgs(string Pid, string Account, long Now) : IScriptArgs
    {
        public void Write(ScriptCall call) => call
            .Key(PacketKey(Pid)).Key(SharesKey(Pid)).Key(GrabbedKey(Pid)).Key(PendingKey(Pid)).Key(LogKey(Pid)).Args(Account, Now);
    }

    private sealed record CloseArgs(string Pid, long Now, bool Force) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(PacketKey(Pid)).Key(SharesKey(Pid)).Arg(Now).Flag(Force);
    }

    private sealed record StateArgs(string Pid, PacketState From, PacketState To) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(PacketKey(Pid)).Args(PacketStates.State.Write(From), PacketStates.State.Write(To));
    }

    private sealed record ExpireArgs(string Pid, long KeepSeconds) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(PacketKey(Pid)).Arg(KeepSeconds);
    }

    private sealed record SoonerArgs(string Pid, long Due) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(Index).Args(Pid, Due);
    }

    private sealed class Scripts(ScriptRegistry registry)
    {
        private static readonly global::System.Reflection.Assembly Assembly = typeof(RedPacketService).Assembly;

        public LuaScript<CreateArgs, RecordResult> Create { get; } = new(registry, Assembly, "rp_create.lua",
            r => new RecordResult(r.Outcome(RecordOutcomes, 0), r.String(2) is { Length: > 0 } pay ? r.Outcome(PacketStates.Pay, pay)
                : null));

        public LuaScript<OpenArgs, OpenResult> Open { get; } = new(registry, Assembly, "rp_open.lua", r => r.String() switch
        {
            "opened" => new OpenResult(OpenOutcome.Opened),
            "refused" => new OpenResult(OpenOutcome.Refused),
            "missing" => new OpenResult(OpenOutcome.Missing),
            var state => new OpenResult(OpenOutcome.NotWaiting, r.Outcome(PacketStates.State, state)),
        });

        public LuaScript<GrabArgs, (GrabOutcome Outcome, long Amount)> Grab { get; } = new(registry, Assembly, "rp_grab.lua",
            r => (r.Outcome(GrabOutcomes, 0), r.Long(1))) { Durable = true };

        public LuaScript<CloseArgs, (CloseOutcome Outcome, long Left)> Close { get; } = new(registry, Assembly, "rp_close.lua",
            r => (r.Outcome(CloseOutcomes, 0), r.Long(1)));

        public LuaScript<StateArgs, bool> State { get; } = new(registry, Assembly, "rp_state.lua", r => r.Flag());

        public LuaScript<ExpireArgs, bool> Expire { get; } = new(registry, Assembly, "rp_expire.lua", r => r.Flag());

        public LuaScript<SoonerArgs, bool> Sooner { get; } = new(registry, Assembly, "rp_sooner.lua", r => r.Flag());

        public LuaScript<AnonymiseArgs, AnonymiseOutcome> Anonymise { get; } =
            new(registry, Assembly, "rp_anonymise.lua", r => r.Outcome(AnonymiseOutcomes));
    }

    /// <summary>The packet's state as stored (null: no packet, or no state).</summary>
    private static PacketState? StateOf(RedisValue stored) => stored.IsNullOrEmpty ? null : PacketStates.State.Read(stored);
}
