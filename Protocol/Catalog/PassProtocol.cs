using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Pass;
using static SocialGame.Protocol.ResultCode;

namespace SocialGame.Protocol.Catalog;

/// <summary>Module 12 <c>pass</c>: season-pass entry state and gifting to friends (seed 000, 3.3.80).</summary>
public static class PassProtocol
{
    private const ModuleType M = ModuleType.Pass;

    public static readonly OpDef<EmptyRequest, PassEntryResponse> Entry = new(M, 1, "entry",
        "Home entry state: whether gifting is on (the server decides) and the one-click claim state.", [Success, RedisError]);

    public static readonly OpDef<PassGiftRequest, PassGiftResponse> Gift = new(M, 2, "gift",
        "Gives this season's pass to a friend: gold (paid and unlocked now) or RMB (an order; unlocked when the payment callback comes). " +
        "A friend who became ineligible before the unlock gets nothing and the payment is refunded. Asking again for an RMB gift to the " +
        "same friend before paying answers the same gift and order (of this season and price). A gold gift refused for lack of gold " +
        "leaves no record; an RMB gift is in the friend's records once paid, and an unpaid one expires with its order " +
        "(orderExpireSeconds, player.json).",
        [Success, ParamError, GiftingClosed, NotFriends, RecipientIneligible, InsufficientFunds, TooManyUnpaid, RedisError]);

    public static readonly OpDef<EmptyRequest, PassRecordsResponse> Records = new(M, 3, "records",
        "Gifts sent and received.", [Success, RedisError]);

    public static IReadOnlyList<OpDef> All { get; } = [Entry, Gift, Records];
}
