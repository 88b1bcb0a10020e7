using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Pass;
using static SocialGame.Protocol.ResultCode;

namespace SocialGame.Protocol.Catalog;

/// <summary>Module 12 <c>pass</c>: season-pass entry state and gifting to friends (seed 000, 3.3.80).</summary>
public static class PassProtocol
{
    private const ModuleType M = ModuleType.Pass;

    public static readonly OpDef<EmptyRequest, PassEntryResponse> Entry = new(M, 1, "entry",
        "Home entry state: whether gifting is on (the server decides), the season's level and XP, how many rewards are claimable and " +
        "the one-click claim state.", [Success, RedisError]);

    public static readonly OpDef<PassGiftRequest, PassGiftResponse> Gift = new(M, 2, "gift",
        "Gives this season's pass to a friend: gold (paid and unlocked now) or RMB (an order; unlocked when the payment callback comes). " +
        "A friend who became ineligible before the unlock gets nothing and the payment is refunded. Asking again for an RMB gift to the " +
        "same friend before paying answers the same gift and order (of this season and price). A gold gift refused for lack of gold " +
        "leaves no record; an RMB gift is in the friend's records once paid, and an unpaid one expires with its order " +
        "(orderExpireSeconds, player.json).",
        [Success, ParamError, GiftingClosed, NotFriends, RecipientIneligible, InsufficientFunds, TooManyUnpaid, RedisError]);

    public static readonly OpDef<EmptyRequest, PassRecordsResponse> Records = new(M, 3, "records",
        "Gifts sent and received.", [Success, RedisError]);

    public static readonly OpDef<EmptyRequest, PassRewardsResponse> Rewards = new(M, 4, "rewards",
        "Every level of the season with the state of its free and premium reward (none, locked, claimable, claimed).",
        [Success, RedisError]);

    public static readonly OpDef<EmptyRequest, PassClaimResponse> ClaimAll = new(M, 5, "claimall",
        "One-click claim (一键领取): every claimable reward of both tracks, granted in one ledger operation. Asking again " +
        "claims only what became claimable since (claimed 0 when nothing is). Refused once the season is over (its end settles " +
        "what is left); " +
        "balance_limit when a balance has no room for them: they stay reserved (shown claimed) and are granted by the next " +
        "claim once it has, or at the season's end; " +
        "request_conflict only when other claims kept taking the rewards first (ask again).",
        [Success, SeasonClosed, BalanceLimit, AccountCancelled, RequestConflict, RedisError]);

    public static readonly OpDef<PassClaimRequest, PassClaimResponse> Claim = new(M, 6, "claim",
        "Claims the reward of one level and track (free or premium).",
        [Success, ParamError, SeasonClosed, NoReward, RewardLocked, RewardClaimed, BalanceLimit, AccountCancelled, RequestConflict,
            RedisError]);

    public static readonly PushDef<PassLevelUpPush> LevelUp = new(M, 7, "levelup",
        "You reached a level with a reward to claim (XP from the season's sources).", [Success]);

    public static IReadOnlyList<OpDef> All { get; } = [Entry, Gift, Records, Rewards, ClaimAll, Claim, LevelUp];
}
