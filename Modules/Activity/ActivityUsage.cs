using SocialGame.Core.Storage;
using StackExchange.Redis;

namespace SocialGame.Modules.Activity;

/// <summary>
/// A player's use of an activity's rules for its detail: how many times each buy-one-get-one item granted its second one (the
/// counters the store's purchases count in their ledger operations, <see cref="ActivityKeys.BuyOneGetOne"/>).
/// </summary>
internal sealed class ActivityUsage(RedisStore redis)
{
    public async Task<IReadOnlyDictionary<(string Store, int Item), int>> UsedAsync(ActivityDef def, string acc)
    {
        var keys = def.BuyOneGetOne.Select(r => ActivityKeys.BuyOneGetOne(acc, def.Id, r.StoreId, r.ItemId)).ToArray();
        var values = await redis.Db.StringGetAsync(keys).ConfigureAwait(false);
        var used = new Dictionary<(string Store, int Item), int>();
        for (int i = 0; i < keys.Length; i++)
            used[(def.BuyOneGetOne[i].StoreId, def.BuyOneGetOne[i].ItemId)] = (int)Math.Min(int.MaxValue, (long?)values[i] ?? 0);
        return used;
    }
}
