using SocialGame.Core.Storage;

namespace SocialGame.Modules.Bargain;

/// <summary>What bargain_start.lua did.</summary>
internal enum StartOutcome
{
    New,
    Swap,
    SelectCur,
    Doing,
    Had,
    Limit,
    /// <summary>The candidate code is taken: try another.</summary>
    Collision,
}

/// <summary>What the help scripts (player help and GM help) did.</summary>
internal enum HelpStatus
{
    Ok,
    NotExist,
    NotSelf,
    Nogoods,
    Over,
    None,
    Already,
    UserOnce,
    LimitAccount,
    LimitIp,
    LimitDevice,
    /// <summary>GM help only: the goods is free already.</summary>
    Free,
}

/// <summary>What bargain_pay_begin.lua did.</summary>
internal enum PayBeginOutcome
{
    Pay,
    Resume,
    None,
    Mismatch,
    Over,
    Had,
}

/// <summary>The bargain scripts' contracts: KEYS and ARGV as their headers list them, and their typed replies.</summary>
internal sealed partial class BargainStore
{
    private enum GiveUpOutcome
    {
        Ok,
        None,
    }

    private enum PayFinishOutcome
    {
        Done,
        Already,
        None,
    }

    private const string Library = "bargain_doc.lua";
    private static readonly StringCodec<StartOutcome> StartOutcomes = StringCodec<StartOutcome>.SnakeCase("bargain_start outcome");
    private static readonly StringCodec<HelpStatus> HelpStatuses = StringCodec<HelpStatus>.SnakeCase("bargain help outcome");
    private static readonly StringCodec<PayBeginOutcome> PayBeginOutcomes =
        StringCodec<PayBeginOutcome>.SnakeCase("bargain_pay_begin outcome");
    private static readonly StringCodec<GiveUpOutcome> GiveUpOutcomes = StringCodec<GiveUpOutcome>.SnakeCase("bargain_giveup outcome");
    private static readonly StringCodec<PayFinishOutcome> PayFinishOutcomes =
        StringCodec<PayFinishOutcome>.SnakeCase("bargain_pay_finish outcome");

    private readonly record struct StartArgs(BargainKeys Keys, int ActId, string Account, BargainGoods Goods, int MaxDoing, string Code,
        long SysCut, long Now) : IScriptArgs
    {
        public void Write(ScriptCall call) => call
            .Key(Keys.Player(ActId)).Key(Keys.Code(ActId))
            .Args(Account, Goods.Idx, Goods.GoodsId, Goods.GetCount, MaxDoing, Code, SysCut, Goods.MaxCut, Now);
    }

    private readonly record struct GiveUpArgs(BargainKeys Keys, int ActId, string Account, int Idx) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(Keys.Player(ActId)).Args(Account, Idx);
    }

    private readonly record struct HelpArgs(BargainKeys Keys, int ActId, BargainPeriod Period, string Helper, string Code, string Ip,
        string Device, BargainLimits Limits, long FirstAmount, long LaterAmount) : IScriptArgs
    {
        public void Write(ScriptCall call) => WriteGoods(call
            .Key(Keys.Player(ActId)).Key(Keys.Code(ActId)).Key(Keys.Help(ActId))
            .Args(Helper, Code, Ip, Device, Limits.AccountsPerIp, Limits.AccountsPerDevice, Limits.HelpsPerAccount, FirstAmount,
                LaterAmount), Period);
    }

    private readonly record struct GmHelpArgs(BargainKeys Keys, int ActId, BargainPeriod Period, string Gm, string Code, long Amount)
        : IScriptArgs
    {
        public void Write(ScriptCall call) => WriteGoods(call.Key(Keys.Code(ActId)).Args(Code, Gm, Amount), Period);
    }

    private readonly record struct PayBeginArgs(BargainKeys Keys, int ActId, string Account, string Code, BargainGoods Goods) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(Keys.Player(ActId)).Key(Keys.Code(ActId))
            .Args(Account, Code, Goods.Idx, Goods.GoodsId, Goods.GetCount);
    }

    private readonly record struct PayFinishArgs(BargainKeys Keys, int ActId, string Account, string Code) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(Keys.Player(ActId)).Key(Keys.Code(ActId)).Args(Account, Code);
    }

    private readonly record struct PayAbortArgs(BargainKeys Keys, int ActId, string Code) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(Keys.Code(ActId)).Arg(Code);
    }

    /// <summary>The period's goods as the help scripts read them: their count, then (idx, price - floorprice) pairs.</summary>
    private static ScriptCall WriteGoods(ScriptCall call, BargainPeriod period) =>
        call.Counted(period.Goods, (c, g) => c.Args(g.Idx, g.MaxCut));

    /// <summary>A help reply: the outcome alone when refused, else with the cut and the code's owner and goods.</summary>
    private static HelpOutcome ParseHelp(ScriptReply r) => r.Length < 6
        ? new HelpOutcome(r.Outcome(HelpStatuses, 0), 0, 0, "", 0, 0)
        : new HelpOutcome(r.Outcome(HelpStatuses, 0), r.Long(1), r.Long(2), r.String(3), r.Int(4), r.Int(5));

    private sealed class Scripts(ScriptRegistry registry)
    {
        private static readonly global::System.Reflection.Assembly Assembly = typeof(BargainStore).Assembly;

        public LuaScript<StartArgs, (StartOutcome Outcome, string Code, string Json)> Start { get; } =
            new(registry, Assembly, "bargain_start.lua", r => (r.Outcome(StartOutcomes, 0), r.String(1), r.String(2)), Library);

        public LuaScript<GiveUpArgs, string?> GiveUp { get; } = new(registry, Assembly, "bargain_giveup.lua",
            r => r.Outcome(GiveUpOutcomes, 0) == GiveUpOutcome.Ok ? r.String(1) : null, Library);

        public LuaScript<HelpArgs, HelpOutcome> Help { get; } =
            new(registry, Assembly, "bargain_help.lua", ParseHelp, Library) { Durable = true };

        public LuaScript<GmHelpArgs, HelpOutcome> GmHelp { get; } = new(registry, Assembly, "bargain_gm_help.lua", ParseHelp, Library);

        public LuaScript<PayBeginArgs, (PayBeginOutcome Outcome, long TotalDelPrice)> PayBegin { get; } =
            new(registry, Assembly, "bargain_pay_begin.lua", r => (r.Outcome(PayBeginOutcomes, 0), r.Long(1)), Library) { Durable = true };

        public LuaScript<PayFinishArgs, bool> PayFinish { get; } = new(registry, Assembly, "bargain_pay_finish.lua",
            r => r.Outcome(PayFinishOutcomes, 0) == PayFinishOutcome.Done, Library) { Durable = true };

        public LuaScript<PayAbortArgs, bool> PayAbort { get; } = new(registry, Assembly, "bargain_pay_abort.lua", r => r.Flag(), Library);
    }
}
