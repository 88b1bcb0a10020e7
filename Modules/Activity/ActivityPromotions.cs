using SocialGame.Core.Options;
using SocialGame.Modules.Player;
using SocialGame.Modules.Store;

namespace SocialGame.Modules.Activity;

/// <summary>
/// What the open activities add to the store (<see cref="IStorePromotions"/>): the buy-one-get-one and gift-to-friend marks on
/// items, the second item of a buy-one-get-one purchase with its per-account counter (both in the purchase's own ledger operation,
/// so the limit holds under concurrent buys), and whether an activity an item requires is open.
/// A purchase gets the second item for each one bought when all of them fit in what the account has left (the counter refuses
/// the extras otherwise and the store buys without them); what a purchase adds depends only on the request and the window, so a
/// repeat of the request replays it.
/// </summary>
internal sealed class ActivityPromotions(ActivityService activities, ActivityUsage usage) : IStorePromotions
{
    public const string BuyOneGetOneMark = "bogo", FriendGiftMark = "giftable";
    /// <summary>How long a buy-one-get-one counter outlives its activity's window.</summary>
    private static readonly TimeSpan CounterGrace = TimeSpan.FromDays(30);

    /// <summary>The running store configuration, to find a bonus item other than the one bought (set once at start-up).</summary>
    public StoreService? Catalog { get; set; }

    /// <summary>
    /// Checks the activities' store rules against the running store configuration: every store item they name is sold there, and
    /// a gift-to-friend item is paid in gold or yuanbao.
    /// </summary>
    public void CheckReferences(IReadOnlyList<ActivityDef> defs, OptionsValidator v)
    {
        if (Catalog is not { } store) return;
        for (int i = 0; i < defs.Count; i++)
        {
            var def = defs[i];
            for (int j = 0; j < def.BuyOneGetOne.Count; j++)
            {
                var rule = def.BuyOneGetOne[j];
                string at = $"activities[{i}].buyOneGetOne[{j}].";
                if (Find(store, rule.StoreId, rule.ItemId) is null) v.Error(at + "itemId", NotSold(rule.StoreId, rule.ItemId));
                else if (Find(store, rule.StoreId, rule.Bonus) is null) v.Error(at + "bonusItemId", NotSold(rule.StoreId, rule.Bonus));
            }
            for (int j = 0; j < def.FriendGift.Count; j++)
            {
                var rule = def.FriendGift[j];
                var item = Find(store, rule.StoreId, rule.ItemId);
                if (item is null) v.Error($"activities[{i}].friendGift[{j}].itemId", NotSold(rule.StoreId, rule.ItemId));
                else if (item.IsRmb) v.Error($"activities[{i}].friendGift[{j}].itemId", "must be paid in gold or yuanbao, not RMB");
            }
        }
    }

    private static StoreItem? Find(StoreService store, string storeId, int itemId) => store.Options.Find(storeId)?.Find(itemId);

    private static string NotSold(string storeId, int itemId) => $"store {storeId} has no item {itemId} in {StoreOptions.FileName}";

    public async Task<IReadOnlyList<IReadOnlyList<StoreMark>>> MarksAsync(string account, string storeId, IReadOnlyList<StoreItem> items,
        DateTimeOffset now)
    {
        var marks = items.Select(_ => new List<StoreMark>()).ToList();
        foreach (var def in await OpenForAsync(account, now).ConfigureAwait(false))
        {
            // the account's buy-one-get-one use in this activity, read once for the listing and only when it has a rule here
            IReadOnlyDictionary<(string Store, int Item), int>? used = null;
            for (int n = 0; n < items.Count; n++)
            {
                int id = items[n].Id;
                if (def.BuyOneGetOne.FirstOrDefault(r => r.StoreId == storeId && r.ItemId == id) is { } rule)
                {
                    used ??= await usage.UsedAsync(def, account).ConfigureAwait(false);
                    marks[n].Add(new StoreMark(BuyOneGetOneMark, "买一赠一 Buy one get one",
                        Math.Max(0, rule.Limit - used.GetValueOrDefault((storeId, id)))));
                }
                if (def.FriendGift.Any(r => r.StoreId == storeId && r.ItemId == id))
                    marks[n].Add(new StoreMark(FriendGiftMark, "可赠送好友 Gift to a friend"));
            }
        }
        return marks;
    }

    public async Task<PromotionExtras> ExtrasAsync(StorePurchase purchase, DateTimeOffset now)
    {
        foreach (var def in await OpenForAsync(purchase.Payer, now).ConfigureAwait(false))
        {
            if (def.BuyOneGetOne.FirstOrDefault(r => r.StoreId == purchase.StoreId && r.ItemId == purchase.Item.Id) is not { } rule)
                continue;
            var bonus = rule.Bonus == purchase.Item.Id ? purchase.Item
                : Catalog is { } store ? Find(store, rule.StoreId, rule.Bonus) : null;
            if (bonus is null) continue;
            int n = Math.Min(purchase.Count, rule.Limit);
            var (_, end) = def.Window(activities.Zone);
            long expireAt = (end > now ? end : now).Add(CounterGrace).ToUnixTimeSeconds();
            return new PromotionExtras(bonus.GrantChanges(n),
                [new LedgerCounter(ActivityKeys.BuyOneGetOne(purchase.Payer, def.Id, rule.StoreId, rule.ItemId).ToString(), rule.Limit, n,
                    expireAt)]);
        }
        return PromotionExtras.None;
    }

    public bool? IsActivityOpen(string activityId, DateTimeOffset now)
    {
        var snapshot = activities.Store.Current;
        var def = snapshot.Activities.FirstOrDefault(a => a.Id == activityId);
        return def is null ? null : activities.IsOpen(snapshot, def, now);
    }

    /// <summary>The activities open at <paramref name="now"/> whose audience the account is in (by id, so the first rule wins).</summary>
    private async Task<IReadOnlyList<ActivityDef>> OpenForAsync(string account, DateTimeOffset now)
    {
        var open = activities.OpenAt(now);
        if (open.Count == 0) return open;
        int vip = open.Any(a => a.MinVipLevel > 0) ? await activities.VipLevelAsync(account).ConfigureAwait(false) : 0;
        return open.Where(a => a.MinVipLevel <= vip).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
    }
}
