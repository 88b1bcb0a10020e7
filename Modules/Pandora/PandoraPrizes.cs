using System.Text.Json;
using SocialGame.Modules.Player;
using SocialGame.Protocol.Messages.Pandora;

namespace SocialGame.Modules.Pandora;

/// <summary>A prize as stored with a draw (a copy of its configuration, so a later configuration change does not change a draw).</summary>
internal sealed record StoredPrize(int Id, string Name, string Currency, long Amount, int ItemId, long Count, long Days, long Value,
    long Time);

/// <summary>One line of a player's records: the draw (or owner reward) of a box's level.</summary>
internal sealed record StoredRecord(string RoomId, string Box, int Level, string Kind, StoredPrize Prize);

/// <summary>Prizes between the configuration, the stored draws, the ledger and the wire.</summary>
internal static class PandoraPrizes
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static StoredPrize Store(PandoraPrizeConfig p, ItemCatalog items, long now) =>
        new(p.Id, p.Name, p.Currency, p.Amount, p.ItemId, p.Count, p.ItemId != 0 ? (items.Find(p.ItemId)?.DurationDays ?? 0) * p.Count : 0,
            p.Value, now);

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Json)
        ?? throw new InvalidOperationException("a stored pandora value is empty");

    public static PandoraPrize Wire(StoredPrize p) => new()
    {
        Id = p.Id, Name = p.Name, Currency = p.Currency, Amount = p.Amount, ItemId = p.ItemId, Count = p.Count, Days = p.Days,
        Value = p.Value,
    };

    public static PandoraPrize Wire(PandoraPrizeConfig p, ItemCatalog items) => Wire(Store(p, items, 0));

    /// <summary>The ledger operation granting <paramref name="p"/>: keyed by box, level and kind (the account's own key space).</summary>
    public static LedgerOperation Grant(string account, string room, string box, int level, string kind, StoredPrize p) =>
        new(account, $"pandora:{room}:{box}:{level}:{kind}", kind == "o" ? "pandora owner reward" : "pandora draw",
            p.Currency.Length > 0 ? [new CurrencyChange(p.Currency, p.Amount)] : [],
            p.ItemId != 0 ? [new ItemChange(p.ItemId, p.Count)] : []);
}
