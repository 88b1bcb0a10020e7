using MessagePack;

namespace SocialGame.Protocol.Messages.Pandora;

[MessagePackObject]
public sealed class PandoraRoomRequest
{
    [Key("roomid"), Doc("room id (the rule of room ids)")] public string? RoomId { get; set; }
}

[MessagePackObject]
public sealed class PandoraInfoResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("roomid"), Doc("room")] public string RoomId { get; set; } = "";
    [Key("live"), Doc("1 while the box of the live session is open, 0 once it closed (or before the first session)")]
    public int Live { get; set; }
    [Key("owner"), Doc("the room's owner: the one who opens levels")] public string Owner { get; set; } = "";
    [Key("energy"), Doc("gold of the gifts sent in the room during the session")] public long Energy { get; set; }
    [Key("level"), Doc("the highest level the energy reached (0: none)")] public int Level { get; set; }
    [Key("thresholds"), Doc("the energy each level needs, level 1 first")] public List<long> Thresholds { get; set; } = [];
    [Key("openable"), Doc("levels reached and not opened yet")] public List<int> Openable { get; set; } = [];
    [Key("opened"), Doc("levels opened in this session")] public List<int> Opened { get; set; } = [];
}

[MessagePackObject]
public sealed class PandoraOpenRequest
{
    [Key("roomid"), Doc("your room (you are its owner)")] public string? RoomId { get; set; }
    [Key("level"), Doc("a level the energy reached, 1 up")] public int Level { get; set; }
}

[MessagePackObject]
public sealed class PandoraOpenResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("level"), Doc("the level opened")] public int Level { get; set; }
    [Key("draws"), Doc("how many members drew")] public int Draws { get; set; }
    [Key("reward"), Doc("your owner reward")] public PandoraPrize Reward { get; set; } = new();
}

/// <summary>A prize as clients show it: a currency amount, or an item (a timed one for <c>days</c>).</summary>
[MessagePackObject]
public sealed class PandoraPrize
{
    [Key("id"), Doc("prize id within its pool (0: an owner reward)")] public int Id { get; set; }
    [Key("name"), Doc("name shown (Chinese with English beside)")] public string Name { get; set; } = "";
    [Key("currency"), Doc("a currency prize: gold or yuanbao; empty for an item")] public string Currency { get; set; } = "";
    [Key("amount"), Doc("the currency amount")] public long Amount { get; set; }
    [Key("itemid"), Doc("an item prize: the item of items.json; 0 for a currency")] public int ItemId { get; set; }
    [Key("count"), Doc("how many of the item (a timed item: how many of its periods)")] public long Count { get; set; }
    [Key("days"), Doc("a timed item: days granted (0: permanent)")] public long Days { get; set; }
    [Key("value"), Doc("worth in gold, for ordering (the biggest first)")] public long Value { get; set; }
}

[MessagePackObject]
public sealed class PandoraOdd
{
    [Key("prize"), Doc("the prize")] public PandoraPrize Prize { get; set; } = new();
    [Key("weight"), Doc("its weight in the pool")] public long Weight { get; set; }
    [Key("chance"), Doc("its probability in 1/10000 (weight / the pool's total weight, rounded)")] public int Chance { get; set; }
}

[MessagePackObject]
public sealed class PandoraLevelOdds
{
    [Key("level"), Doc("level")] public int Level { get; set; }
    [Key("threshold"), Doc("energy it needs")] public long Threshold { get; set; }
    [Key("totalweight"), Doc("the pool's total weight")] public long TotalWeight { get; set; }
    [Key("prizes"), Doc("every prize of the level's pool with its weight and probability")]
    public List<PandoraOdd> Prizes { get; set; } = [];
    [Key("ownerreward"), Doc("what the owner gets when the level is opened")] public PandoraPrize OwnerReward { get; set; } = new();
}

[MessagePackObject]
public sealed class PandoraOddsResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("levels"), Doc("every level, level 1 first")] public List<PandoraLevelOdds> Levels { get; set; } = [];
    [Key("rules"), Doc("the rules text (Chinese with English beside)")] public string Rules { get; set; } = "";
}

[MessagePackObject]
public sealed class PandoraRecordsRequest
{
    [Key("page"), Optional, Doc("0 (default): the newest; each page holds up to 50 records")] public int Page { get; set; }
}

[MessagePackObject]
public sealed class PandoraRecord
{
    [Key("roomid"), Doc("room")] public string RoomId { get; set; } = "";
    [Key("level"), Doc("level opened")] public int Level { get; set; }
    [Key("kind"), Doc("draw (a member's draw) or owner (the owner reward)")] public string Kind { get; set; } = "";
    [Key("prize"), Doc("what it gave")] public PandoraPrize Prize { get; set; } = new();
    [Key("time"), Doc("unix seconds of the draw")] public long Time { get; set; }
}

[MessagePackObject]
public sealed class PandoraRecordsResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("records"), Doc("your draws and owner rewards, newest first (kept recordDays, at least 90 days)")]
    public List<PandoraRecord> Records { get; set; } = [];
    [Key("total"), Doc("how many records are kept in all")] public long Total { get; set; }
}

[MessagePackObject]
public sealed class PandoraProgressPush
{
    [Key("roomid"), Doc("room")] public string RoomId { get; set; } = "";
    [Key("energy"), Doc("energy now")] public long Energy { get; set; }
    [Key("level"), Doc("highest level reached")] public int Level { get; set; }
    [Key("next"), Doc("the energy the next level needs (0: every level reached)")] public long Next { get; set; }
    [Key("openable"), Doc("levels reached and not opened")] public List<int> Openable { get; set; } = [];
}

[MessagePackObject]
public sealed class PandoraDraw
{
    [Key("acc"), Doc("who drew")] public string Acc { get; set; } = "";
    [Key("prize"), Doc("what")] public PandoraPrize Prize { get; set; } = new();
}

[MessagePackObject]
public sealed class PandoraOpenedPush
{
    [Key("roomid"), Doc("room")] public string RoomId { get; set; } = "";
    [Key("level"), Doc("level opened")] public int Level { get; set; }
    [Key("owner"), Doc("the owner who got the owner reward")] public string Owner { get; set; } = "";
    [Key("by"), Doc("owner (opened by the owner) or close (opened as the session closed)")] public string By { get; set; } = "";
    [Key("total"), Doc("how many members drew")] public int Total { get; set; }
    [Key("draws"), Doc("the draws, the biggest first (up to openedPushTop of pandora.json)")]
    public List<PandoraDraw> Draws { get; set; } = [];
}

[MessagePackObject]
public sealed class PandoraClosedPush
{
    [Key("roomid"), Doc("room")] public string RoomId { get; set; } = "";
    [Key("energy"), Doc("the session's final energy")] public long Energy { get; set; }
    [Key("opened"), Doc("every level opened in the session")] public List<int> Opened { get; set; } = [];
}
