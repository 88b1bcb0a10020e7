using SocialGame.Core.Storage;

namespace SocialGame.Modules.Pandora;

/// <summary>What <c>pandora_start.lua</c> did.</summary>
internal enum StartOutcome
{
    Started,
    Duplicate,
    Busy,
}

/// <summary>What <c>pandora_open.lua</c> did.</summary>
internal enum OpenOutcome
{
    Stored,
    Nobox,
    Notowner,
    Notreached,
    Opened,
}

/// <summary>What <c>pandora_close.lua</c> found.</summary>
internal enum CloseOutcome
{
    Closed,
    Was,
    None,
}

internal enum EnergyOutcome
{
    Added,
    Closed,
}

/// <summary>The box scripts' contracts: KEYS and ARGV as their headers list them, and their typed replies.</summary>
internal sealed partial class PandoraService
{
    private static readonly StringCodec<StartOutcome> StartOutcomes = StringCodec<StartOutcome>.SnakeCase("pandora_start outcome");
    public static readonly StringCodec<OpenOutcome> OpenOutcomes = StringCodec<OpenOutcome>.SnakeCase("pandora_open outcome");
    private static readonly StringCodec<CloseOutcome> CloseOutcomes = StringCodec<CloseOutcome>.SnakeCase("pandora_close outcome");
    private static readonly StringCodec<EnergyOutcome> EnergyOutcomes = StringCodec<EnergyOutcome>.SnakeCase("pandora_energy outcome");

    private sealed record StartArgs(string Room, string Box, string Owner, long Now) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(PandoraKeys.Box(Room)).Args(Box, Owner, Now);
    }

    private sealed record EnergyArgs(string Room, long Gold) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(PandoraKeys.Box(Room)).Arg(Gold);
    }

    private sealed record OwnerArgs(string Room, string Owner) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(PandoraKeys.Box(Room)).Arg(Owner);
    }

    private sealed record CloseArgs(string Room, long Now) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(PandoraKeys.Box(Room)).Arg(Now);
    }

    private sealed record CloseResult(CloseOutcome Outcome, string Box, long Energy, string Opened);

    /// <summary><c>pandora_open.lua</c>: <paramref name="Caller"/> "" when the close opens the level.</summary>
    private sealed record OpenArgs(string Room, string Box, int Level, long Threshold, string Caller, long Now, long KeepSeconds,
        string OwnerReward, IReadOnlyList<(string Account, string Prize)> Draws) : IScriptArgs
    {
        public void Write(ScriptCall call) => call
            .Key(PandoraKeys.Box(Room)).Key(PandoraKeys.Draws(Room, Box)).Key(PandoraKeys.Pending(Room, Box))
            .Args(Box, Level, Threshold, Caller, Now, KeepSeconds, OwnerReward)
            .Each(Draws, (c, d) => c.Args(d.Account, d.Prize));
    }

    private sealed record ClaimArgs(string Item, long Now, long Lease) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(PandoraKeys.Due).Args(Item, Now, Lease);
    }

    private sealed record TickArgs(string Room, long WindowMs, bool Trailing) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(PandoraKeys.Tick(Room)).Key(PandoraKeys.Trail(Room)).Arg(WindowMs).Flag(Trailing);
    }

    private sealed class Scripts(ScriptRegistry registry)
    {
        private static readonly global::System.Reflection.Assembly Assembly = typeof(PandoraService).Assembly;

        public LuaScript<StartArgs, StartOutcome> Start { get; } =
            new(registry, Assembly, "pandora_start.lua", r => r.Outcome(StartOutcomes));

        public LuaScript<EnergyArgs, (EnergyOutcome Outcome, long Energy)> Energy { get; } =
            new(registry, Assembly, "pandora_energy.lua", r => (r.Outcome(EnergyOutcomes, 0), r.Long(1)));

        public LuaScript<OwnerArgs, bool> Owner { get; } = new(registry, Assembly, "pandora_owner.lua", r => r.Flag());

        public LuaScript<CloseArgs, CloseResult> Close { get; } = new(registry, Assembly, "pandora_close.lua",
            r => new CloseResult(r.Outcome(CloseOutcomes, 0), r.String(1), r.Long(2), r.String(3)));

        public LuaScript<OpenArgs, (OpenOutcome Outcome, string Owner)> Open { get; } = new(registry, Assembly, "pandora_open.lua",
            r => (r.Outcome(OpenOutcomes, 0), r.String(1))) { Durable = true };

        public LuaScript<ClaimArgs, bool> Claim { get; } = new(registry, Assembly, "pandora_claim.lua", r => r.Flag());

        public LuaScript<TickArgs, long> Tick { get; } = new(registry, Assembly, "pandora_tick.lua", r => r.Long());
    }
}
