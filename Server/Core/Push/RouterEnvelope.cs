using MessagePack;

namespace SocialGame.Core.Push;

public enum RouterEnvelopeKind
{
    /// <summary>A push to one account, sent to the node that holds it.</summary>
    Push = 1,
    /// <summary>Close an account's session on the node that holds it.</summary>
    Kick = 2,
    /// <summary>A push to the members of a room, on every node holding some.</summary>
    Room = 3,
    /// <summary>A push to everybody logged in, on every node.</summary>
    Everyone = 4,
}

/// <summary>
/// What the message router sends between nodes over Redis pub/sub (the channel is chosen by <see cref="RouterChannels"/>):
/// one shape for every kind. The push's frame body is serialised once, by the sender.
/// </summary>
[MessagePackObject]
public sealed class RouterEnvelope
{
    [Key(0)] public RouterEnvelopeKind Kind { get; set; }
    /// <summary>For a push or a kick: the account.</summary>
    [Key(1)] public string Account { get; set; } = "";
    [Key(2)] public int Module { get; set; }
    [Key(3)] public int OpId { get; set; }
    [Key(4)] public byte[] Data { get; set; } = [];
    /// <summary>For a kick: the session to kick (a newer session of the account on that node stays).</summary>
    [Key(5)] public long SessionId { get; set; }
    [Key(6)] public string Reason { get; set; } = "";
    /// <summary>For a room push: the room.</summary>
    [Key(7)] public string Room { get; set; } = "";
    /// <summary>For a room push: the room closes with it (its members on every node are dropped after it).</summary>
    [Key(8)] public bool ClosesRoom { get; set; }
    /// <summary>For a room push: the member filter (registered by that name on every node) and what it filters by.</summary>
    [Key(9)] public string Filter { get; set; } = "";
    [Key(10)] public string FilterKey { get; set; } = "";
}
