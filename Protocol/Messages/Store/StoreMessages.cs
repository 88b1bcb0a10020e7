using MessagePack;

namespace SocialGame.Protocol.Messages.Store;

[MessagePackObject]
public sealed class StoreTabInfo
{
    [Key("id"), Doc("tab id")] public string Id { get; set; } = "";
    [Key("name"), Doc("tab name")] public string Name { get; set; } = "";
    [Key("order"), Doc("sort order, ascending")] public int Order { get; set; }
}

[MessagePackObject]
public sealed class StoreInfo
{
    [Key("id"), Doc("store id (vip, aquarium, ...)")] public string Id { get; set; } = "";
    [Key("name"), Doc("store name")] public string Name { get; set; } = "";
    [Key("order"), Doc("sort order, ascending")] public int Order { get; set; }
    [Key("tabs"), Doc("the store's tabs, in order")] public List<StoreTabInfo> Tabs { get; set; } = [];
}

[MessagePackObject]
public sealed class StoresResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("stores"), Doc("the stores this player may see, in order")] public List<StoreInfo> Stores { get; set; } = [];
}

[MessagePackObject]
public sealed class StoreItemsRequest
{
    [Key("storeid"), Doc("store id")] public string? StoreId { get; set; }
    [Key("tab"), Optional, Doc("only this tab's items")] public string? Tab { get; set; }
}

[MessagePackObject]
public sealed class StoreGrantInfo
{
    [Key("itemid"), Doc("item id (items.json)")] public int ItemId { get; set; }
    [Key("name"), Doc("item name")] public string Name { get; set; } = "";
    [Key("count"), Doc("units granted per purchase (a timed item: each unit lasts `days`)")] public long Count { get; set; }
    [Key("days"), Doc("days one unit lasts; 0 permanent")] public int Days { get; set; }
}

[MessagePackObject]
public sealed class StoreMarkInfo
{
    [Key("kind"), Doc("what the mark is (e.g. bogo: buy one get one, giftable: may be given to a friend)")]
    public string Kind { get; set; } = "";
    [Key("label"), Doc("text shown on the item")] public string Label { get; set; } = "";
    [Key("left"), Doc("how many times it still applies for you (-1: no count)")] public long Left { get; set; } = -1;
}

[MessagePackObject]
public sealed class StoreItemInfo
{
    [Key("id"), Doc("item id in the store")] public int Id { get; set; }
    [Key("tab"), Doc("tab id")] public string Tab { get; set; } = "";
    [Key("name"), Doc("name shown")] public string Name { get; set; } = "";
    [Key("category"),
        Doc("category: avatar_frame, chat_bubble, home_effect, entrance_effect, ring, gift_card, gift, fish, tank, decoration")]
    public string Category { get; set; } = "";
    [Key("grants"), Doc("what one purchase grants (several for a bundle)")] public List<StoreGrantInfo> Grants { get; set; } = [];
    [Key("currency"), Doc("gold or yuanbao; empty for an RMB product")] public string Currency { get; set; } = "";
    [Key("price"), Doc("price of one: in the currency, or in fen for an RMB product")] public long Price { get; set; }
    [Key("productid"), Doc("RMB product (empty when paid in a currency)")] public string ProductId { get; set; } = "";
    [Key("originalprice"), Doc("original price shown struck through (0: none)")] public long OriginalPrice { get; set; }
    [Key("order"), Doc("sort order, ascending")] public int Order { get; set; }
    [Key("canbuy"), Doc("1 when you may buy it now, else 0")] public int CanBuy { get; set; }
    [Key("label"), Doc("condition label (e.g. 「VIP3专属」), empty when none")] public string Label { get; set; } = "";
    [Key("reason"), Doc("when canbuy is 0: the result code a buy would answer (vip_too_low, already_owned, purchase_limit...)")]
    public int Reason { get; set; }
    [Key("reasontext"), Doc("when canbuy is 0: the text to show")] public string ReasonText { get; set; } = "";
    [Key("resetat"), Doc("when a limit is reached: unix seconds it resets (0: never)")] public long ResetAt { get; set; }
    [Key("bought"), Doc("how many you bought in the tightest limit's period (0 without limits)")] public long Bought { get; set; }
    [Key("left"), Doc("how many you may still buy (-1: no limit)")] public long Left { get; set; } = -1;
    [Key("stock"), Doc("global stock left (-1: no stock limit)")] public long Stock { get; set; } = -1;
    [Key("begin"), Doc("on sale from (unix seconds, 0: always)")] public long Begin { get; set; }
    [Key("end"), Doc("on sale until (unix seconds, exclusive; 0: always)")] public long End { get; set; }
    [Key("marks"), Doc("marks of running activities on this item (buy one get one, giftable...)")]
    public List<StoreMarkInfo> Marks { get; set; } = [];
}

