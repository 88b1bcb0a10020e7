using SocialGame.Protocol.Messages.Gm;
using static SocialGame.Protocol.ResultCode;

namespace SocialGame.Protocol.Catalog;

/// <summary>Module 2 <c>gm</c>: chat commands of accounts listed as GM in configuration.</summary>
public static class GmProtocol
{
    public const int CommandOp = 1;
    public const int NoticeOp = 2;

    public static readonly OpDef<GmCommandRequest, GmCommandResponse> Command = new(ModuleType.Gm, CommandOp, "command",
        "Runs a GM chat command (//gm ...). Unknown commands and bad arguments answer with the usage in output. " +
        "Every command is written to the datalog.",
        [Success, ParamError, NotGm, GmUnknownCommand, RedisError, RedisNoData, ServerError]);

    public static readonly PushDef<GmNoticePush> Notice = new(ModuleType.Gm, NoticeOp, "notice",
        "Push: a notice a GM sent to this account (//gm notice <acc> <text>), delivered on whatever node it is connected.",
        []);

    public static IReadOnlyList<OpDef> All { get; } = [Command, Notice];
}
