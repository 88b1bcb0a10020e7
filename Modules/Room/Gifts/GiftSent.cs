namespace SocialGame.Modules.Room.Gifts;

/// <summary>
/// A gift was sent in a room (through IDomainEvents): raised once per request, after it is paid and the room has
/// heard it (a repeat of the request raises nothing). E.g. the pendants a gift triggers. <see cref="Gold"/> is what the
/// sender paid, <see cref="Charm"/> and <see cref="Wealth"/> what was counted for the recipient and the sender.
/// </summary>
internal sealed record GiftSent(string RoomId, string From, string To, int GiftId, int Count, string ReqId, long Gold, long Charm,
    long Wealth);
