using MessagePack;

namespace SocialGame.Protocol.Messages.Pendant;

[MessagePackObject]
public sealed class PendantListRequest
{
    [Key("roomid"), Doc("the room you are in")] public string? RoomId { get; set; }
    [Key("business"), Optional, Doc("chat (default) or game: only this business's pendants")] public string? Business { get; set; }
}

[MessagePackObject]
public sealed class PendantInfo
{
    [Key("id"), Doc("pendant id")] public string Id { get; set; } = "";
    [Key("business"), Doc("chat or game")] public string Business { get; set; } = "";
    [Key("kind"), Doc("what shows it: operator (configured, shown in its window), gift (a gift sent in the room), redPacket (a red " +
        "packet sent)")]
    public string Kind { get; set; } = "";
    [Key("key"), Doc("which occurrence of a triggered pendant (the gift id, the red packet id); empty for operator pendants")]
    public string Key { get; set; } = "";
    [Key("image"), Doc("image URL")] public string Image { get; set; } = "";
    [Key("text"), Doc("text")] public string Text { get; set; } = "";
    [Key("jumpurl"), Doc("where a tap leads; empty: nowhere")] public string JumpUrl { get; set; } = "";
    [Key("priority"), Doc("higher first")] public int Priority { get; set; }
    [Key("begin"), Doc("shown since (unix seconds)")] public long Begin { get; set; }
    [Key("end"), Doc("shown until (unix seconds): the window's end, or a triggered pendant's display end")] public long End { get; set; }
    [Key("current"), Doc("progress so far (e.g. red packet grabs)")] public long Current { get; set; }
    [Key("total"), Doc("progress total; 0: the pendant has no progress")] public long Total { get; set; }
}

[MessagePackObject]
public sealed class PendantListResponse : IResponse
{
    [Key("result"), Doc("result code")] public int Result { get; set; }
    [Key("count"), Doc("how many pendants you see")] public int Count { get; set; }
    [Key("pendants"), Doc("the pendants you see, highest priority first")] public List<PendantInfo> Pendants { get; set; } = [];
}

[MessagePackObject]
public sealed class PendantShowPush
{
    [Key("roomid"), Doc("room")] public string RoomId { get; set; } = "";
    [Key("pendant"), Doc("the pendant to show (until its end)")] public PendantInfo Pendant { get; set; } = new();
}

[MessagePackObject]
public sealed class PendantProgressPush
{
    [Key("roomid"), Doc("room")] public string RoomId { get; set; } = "";
    [Key("id"), Doc("pendant id")] public string Id { get; set; } = "";
    [Key("key"), Doc("which occurrence (e.g. the red packet id)")] public string Key { get; set; } = "";
    [Key("current"), Doc("progress so far")] public long Current { get; set; }
    [Key("total"), Doc("progress total")] public long Total { get; set; }
}

[MessagePackObject]
public sealed class PendantHidePush
{
    [Key("roomid"), Doc("room")] public string RoomId { get; set; } = "";
    [Key("id"), Doc("pendant id")] public string Id { get; set; } = "";
    [Key("key"), Doc("which occurrence")] public string Key { get; set; } = "";
    [Key("reason"), Doc("why it ends early (e.g. finished)")] public string Reason { get; set; } = "";
}
