using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Store;
using static SocialGame.Protocol.ResultCode;

namespace SocialGame.Protocol.Catalog;

/// <summary>Module 16 <c>store</c>: one store engine; the VIP store and the aquarium store are its configurations (stores.json).</summary>
public static class StoreProtocol
{
    private const ModuleType M = ModuleType.Store;

    public static readonly OpDef<EmptyRequest, StoresResponse> Stores = new(M, 1, "stores",
        "The stores this player may see, with their tabs.", [Success, RedisError]);

    public static readonly OpDef<StoreItemsRequest, StoreItemsResponse> Items = new(M, 2, "items",
        "Every item of a store (or of one tab) with its price, whether you may buy it now (canbuy), its condition label and, when you " +
        "may not, the reason code and text, when a reached limit resets, how many you bought and may still buy, and the stock left.",
        [Success, ParamError, RedisError]);

    public static readonly OpDef<StoreBuyRequest, StoreBuyResponse> Buy = new(M, 3, "buy",
        "Buys count of an item at the price the client showed: a changed price answers price_changed with the new one. Gold or " +
        "yuanbao: paid and granted in one ledger operation keyed by the request id, the purchase limits checked and counted in the " +
        "same step, global stock taken first (never oversold). RMB: creates the order; its payment grants the item once. A repeat of " +
        "a request id returns the first outcome; the request id used for another item, count or price answers request_conflict. " +
        "With friend: bought for that friend while an open activity offers the item as a gift (friend_gift_not_offered otherwise); " +
        "the friend must be a friend (not_friends) who exists, is not cancelling the account and does not own it for good " +
        "(recipient_ineligible); a friend who became ineligible after the payment gets nothing and the payment is refunded " +
        "(recipient_ineligible).",
        [Success, ParamError, PriceChanged, NotBuyable, VipTooLow, AlreadyOwned, PurchaseLimit, SoldOut, NotInWindow, ActivityNotOpen,
            ClientTooOld, InsufficientFunds, BalanceLimit, RequestConflict, TooManyUnpaid, AccountCancelled, FriendGiftNotOffered,
            NotFriends, RecipientIneligible, RedisError]);

    public static readonly OpDef<EmptyRequest, ProductsResponse> Products = new(M, 4, "products",
        "The RMB product catalogue: name, price in fen and what each grants (red packets, the pass gift and store items included), " +
        "so a price can be shown before ordering.", [Success]);

    public static IReadOnlyList<OpDef> All { get; } = [Stores, Items, Buy, Products];
}
