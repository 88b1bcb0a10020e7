using SocialGame.Core.Logging;
using SocialGame.Core.Storage;
using SocialGame.Core.Storage.Keys;
using StackExchange.Redis;

namespace SocialGame.Modules.Pandora;

/// <summary>The Pandora step of deleting an account.</summary>
internal sealed partial class PandoraService
{
    /// <summary>
    /// The account's entries step: its draws still pending are granted first (the ledger is still open: what it won reaches
    /// its wallet and the ledger, which finance keeps), then its draws leave every box, and a box it owns keeps its state
    /// with a placeholder for the owner. Its records (its own key) go with its key space.
    /// </summary>
    public async Task EraseAccountAsync(string acc)
    {
        string mine = PandoraKeys.FieldsOfPattern(acc);
        await foreach (var key in _redis.ScanAsync(PandoraKeys.PendingPattern).ConfigureAwait(false))
        {
            var (room, box) = PandoraKeys.RoomAndBoxOfPending(key.ToString());
            if (room is null) continue;
            var fields = await SetScanAsync(key, mine).ConfigureAwait(false);
            foreach (var level in fields.Where(f => AccountOf(f) == acc).Select(LevelOfField).Distinct())
                await GrantLevelAsync(room, box!, level).ConfigureAwait(false);
        }
        int erased = 0;
        await foreach (var key in _redis.ScanAsync(PandoraKeys.DrawsPattern).ConfigureAwait(false))
        {
            var fields = new List<RedisValue>();
            await foreach (var entry in Db.HashScanAsync(key, mine).ConfigureAwait(false))
                if (AccountOf(entry.Name.ToString()) == acc) fields.Add(entry.Name);
            if (fields.Count > 0) erased += (int)await Db.HashDeleteAsync(key, fields.ToArray()).ConfigureAwait(false);
        }
        await foreach (var key in _redis.ScanAsync(PandoraKeys.BoxPattern).ConfigureAwait(false))
        {
            if (await Db.HashGetAsync(key, "owner").ConfigureAwait(false) != acc) continue;
            var step = Db.CreateTransaction();
            step.AddCondition(Condition.HashEqual(key, "owner", acc));
            _ = step.HashSetAsync(key, "owner", DeletedAccount.NewName());
            await step.ExecuteAsync().ConfigureAwait(false);
        }
        if (erased > 0) DataLog.Write("pandora draws erased", ("acc", acc), ("draws", erased));
    }

    private async Task<List<string>> SetScanAsync(RedisKey key, string pattern)
    {
        var found = new List<string>();
        await foreach (var m in Db.SetScanAsync(key, pattern).ConfigureAwait(false)) found.Add(m.ToString());
        return found;
    }

    /// <summary>The account of a draw field <c>level|kind|account</c>.</summary>
    private static string AccountOf(string field) => field.Split('|', 3) is { Length: 3 } p ? p[2] : "";

    private static int LevelOfField(string field) =>
        int.TryParse(field.Split('|')[0], global::System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : 0;
}
