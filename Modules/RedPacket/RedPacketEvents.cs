namespace SocialGame.Modules.RedPacket;

// What other modules hear of red packets, through IDomainEvents (the room pendant of a packet follows them).

/// <summary>A packet opened in its room, before the room (or the site) is told: <paramref name="ShowsPendant"/> when its configuration
/// shows a room pendant. Raised once per packet, when it is paid (by <paramref name="Sender"/>) and opened.</summary>
internal sealed record RedPacketOpened(string RoomId, string PacketId, int Shares, bool ShowsPendant, string Sender);

/// <summary>A grab of a packet that shows a pendant: <paramref name="Grabbed"/> of <paramref name="Shares"/> are taken.</summary>
internal sealed record RedPacketProgress(string RoomId, string PacketId, int Grabbed, int Shares);

/// <summary>
/// A packet is finished: all grabbed, or refunded. May be raised more than once for a packet (the settlement pass
/// raises it again when it forgets a finished packet, in case the first raise stopped short).
/// </summary>
internal sealed record RedPacketEnded(string RoomId, string PacketId, string Reason);
