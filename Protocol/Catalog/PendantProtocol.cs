using SocialGame.Protocol.Messages.Pendant;
using static SocialGame.Protocol.ResultCode;

namespace SocialGame.Protocol.Catalog;

/// <summary>Module 14 <c>pendant</c>: chat-room pendants (operator-configured or triggered by room activity).</summary>
public static class PendantProtocol
{
    private const ModuleType M = ModuleType.Pendant;

    public static readonly OpDef<PendantListRequest, PendantListResponse> List = new(M, 1, "list",
        "The pendants you see in your room now (count and list): this business's, in their window, for your client version, VIP level " +
            "and role.",
        [Success, ParamError, NotInRoom, RedisError]);
    public static readonly PushDef<PendantShowPush> Show = new(M, 2, "show",
        "Push to the room's members who may see it: a pendant was triggered (a gift, a red packet).", []);
    public static readonly PushDef<PendantProgressPush> Progress = new(M, 3, "progress",
        "Push to the room's members who may see it: a shown pendant's progress changed.", []);
    public static readonly PushDef<PendantHidePush> Hide = new(M, 4, "hide",
        "Push to the room's members: a triggered pendant ended before its display time (e.g. the red packet is finished).", []);

    public static IReadOnlyList<OpDef> All { get; } = [List, Show, Progress, Hide];
}
