using StackExchange.Redis;

namespace SocialGame.Modules.Activity;

/// <summary>Redis keys and channels of the activities: the running definitions, the hand overrides and the announced states, all in
/// one slot.</summary>
internal static class ActivityKeys
{
    public static readonly RedisKey Defs = "sg:{activity}:defs";
    public static readonly RedisKey Version = "sg:{activity}:version";
    public static readonly RedisKey Seed = "sg:{activity}:seed";
    public static readonly RedisKey Overrides = "sg:{activity}:overrides";
    public static readonly RedisKey Announced = "sg:{activity}:announced";

    /// <summary>A change of the definitions or overrides.</summary>
    public static readonly RedisChannel Reload = RedisChannel.Literal("sg:activity:reload");
    /// <summary>An activity opened or closed (published once, by the node that claimed the change).</summary>
    public static readonly RedisChannel Edges = RedisChannel.Literal("sg:activity:edges");

    public static readonly IReadOnlyList<Core.Storage.Keys.KeyPattern> Patterns =
    [
        new("sg:{activity}:defs", "the running activities (JSON)"), new("sg:{activity}:version", "the activities' version"),
        new("sg:{activity}:seed", "the digest of the activities file applied last"),
        new("sg:{activity}:overrides", "activities opened or closed by hand (id -> open|close)"),
        new("sg:{activity}:announced", "the state each activity was last announced in (id -> open|closed)"),
    ];

    public static readonly IReadOnlyList<Core.Storage.Keys.KeyPattern> Channels =
        [new("sg:activity:reload", "activities changed"), new("sg:activity:edges", "an activity opened or closed")];
}
