using MessagePack;

namespace SocialGame.Core.Push;

public enum NodeMessageKind
{
    Push = 1,
    Kick = 2,
}

/// <summary>What one node tells another over Redis pub/sub (channel <c>sg:node:{node}</c>).</summary>
[MessagePackObject]
public sealed class NodeMessage
{
    [Key(0)] public NodeMessageKind Kind { get; set; }
    [Key(1)] public string Account { get; set; } = "";
    [Key(2)] public int Module { get; set; }
    [Key(3)] public int OpId { get; set; }
    [Key(4)] public byte[] Data { get; set; } = [];
    /// <summary>For a kick: the session to kick (a newer session of the account on that node stays).</summary>
    [Key(5)] public long SessionId { get; set; }
    [Key(6)] public string Reason { get; set; } = "";
}
