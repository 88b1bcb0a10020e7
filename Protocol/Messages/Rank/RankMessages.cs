using MessagePack;

namespace SocialGame.Protocol.Messages.Rank;

[MessagePackObject]
public sealed class RankTopRequest
{
    [Key("board"), Doc("board id (rank.json), e.g. charm_day, wealth_week")] public string? Board { get; set; }
    [Key("period"), Doc("the period: yyyyMMdd of the day, or of the Monday of the week; empty: the current one")]
    public string? Period { get; set; }
    [Key("offset"), Doc("first place to return, 0-based")] public int Offset { get; set; }
    [Key("count"), Doc("how many places, 1-100")] public int Count { get; set; }
}

[MessagePackObject]
public sealed class RankEntry
{
    [Key("rank"), Doc("place, 1 is first")] public int Rank { get; set; }
    [Key("acc"), Doc("account")] public string Acc { get; set; } = "";
    [Key("nickname"), Doc("nickname")] public string Nickname { get; set; } = "";
    [Key("head"), Doc("head image")] public string Head { get; set; } = "";
    [Key("score"), Doc("charm received or wealth given in the period")] public long Score { get; set; }
}

[MessagePackObject]
public sealed class RankTopResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("board"), Doc("board id")] public string Board { get; set; } = "";
    [Key("period"), Doc("the period answered")] public string Period { get; set; } = "";
    [Key("settled"), Doc("1 when the period is settled (the board is final)")] public int Settled { get; set; }
    [Key("entries"), Doc("the places asked for, best first")] public List<RankEntry> Entries { get; set; } = [];
}

[MessagePackObject]
public sealed class RankPeriodRequest
{
    [Key("board"), Doc("board id (rank.json)")] public string? Board { get; set; }
    [Key("period"), Doc("yyyyMMdd of the day, or of the Monday of the week; empty: the current one")] public string? Period { get; set; }
}

[MessagePackObject]
public sealed class RankReward
{
    [Key("kind"), Doc("currency or item")] public string Kind { get; set; } = "";
    [Key("id"), Doc("the currency name, or the item id as text")] public string Id { get; set; } = "";
    [Key("amount"), Doc("currency amount, or item count (a timed item lasts count × its durationDays)")] public long Amount { get; set; }
}

[MessagePackObject]
public sealed class RankMeResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("period"), Doc("the period answered")] public string Period { get; set; } = "";
    [Key("rank"), Doc("my place, 0 when I am not on the board")] public int Rank { get; set; }
    [Key("score"), Doc("my score in the period")] public long Score { get; set; }
    [Key("gap"), Doc("score the one above me is ahead (0 when first or not on the board)")] public long Gap { get; set; }
    [Key("settled"), Doc("1 when the period is settled")] public int Settled { get; set; }
    [Key("settledrank"), Doc("my final place when settled and among the kept top places, else 0")] public int SettledRank { get; set; }
    [Key("rewards"), Doc("what the settlement granted me for this board and period")] public List<RankReward> Rewards { get; set; } = [];
}

[MessagePackObject]
public sealed class RankHistoryResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("period"), Doc("the period answered")] public string Period { get; set; } = "";
    [Key("settledat"), Doc("unix seconds the settlement finished")] public long SettledAt { get; set; }
    [Key("entries"), Doc("the final top places (historySize, rank.json), best first")] public List<RankEntry> Entries { get; set; } = [];
}

[MessagePackObject]
public sealed class RankSettledPush
{
    [Key("board"), Doc("board id")] public string Board { get; set; } = "";
    [Key("period"), Doc("the settled period")] public string Period { get; set; } = "";
    [Key("rank"), Doc("your final place")] public int Rank { get; set; }
    [Key("score"), Doc("your final score")] public long Score { get; set; }
    [Key("rewards"), Doc("what you were granted")] public List<RankReward> Rewards { get; set; } = [];
}
