using System.Text.Json;
using SocialGame.Core.Logging;
using SocialGame.Core.Storage;
using SocialGame.Core.Storage.Keys;

namespace SocialGame.Core.Admin;

/// <summary>One operator write: who, when (unix milliseconds), what (method and path, status), the body, and before/after where the route
/// knows them.</summary>
public sealed record AuditEntry(long At, string Operator, string Role, string Method, string Path, int Status, string Body,
    object? Before, object? After);

/// <summary>
/// The audit trail of operator writes (every admin request other than a GET, allowed or refused): the newest
/// <see cref="Capacity"/> kept in Redis for the console, every one written to the datalog (<c>admin</c>).
/// </summary>
public sealed class AdminAudit(RedisStore redis)
{
    public const int Capacity = 10_000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task RecordAsync(AuditEntry entry)
    {
        string before = entry.Before is null ? "" : JsonSerializer.Serialize(entry.Before, Json);
        string after = entry.After is null ? "" : JsonSerializer.Serialize(entry.After, Json);
        DataLog.Write("admin", ("operator", entry.Operator), ("role", entry.Role), ("method", entry.Method), ("path", entry.Path),
            ("status", entry.Status), ("body", entry.Body), ("before", before), ("after", after));
        var db = redis.Db;
        await db.ListLeftPushAsync(CoreKeys.OperatorAudit, JsonSerializer.Serialize(entry, Json)).ConfigureAwait(false);
        await db.ListTrimAsync(CoreKeys.OperatorAudit, 0, Capacity - 1).ConfigureAwait(false);
    }

    /// <summary>
    /// The newest entries (at most <paramref name="count"/>), newest first, as stored JSON; with <paramref name="path"/>, only those of
    /// that path or below it (<c>/admin/gm</c>: the GM commands run from the console), looked for among the newest 2000.
    /// </summary>
    public async Task<List<JsonElement>> NewestAsync(int count, string? path = null)
    {
        count = Math.Clamp(count, 1, 1000);
        var values = await redis.Db.ListRangeAsync(CoreKeys.OperatorAudit, 0, (path is null ? count : 2000) - 1).ConfigureAwait(false);
        return values.Select(v => JsonSerializer.Deserialize<JsonElement>(v.ToString()))
            .Where(e => path is null || (e.TryGetProperty("path", out var p) && p.GetString() is { } at &&
                (at == path || at.StartsWith(path + "/", StringComparison.Ordinal))))
            .Take(count).ToList();
    }
}
