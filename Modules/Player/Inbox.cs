using System.Text.Json;
using System.Text.Json.Nodes;
using SocialGame.Core.Logging;
using SocialGame.Core.Push;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Player;
using StackExchange.Redis;

namespace SocialGame.Modules.Player;

/// <summary>
/// The persistent notification path: a message is stored (capped, oldest dropped), pushed at once if
/// the account is online on any node, and listed by getinbox later. Other modules send their private
/// messages ("X gave you a season pass", "welcome back") through <see cref="SendAsync"/>.
/// </summary>
internal sealed class Inbox
{
    private readonly RedisStore _redis;
    private readonly IPushService _push;
    private readonly PlayerOptions _options;
    private readonly IClock _clock;
    private readonly LuaScript<AddArgs, (bool Stored, long Id)> _add;
    private readonly LuaScript<ReadArgs, int> _read;

    public Inbox(RedisStore redis, ScriptRegistry scripts, IPushService push, PlayerOptions options, IClock clock)
    {
        _redis = redis;
        _push = push;
        _options = options;
        _clock = clock;
        _add = new(scripts, typeof(Inbox).Assembly, "inbox_add.lua", r => (r.Int(0) == 1, r.Long(1)));
        _read = new(scripts, typeof(Inbox).Assembly, "inbox_read.lua", r => r.Int());
    }

    /// <summary>
    /// Stores and pushes a message. <paramref name="extra"/>, the module's data for the client, is written as
    /// JSON by the serializer (never put together by hand: a value with a quote in it stays one value). With a
    /// <paramref name="dedupeKey"/> the same message is stored once however often it is sent (for retried
    /// events). Returns the message id.
    /// </summary>
    public async Task<long> SendAsync(string acc, string kind, string title, string text, JsonObject? extra = null,
        string? dedupeKey = null)
    {
        var message = new InboxMessage { Kind = kind, Title = title, Text = text, Time = _clock.UnixSeconds,
            Extra = extra?.ToJsonString() ?? "" };
        var (stored, id) = await _add.CallAsync(new AddArgs(acc, message, _options.InboxCap, dedupeKey ?? "",
            (long)_options.IdempotencyTtlDays * 86400)).ConfigureAwait(false);
        message.Id = id;
        if (stored)
        {
            DataLog.Write("inbox", ("acc", acc), ("id", message.Id), ("kind", kind), ("title", title));
            await _push.ToAccountAsync(acc, PlayerProtocol.NewMessage, new NewMessagePush { Message = message }).ConfigureAwait(false);
        }
        return message.Id;
    }

    /// <summary>Every kept message, newest first.</summary>
    public async Task<List<InboxMessage>> ListAsync(string acc)
    {
        var values = await _redis.Db.HashValuesAsync(PlayerKeys.Inbox(acc)).ConfigureAwait(false);
        return values.Select(v => Parse(v.ToString())).OrderByDescending(m => m.Id).ToList();
    }

    public async Task<int> MarkReadAsync(string acc, IReadOnlyList<long> ids)
    {
        if (ids.Count == 0) return 0;
        return await _read.CallAsync(new ReadArgs(acc, ids)).ConfigureAwait(false);
    }

    /// <summary>KEYS and ARGV of <c>inbox_add.lua</c> (<paramref name="Dedupe"/> "": none).</summary>
    private sealed record AddArgs(string Account, InboxMessage Message, int Cap, string Dedupe, long DedupeTtlSeconds) : IScriptArgs
    {
        public void Write(ScriptCall call) => call
            .Key(PlayerKeys.Inbox(Account)).Key(PlayerKeys.InboxOrder(Account)).Key(PlayerKeys.InboxSeq(Account))
            .Key(PlayerKeys.Idempotency(Account, "mail:" + Dedupe))
            .Args(Message.Kind, Message.Title, Message.Text, Message.Time, Message.Extra, Cap, Dedupe, DedupeTtlSeconds);
    }

    /// <summary>KEYS and ARGV of <c>inbox_read.lua</c>: the message ids to the end of ARGV.</summary>
    private sealed record ReadArgs(string Account, IReadOnlyList<long> Ids) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(PlayerKeys.Inbox(Account)).Each(Ids, (c, id) => c.Arg(id));
    }

    private static InboxMessage Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        return new InboxMessage
        {
            Id = (long)r.GetProperty("id").GetDouble(),
            Kind = r.GetProperty("kind").GetString() ?? "",
            Title = r.GetProperty("title").GetString() ?? "",
            Text = r.GetProperty("text").GetString() ?? "",
            Time = (long)r.GetProperty("time").GetDouble(),
            Read = r.GetProperty("read").GetBoolean(),
            Extra = r.GetProperty("extra").GetString() ?? "",
        };
    }
}
