using System.Text.Json.Nodes;
using SocialGame.Core.Logging;
using SocialGame.Modules.Account;
using SocialGame.Modules.Player;
using SocialGame.Modules.Store;
using SocialGame.Protocol;

namespace SocialGame.Modules.Activity;

/// <summary>
/// 赠送好友: buying a store item for a friend while an activity offers it (<see cref="IStoreGifting"/>). The checks are the season
/// pass gifting's: the two are friends, the friend is someone else, exists, is not cancelling the account, and does not already own
/// for good everything the item grants. They are made before the payment and again just before the grant: a friend who became
/// ineligible in between gets nothing and the payer is refunded. The friend is told through the inbox.
/// </summary>
internal sealed class ActivityFriendGifts(ActivityService activities, PlayerBase player, CancellationService cancellation) : IStoreGifting
{
    public async Task<ResultCode> CheckAsync(string payer, string friend, string storeId, StoreItem item, DateTimeOffset now)
    {
        var open = activities.OpenAt(now);
        int vip = open.Any(a => a.MinVipLevel > 0) ? await activities.VipLevelAsync(payer).ConfigureAwait(false) : 0;
        if (!open.Any(a => a.MinVipLevel <= vip && a.FriendGift.Any(r => r.StoreId == storeId && r.ItemId == item.Id)))
            return ResultCode.FriendGiftNotOffered;
        return await RecipientAsync(payer, friend, item).ConfigureAwait(false);
    }

    public async Task<ResultCode> RecipientAsync(string payer, string friend, StoreItem item)
    {
        if (payer == friend) return ResultCode.ParamError;
        if (!await player.Friends.AreFriendsAsync(payer, friend).ConfigureAwait(false)) return ResultCode.NotFriends;
        if (!await player.Profiles.ExistsAsync(friend).ConfigureAwait(false)) return ResultCode.RecipientIneligible;
        if ((await cancellation.StateAsync(friend).ConfigureAwait(false)).IsCancelling()) return ResultCode.RecipientIneligible;
        var owned = (await player.Ledger.GetInventoryAsync(friend).ConfigureAwait(false))
            .Where(h => h.ExpireTime == 0 && h.Item is { Stackable: false, DurationDays: 0 }).Select(h => h.Item.Id).ToHashSet();
        return item.Grants.All(g => owned.Contains(g.ItemId) && player.Items.Find(g.ItemId) is { Stackable: false, DurationDays: 0 })
            ? ResultCode.RecipientIneligible : ResultCode.Success;
    }

    public async Task GrantedAsync(StorePurchase purchase)
    {
        DataLog.Write("activity friend gift", ("from", purchase.Payer), ("to", purchase.Recipient), ("store", purchase.StoreId),
            ("item", purchase.Item.Id), ("count", purchase.Count), ("reqid", purchase.RequestId));
        string from = (await player.Profiles.GetAsync(purchase.Payer).ConfigureAwait(false))?.Nickname ?? purchase.Payer;
        await player.Inbox.SendAsync(purchase.Recipient, "gift", "好友赠礼 A gift from a friend",
            $"{from} 送了你 {purchase.Item.Name} x{purchase.Count} ({from} gave you {purchase.Item.Name} x{purchase.Count}).",
            new JsonObject { ["from"] = purchase.Payer, ["storeid"] = purchase.StoreId, ["itemid"] = purchase.Item.Id },
            dedupeKey: purchase.DeliveryId).ConfigureAwait(false);
    }
}