[MessagePackObject]
public sealed class StoreItemsResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("storeid"), Doc("store id")] public string StoreId { get; set; } = "";
    [Key("items"), Doc("the items, by tab order then item order")] public List<StoreItemInfo> Items { get; set; } = [];
}

[MessagePackObject]
public sealed class StoreBuyRequest
{
    [Key("storeid"), Doc("store id")] public string? StoreId { get; set; }
    [Key("itemid"), Doc("item id in the store")] public int ItemId { get; set; }
    [Key("count"), Doc("how many (1 for an RMB product)")] public int Count { get; set; }
    [Key("price"), Doc("the price of one the client showed (fen for an RMB product)")] public long Price { get; set; }
    [Key("reqid"), Doc("request id: a repeat returns the first outcome; 1-64 of A-Z a-z 0-9 - _")] public string? ReqId { get; set; }
    [Key("friend"), Optional, Doc("buy it for this friend (an item an open activity offers as a gift to a friend, paid in gold or " +
        "yuanbao); the friend gets it and an inbox message")]
    public string? Friend { get; set; }
}

[MessagePackObject]
public sealed class StoreBuyResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("price"), AlsoOnError, Doc("the price of one now (price_changed: the new one)")] public long Price { get; set; }
    [Key("reasontext"), AlsoOnError, Doc("a refusal's text to show")] public string ReasonText { get; set; } = "";
    [Key("resetat"), AlsoOnError, Doc("purchase_limit: unix seconds the limit resets (0: never)")] public long ResetAt { get; set; }
    [Key("balances"), Doc("paid in a currency: the balances after the purchase")] public Dictionary<string,
        long> Balances { get; set; } = [];
    [Key("orderid"), Doc("RMB: the order to pay (the payment grants the item)")] public string OrderId { get; set; } = "";
    [Key("amount"), Doc("RMB: the amount in fen")] public long Amount { get; set; }
    [Key("expires"), Doc("RMB: unix seconds: not paid by then, the order expires")] public long Expires { get; set; }
}

[MessagePackObject]
public sealed class ProductGrantInfo
{
    [Key("itemid"), Doc("item id")] public int ItemId { get; set; }
    [Key("name"), Doc("item name")] public string Name { get; set; } = "";
    [Key("count"), Doc("units granted")] public long Count { get; set; }
}

[MessagePackObject]
public sealed class ProductInfo
{
    [Key("id"), Doc("product id (createorder, red packets, pass gifts, store items)")] public string Id { get; set; } = "";
    [Key("name"), Doc("product name")] public string Name { get; set; } = "";
    [Key("price"), Doc("price in fen")] public long Price { get; set; }
    [Key("module"), Doc("which module's request orders it (player: createorder; redpacket; pass; store)")]
    public string Module { get; set; } = "";
    [Key("currencies"), Doc("currencies granted")] public Dictionary<string, long> Currencies { get; set; } = [];
    [Key("items"), Doc("items granted")] public List<ProductGrantInfo> Items { get; set; } = [];
}

[MessagePackObject]
public sealed class ProductsResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("products"), Doc("every RMB product")] public List<ProductInfo> Products { get; set; } = [];
}
