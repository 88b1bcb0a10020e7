using System.Globalization;
using SocialGame.Core.Storage.Keys;
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

    /// <summary>How many times the account got the second item of a buy-one-get-one item of an activity (a ledger counter, counted by
    /// the purchase's own ledger operation).</summary>
    public static RedisKey BuyOneGetOne(string acc, string activityId, string storeId, int itemId) =>
        AccountKeys.Of(acc, $"act:{activityId}:bogo:{storeId}:{itemId.ToString(CultureInfo.InvariantCulture)}");

    private static readonly KeyPattern BuyOneGetOneP =
        AccountKeys.Pattern("act:<seg>:bogo:<seg>:<int>", "buy-one-get-one second items granted to the account in an activity");

    /// <summary>A change of the definitions or overrides.</summary>
    public static readonly RedisChannel Reload = RedisChannel.Literal("sg:activity:reload");
    /// <summary>An activity opened or closed (published once, by the node that claimed the change).</summary>
    public static readonly RedisChannel Edges = RedisChannel.Literal("sg:activity:edges");

    public static readonly IReadOnlyList<Core.Storage.Keys.KeyPattern> Patterns =
    [
        new("sg:{activity}:defs", "the running activities (JSON)"), new("sg:{activity}:version", "the activities' version"),
        new("sg:{activity}:seed", "the digest of the activities file applied last"),
        new("sg:{activity}:overrides", "activities opened or closed by hand (id -> open|close)"),
        new("sg:{activity}:announced", "the state each activity was last announced in (id -> open|closed)"), BuyOneGetOneP,
    ];

    public static readonly IReadOnlyList<AccountData> AccountData =
    [
        new("activity", BuyOneGetOneP, AccountDataPlace.Key, AccountDataPolicy.Delete,
            "buy-one-get-one counts (the ledger keeps the grants); they expire after the activity"),
    ];

    public static readonly IReadOnlyList<Core.Storage.Keys.KeyPattern> Channels =
        [new("sg:activity:reload", "activities changed"), new("sg:activity:edges", "an activity opened or closed")];
}
