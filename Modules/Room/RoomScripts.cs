using SocialGame.Core.Storage;

namespace SocialGame.Modules.Room;

/// <summary>A live event as room_live.lua applies it.</summary>
internal enum LiveAction
{
    Start,
    Stop,
    Owner,
}

/// <summary>What a live event did to its room.</summary>
internal enum LiveOutcome
{
    Opened,
    Closed,
    Owner,
    /// <summary>The same event again (recognised by its content or id).</summary>
    Duplicate,
    /// <summary>An event of an older session.</summary>
    Stale,
    Notlive,
}

/// <summary>The room scripts' contracts: KEYS and ARGV as their headers list them, and their typed replies.</summary>
internal sealed partial class RoomService
{
    public static readonly StringCodec<LiveAction> LiveActions = StringCodec<LiveAction>.SnakeCase("room_live action");
    public static readonly StringCodec<LiveOutcome> LiveOutcomes = StringCodec<LiveOutcome>.SnakeCase("room_live outcome");

    /// <summary><c>room_live.lua</c> (<paramref name="Session"/> "" for an owner change).</summary>
    private sealed record LiveArgs(string RoomId, LiveAction Action, string Session, string Owner, int Slots, string Title, long Now)
        : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(RoomKey(RoomId)).Args(LiveActions.Write(Action), Session, Owner, Slots, Title, Now);
    }

    private sealed record UnlinkArgs(string Account, string Business, string RoomId) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(AccountRooms(Account)).Args(Business, RoomId);
    }

    private static LuaScript<LiveArgs, LiveOutcome> LiveScript(ScriptRegistry scripts) =>
        new(scripts, typeof(RoomService).Assembly, "room_live.lua", r => r.Outcome(LiveOutcomes));

    private static LuaScript<UnlinkArgs, bool> UnlinkScript(ScriptRegistry scripts) =>
        new(scripts, typeof(RoomService).Assembly, "room_unlink.lua", r => r.Flag());
}
