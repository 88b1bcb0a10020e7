using System.Globalization;
using SocialGame.Core.Storage;
using SocialGame.Core.Storage.Keys;
using StackExchange.Redis;

namespace SocialGame.Core.Sessions;

/// <summary>Where an account is connected, across nodes: <c>sg:online:{acc}</c> = "node|sessionId" with a TTL.</summary>
public sealed class Presence
{
    private readonly RedisStore _redis;
    private readonly LuaScript<ReleaseArgs, (string Node, long SessionId)?> _release;
    private readonly LuaScript<RefreshArgs, int> _refresh;
    private readonly int _batch;

    public Presence(RedisStore redis, ScriptRegistry scripts, string node, int ttlSeconds, bool cluster)
    {
        _redis = redis;
        Node = node;
        Ttl = TimeSpan.FromSeconds(ttlSeconds);
        _batch = cluster ? 1 : 500; // in cluster mode one script call may touch one slot only
        _release = new(scripts, typeof(Presence).Assembly, "presence_release.lua", r => Parse(r.String()));
        _refresh = new(scripts, typeof(Presence).Assembly, "presence_refresh.lua", r => r.Int());
    }

    public string Node { get; }
    public TimeSpan Ttl { get; }

    public static RedisKey Key(string account) => CoreKeys.Presence(account);

    public string Value(long sessionId) => Entry(Node, sessionId);

    private static string Entry(string node, long sessionId) => node + "|" + sessionId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Claims the account for this session; returns the previous holder, if any.</summary>
    public async Task<(string Node, long SessionId)?> ClaimAsync(string account, long sessionId)
    {
        var previous = await _redis.Db.StringSetAndGetAsync(Key(account), Value(sessionId), Ttl).ConfigureAwait(false);
        return Parse(previous);
    }

    /// <summary>Deletes the entry if it still names this session; returns the other session it names instead, if any.</summary>
    public Task<(string Node, long SessionId)?> ReleaseAsync(string account, long sessionId) =>
        _release.CallAsync(new ReleaseArgs(account, Value(sessionId), "", 0));

    /// <summary>
    /// Undoes <see cref="ClaimAsync"/> of a login that failed: if the entry still names this session, the holder
    /// it replaced (if any) gets its entry back, since that session may still be connected on its node.
    /// </summary>
    public Task UndoClaimAsync(string account, long sessionId, (string Node, long SessionId)? replaced) =>
        _release.CallAsync(new ReleaseArgs(account, Value(sessionId), replaced is { } r ? Entry(r.Node, r.SessionId) : "",
            (int)Ttl.TotalSeconds));

    public async Task<(string Node, long SessionId)?> LocateAsync(string account) =>
        Parse(await _redis.Db.StringGetAsync(Key(account)).ConfigureAwait(false));

    /// <summary>Re-asserts this node's entries, in batches of one script call each.</summary>
    public async Task RefreshAsync(IReadOnlyList<(string Account, long SessionId)> held, bool restore)
    {
        int batch = _batch;
        for (int start = 0; start < held.Count; start += batch)
        {
            var slice = held.Skip(start).Take(batch).ToList();
            await _refresh.CallAsync(new RefreshArgs(Node, slice, (int)Ttl.TotalSeconds, restore)).ConfigureAwait(false);
        }
    }

    /// <summary><c>presence_release.lua</c> (<paramref name="Replaced"/> "": none, then the TTL is not used).</summary>
    private sealed record ReleaseArgs(string Account, string Entry, string Replaced, int TtlSeconds) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(Key(Account)).Args(Entry, Replaced, TtlSeconds);
    }

    /// <summary><c>presence_refresh.lua</c>: one key per held session, and its entry at the same place after the TTL and the
    /// mode.</summary>
    private sealed record RefreshArgs(string Node, IReadOnlyList<(string Account, long SessionId)> Held, int TtlSeconds, bool Restore)
        : IScriptArgs
    {
        public void Write(ScriptCall call) => call
            .Each(Held, (c, h) => c.Key(Key(h.Account)))
            .Arg(TtlSeconds).Flag(Restore)
            .Each(Held, (c, h) => c.Arg(Entry(Node, h.SessionId)));
    }

    private static (string Node, long SessionId)? Parse(RedisValue value)
    {
        if (value.IsNullOrEmpty) return null;
        string s = value.ToString();
        int bar = s.LastIndexOf('|');
        if (bar <= 0 || !long.TryParse(s.AsSpan(bar + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long id)) return null;
        return (s[..bar], id);
    }
}
