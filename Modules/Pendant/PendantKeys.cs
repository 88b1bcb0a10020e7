using StackExchange.Redis;

namespace SocialGame.Modules.Pendant;

/// <summary>
/// Redis keys and channels of pendants. A room's pendants carry the room's hash tag (<c>sg:room:{id}:pendants</c>),
/// beside the room's own keys, so they stay in the room's slot; the names differ from every room key.
/// </summary>
internal static class PendantKeys
{
    public static readonly RedisKey Defs = "sg:{pendant}:defs";
    public static readonly RedisKey Version = "sg:{pendant}:version";
    public static readonly RedisKey Seed = "sg:{pendant}:seed";
    public static readonly RedisKey Seeded = "sg:{pendant}:seeded";
    public static RedisKey Room(string roomId) => $"sg:room:{{{roomId}}}:pendants";

    /// <summary>The channel announcing a change of the definitions.</summary>
    public static readonly RedisChannel Reload = RedisChannel.Literal("sg:pendant:reload");

    public static readonly IReadOnlyList<Core.Storage.Keys.KeyPattern> Patterns =
    [
        new("sg:{pendant}:defs", "the definitions"), new("sg:{pendant}:version", "the definitions' version"),
        new("sg:{pendant}:seed", "the seed file's digest"), new("sg:{pendant}:seeded", "whether the seed was loaded"),
        new("sg:room:{<tag>}:pendants", "a room's pendants and their progress"),
    ];

    public static readonly IReadOnlyList<Core.Storage.Keys.KeyPattern> Channels =
        [new("sg:pendant:reload", "definitions changed")];
}
