using MessagePack;

namespace SocialGame.Protocol.Messages.Pass;

[MessagePackObject]
public sealed class PassRewardItem
{
    [Key("itemid"), Doc("an item (items.json); 0 for currency")] public int ItemId { get; set; }
    [Key("count"), Doc("how many of the item (for a timed item: how many of its durations)")] public long Count { get; set; }
    [Key("days"), Doc("a timed item: the days it lasts in all; 0 for a permanent one")] public int Days { get; set; }
    [Key("currency"), Doc("a currency (gold, yuanbao); empty for an item")] public string Currency { get; set; } = "";
    [Key("amount"), Doc("how much of the currency")] public long Amount { get; set; }
}

[MessagePackObject]
public sealed class PassTrackReward
{
    [Key("state"), Doc("none (no reward on this track), locked, claimable, claimed")] public string State { get; set; } = "";
    [Key("items"), Doc("what the reward grants")] public List<PassRewardItem> Items { get; set; } = [];
}

[MessagePackObject]
public sealed class PassLevelInfo
{
    [Key("level"), Doc("the level, from 1")] public int Level { get; set; }
    [Key("xp"), Doc("the XP it needs")] public long Xp { get; set; }
    [Key("free"), Doc("the free track's reward")] public PassTrackReward Free { get; set; } = new();
    [Key("premium"), Doc("the premium track's reward (owning the pass unlocks it)")] public PassTrackReward Premium { get; set; } = new();
}

[MessagePackObject]
public sealed class PassRewardsResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("season"), Doc("the current season")] public string Season { get; set; } = "";
    [Key("level"), Doc("your level")] public int Level { get; set; }
    [Key("xp"), Doc("your XP")] public long Xp { get; set; }
    [Key("owned"), Doc("1 when you own the pass (the premium track is unlocked)")] public int Owned { get; set; }
    [Key("levels"), Doc("every level with the state of its two rewards")] public List<PassLevelInfo> Levels { get; set; } = [];
}

[MessagePackObject]
public sealed class PassClaimRequest
{
    [Key("level"), Doc("the level, from 1")] public int Level { get; set; }
    [Key("track"), Doc("free or premium")] public string? Track { get; set; }
}

[MessagePackObject]
public sealed class PassClaimResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("claimed"), Doc("how many rewards this request claimed")] public int Claimed { get; set; }
    [Key("granted"), Doc("what they granted, added up per item and currency")] public List<PassRewardItem> Granted { get; set; } = [];
}

[MessagePackObject]
public sealed class PassLevelUpPush
{
    [Key("season"), Doc("the season")] public string Season { get; set; } = "";
    [Key("level"), Doc("the level reached")] public int Level { get; set; }
    [Key("xp"), Doc("your XP now")] public long Xp { get; set; }
    [Key("claimable"), Doc("how many rewards are claimable now")] public int Claimable { get; set; }
}
