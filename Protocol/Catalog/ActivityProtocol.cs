using SocialGame.Protocol.Messages.Activity;
using static SocialGame.Protocol.ResultCode;

namespace SocialGame.Protocol.Catalog;

/// <summary>Module 17 <c>activity</c>: timed live activities (the VIP ice-snow festival first), their banners and rules.</summary>
public static class ActivityProtocol
{
    private const ModuleType M = ModuleType.Activity;

    public static readonly OpDef<ActivityEntriesRequest, ActivityEntriesResponse> Entries = new(M, 1, "entries",
        "The banners of the activities you may see now (open, for your client version and VIP level), highest priority first.",
        [Success, RedisError]);
    public static readonly OpDef<ActivityDetailRequest, ActivityDetailResponse> Detail = new(M, 2, "detail",
        "One open activity's rules and your state in it: buy-one-get-one used and left per item, your wealth bonus, time left.",
        [Success, ParamError, ActivityUnknown, RedisError]);
    public static readonly PushDef<ActivityStartedPush> Started = new(M, 3, "started",
        "Push to the players online who may see it: an activity opened (its banner appears).", []);
    public static readonly PushDef<ActivityEndedPush> Ended = new(M, 4, "ended",
        "Push to the players online who may see it: an activity closed (its banner goes).", []);

    public static IReadOnlyList<OpDef> All { get; } = [Entries, Detail, Started, Ended];
}
