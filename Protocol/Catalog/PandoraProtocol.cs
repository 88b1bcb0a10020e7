using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Pandora;
using static SocialGame.Protocol.ResultCode;

namespace SocialGame.Protocol.Catalog;

/// <summary>Module 19 <c>pandora</c>: the Pandora box of a live session (seed 000, 3.3.90).</summary>
public static class PandoraProtocol
{
    private const ModuleType M = ModuleType.Pandora;

    public static readonly OpDef<PandoraRoomRequest, PandoraInfoResponse> Info = new(M, 1, "info",
        "The room's box: energy, the level reached, every level's threshold, the levels openable and opened, the owner.",
        [Success, ParamError, RedisNoData, RedisError]);
    public static readonly OpDef<PandoraOpenRequest, PandoraOpenResponse> Open = new(M, 2, "open",
        "The room's owner opens a level the energy reached: every member in the room at that moment gets one draw of the level's " +
        "prize pool, the owner the level's owner reward; each once (two opens of one level, on any nodes: one opens it).",
        [Success, ParamError, PandoraNoBox, PandoraNotOwner, PandoraNotReached, PandoraOpened, RedisError]);
    public static readonly OpDef<EmptyRequest, PandoraOddsResponse> Odds = new(M, 3, "odds",
        "The published odds: every level's prize pool with each prize's weight and probability, and its owner reward.", [Success]);
    public static readonly OpDef<PandoraRecordsRequest, PandoraRecordsResponse> Records = new(M, 4, "records",
        "Your draw records (kept at least 90 days), newest first.", [Success, ParamError, RedisError]);
    public static readonly PushDef<PandoraProgressPush> Progress = new(M, 10, "progress",
        "Push to the room: the energy changed (at most once a second per room, across nodes; the last change is always pushed).", []);
    public static readonly PushDef<PandoraOpenedPush> Opened = new(M, 11, "opened",
        "Push to the room: a level was opened, with the draws, the biggest first.", []);
    public static readonly PushDef<PandoraClosedPush> Closed = new(M, 12, "closed",
        "Push to the room: the session ended and its box closed (levels reached and not opened were opened first).", []);

    public static IReadOnlyList<OpDef> All { get; } = [Info, Open, Odds, Records, Progress, Opened, Closed];
}
