using MessagePack;

namespace SocialGame.Protocol.Messages.Activity;

[MessagePackObject]
public sealed class ActivityEntriesRequest;

[MessagePackObject]
public sealed class ActivityBanner
{
    [Key("activityid"), Doc("activity id")] public string ActivityId { get; set; } = "";
    [Key("kind"), Doc("what kind of activity (e.g. vipFestival)")] public string Kind { get; set; } = "";
    [Key("name"), Doc("the activity's name")] public string Name { get; set; } = "";
    [Key("image"), Doc("banner image URL")] public string Image { get; set; } = "";
    [Key("text"), Doc("banner text")] public string Text { get; set; } = "";
    [Key("jump"), Doc("where a tap on the banner leads")] public string Jump { get; set; } = "";
    [Key("priority"), Doc("higher first")] public int Priority { get; set; }
    [Key("begin"), Doc("its window's begin (unix seconds)")] public long Begin { get; set; }
    [Key("end"), Doc("its window's end (unix seconds): open until before it, unless kept open by hand")] public long End { get; set; }
}

[MessagePackObject]
public sealed class ActivityEntriesResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("count"), Doc("how many banners")] public int Count { get; set; }
    [Key("entries"), Doc("the banners, highest priority first, then the latest opened")]
    public List<ActivityBanner> Entries { get; set; } = [];
}

[MessagePackObject]
public sealed class ActivityDetailRequest
{
    [Key("activityid"), Doc("activity id")] public string? ActivityId { get; set; }
}

[MessagePackObject]
public sealed class ActivityOfferState
{
    [Key("storeid"), Doc("store")] public string StoreId { get; set; } = "";
    [Key("itemid"), Doc("store item bought")] public int ItemId { get; set; }
    [Key("bonusitemid"), Doc("store item granted beside it (the same item unless configured)")] public int BonusItemId { get; set; }
    [Key("limit"), Doc("how many times per account the second one is granted")] public int Limit { get; set; }
    [Key("used"), Doc("how many times you got it")] public int Used { get; set; }
    [Key("left"), Doc("how many times you may still get it")] public int Left { get; set; }
}

[MessagePackObject]
public sealed class ActivityFriendItem
{
    [Key("storeid"), Doc("store")] public string StoreId { get; set; } = "";
    [Key("itemid"), Doc("store item that may be bought for a friend")] public int ItemId { get; set; }
}

[MessagePackObject]
public sealed class ActivityDetailResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("activity"), Doc("the activity's banner")] public ActivityBanner Activity { get; set; } = new();
    [Key("timeleft"), Doc("seconds until it closes (0 when kept open by hand)")] public long TimeLeft { get; set; }
    [Key("wealthbonus"), Doc("your wealth bonus on gifts sent now, in percent of the counted wealth (150: x1.5); 0: none")]
    public int WealthBonus { get; set; }
    [Key("buyonegetone"), Doc("buy-one-get-one: per item, what you got and may still get")]
    public List<ActivityOfferState> BuyOneGetOne { get; set; } = [];
    [Key("friendgift"), Doc("the store items you may buy for a friend (store buy with friend)")]
    public List<ActivityFriendItem> FriendGift { get; set; } = [];
}

[MessagePackObject]
public sealed class ActivityStartedPush
{
    [Key("activity"), Doc("the banner to show")] public ActivityBanner Activity { get; set; } = new();
}

[MessagePackObject]
public sealed class ActivityEndedPush
{
    [Key("activityid"), Doc("the activity that closed")] public string ActivityId { get; set; } = "";
}
