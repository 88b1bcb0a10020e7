using SocialGame.Core.Storage;
using StackExchange.Redis;

namespace SocialGame.Modules.Pendant;

/// <summary>An operator's change to one pendant (<c>pendant_save.lua</c>).</summary>
internal enum PendantSaveOp
{
    Create,
    Change,
    Remove,
}

/// <summary>A room's pendant entry as the scripts answer it: since, until (unix seconds), current of total.</summary>
internal sealed record PendantEntry(long Since, long Until, long Current, long Total);

/// <summary>The pendant-in-a-room scripts' contracts: KEYS and ARGV as their headers list them, and their typed replies.</summary>
internal sealed partial class PendantService
{
    private enum TriggerOutcome
    {
        Shown,
        Extended,
    }

    private enum ProgressOutcome
    {
        Ok,
        Same,
        Stale,
        Ended,
        Missing,
    }

    private static readonly StringCodec<TriggerOutcome> TriggerOutcomes = StringCodec<TriggerOutcome>.SnakeCase("pendant_trigger outcome");
    private static readonly StringCodec<ProgressOutcome> ProgressOutcomes =
        StringCodec<ProgressOutcome>.SnakeCase("pendant_progress outcome");

    /// <summary><c>pendant_trigger.lua</c>: shows <paramref name="Field"/> until <paramref name="Until"/> (total 0: no progress).</summary>
    private sealed record TriggerArgs(string RoomId, string Field, long Now, long Until, long Current, long Total, long KeyTtlSeconds)
        : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(RoomKey(RoomId)).Args(Field, Now, Until, Current, Total, KeyTtlSeconds);
    }

    private sealed record ProgressArgs(string RoomId, string Field, long Now, long Current, long Total) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(RoomKey(RoomId)).Args(Field, Now, Current, Total);
    }

    private static PendantEntry Entry(ScriptReply r) => new(r.Long(1), r.Long(2), r.Long(3), r.Long(4));

    private static LuaScript<TriggerArgs, (TriggerOutcome Outcome, PendantEntry Entry)> TriggerScript(ScriptRegistry scripts) =>
        new(scripts, typeof(PendantService).Assembly, "pendant_trigger.lua", r => (r.Outcome(TriggerOutcomes, 0), Entry(r)));

    private static LuaScript<ProgressArgs, (ProgressOutcome Outcome, PendantEntry Entry)> ProgressScript(ScriptRegistry scripts) =>
        new(scripts, typeof(PendantService).Assembly, "pendant_progress.lua", r => (r.Outcome(ProgressOutcomes, 0), Entry(r)));
}

/// <summary>The pendant definition scripts' contracts.</summary>
internal sealed partial class PendantStore
{
    public static readonly StringCodec<PendantSaveOp> SaveOps = StringCodec<PendantSaveOp>.SnakeCase("pendant_save op");

    /// <summary><c>pendant_seed.lua</c>: the file's hash, then (id, json) pairs to the end of ARGV.</summary>
    private sealed record SeedArgs(string FileHash, IReadOnlyList<PendantDef> Pendants) : IScriptArgs
    {
        public void Write(ScriptCall call) => call
            .Key(DefsKey).Key(VersionKey).Key(SeedKey).Key(SeededKey)
            .Arg(FileHash).Each(Pendants, (c, def) => c.Args(def.Id, ToJson(def)));
    }

    /// <summary><c>pendant_save.lua</c> (<paramref name="Json"/> "" for a removal).</summary>
    private sealed record SaveArgs(PendantSaveOp Op, string Id, string Json) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(DefsKey).Key(VersionKey).Args(SaveOps.Write(Op), Id, Json);
    }

    /// <summary>The new version, or why nothing was saved.</summary>
    private sealed record SaveResult(PendantSaveOutcome Outcome, long Version);

    private static LuaScript<SeedArgs, bool> SeedScript(ScriptRegistry scripts) =>
        new(scripts, typeof(PendantStore).Assembly, "pendant_seed.lua", r => r.Flag());

    private static LuaScript<SaveArgs, SaveResult> SaveScript(ScriptRegistry scripts) =>
        new(scripts, typeof(PendantStore).Assembly, "pendant_save.lua", r => r.String() switch
        {
            "exists" => new SaveResult(PendantSaveOutcome.Exists, 0),
            "missing" => new SaveResult(PendantSaveOutcome.Missing, 0),
            _ => new SaveResult(PendantSaveOutcome.Saved, r.Long()),
        });
}
