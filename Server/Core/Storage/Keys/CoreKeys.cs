using StackExchange.Redis;

namespace SocialGame.Core.Storage.Keys;

/// <summary>The keys and channels of the core (sessions, operators, node messages).</summary>
internal static class CoreKeys
{
    /// <summary>
    /// Where an account is connected: "node|sessionId" with a TTL. The account is its hash tag, so the entry lives in the
    /// account's cluster slot (with its profile, wallet, inbox): one master decides a login, not two.
    /// </summary>
    public static RedisKey Presence(string account) => "sg:online:{" + account + "}";

    /// <summary>SCAN pattern of every key of an account's space (deleting an account walks them).</summary>
    public static string AccountSpace(string account) => AccountKeys.Glob(account);

    /// <summary>The failed logins of an operator, for the lockout.</summary>
    public static RedisKey OperatorFailures(string name) => $"sg:operator:{name}:loginfail";

    /// <summary>A web console session (by the SHA-256 of its cookie): the operator and its CSRF token, until it expires or signs
    /// out.</summary>
    public static RedisKey ConsoleSession(string idHash) => "sg:console:session:" + idHash;

    /// <summary>The audit trail of operator writes, newest first (capped).</summary>
    public static readonly RedisKey OperatorAudit = "sg:console:audit";

    /// <summary>The channel a node listens on for messages from other nodes (the message router's).</summary>
    public static RedisChannel Node(string node) => RedisChannel.Literal("sg:node:" + node);
    /// <summary>The channel of one room's messages, subscribed by the nodes holding members of it (the message router's).</summary>
    public static RedisChannel RoomCast(string roomId) => RedisChannel.Literal("sg:roomcast:" + roomId);
    /// <summary>The channel of messages to everybody online (the message router's).</summary>
    public static readonly RedisChannel Everyone = RedisChannel.Literal("sg:sitecast");

    public static readonly IReadOnlyList<KeyPattern> Patterns =
    [
        new("sg:online:{<acc>}", "where an account is connected"),
        new("sg:operator:<any>:loginfail", "an operator's failed logins"),
        new("sg:console:session:<any>", "a web console session"),
        new("sg:console:audit", "the audit trail of operator writes"),
    ];

    public static readonly IReadOnlyList<KeyPattern> Channels =
        [new("sg:node:<any>", "messages to one node"), new("sg:roomcast:<any>", "one room's messages"),
            new("sg:sitecast", "messages to everybody online")];

    public static readonly IReadOnlyList<AccountData> AccountData =
    [
        new("core", Patterns[0], AccountDataPlace.Key, AccountDataPolicy.Delete, "a connection's presence; gone with the session"),
    ];
}
