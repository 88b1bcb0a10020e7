using StackExchange.Redis;

namespace SocialGame.Core.Storage.Keys;

/// <summary>The keys and channels of the core (sessions, operators, node messages).</summary>
public static class CoreKeys
{
    /// <summary>Where an account is connected: "node|sessionId" with a TTL.</summary>
    public static RedisKey Presence(string account) => "sg:online:" + account;

    /// <summary>The failed logins of an operator, for the lockout.</summary>
    public static RedisKey OperatorFailures(string name) => $"sg:operator:{name}:loginfail";

    /// <summary>The channel a node listens on for messages from other nodes.</summary>
    public static RedisChannel Node(string node) => RedisChannel.Literal("sg:node:" + node);

    public static readonly IReadOnlyList<KeyPattern> Patterns =
    [
        new("sg:online:<acc>", "where an account is connected"),
        new("sg:operator:<any>:loginfail", "an operator's failed logins"),
    ];

    public static readonly IReadOnlyList<KeyPattern> Channels = [new("sg:node:<any>", "messages to one node")];

    public static readonly IReadOnlyList<AccountData> AccountData =
    [
        new("core", Patterns[0], AccountDataPlace.Key, AccountDataPolicy.Delete, "a connection's presence; gone with the session"),
    ];
}
