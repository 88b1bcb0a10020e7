using SocialGame.Core.Dispatch;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Bargain;

namespace SocialGame.Modules.Bargain.Handlers;

/// <summary>bargain/4 help: cuts another player's code; the IP is the connection's, never a field.</summary>
internal sealed class HelpHandler(BargainHelp help) : Handler<BargainHelpRequest, BargainHelpResponse>(BargainProtocol.Help)
{
    // not async: the help's task is handed on as it is, without a state machine of its own around it
    protected override ValueTask<BargainHelpResponse> HandleAsync(RequestContext context, BargainHelpRequest request,
        CancellationToken ct)
    {
        string? code = BargainCodes.Normalize(request.BargainCode);
        string? bad = !BargainInput.Positive(request.Id) ? "id" : !BargainInput.DeviceId(request.DeviceId) ? "deviceid" :
            !BargainInput.DeviceType(request.DeviceType) ? "devicetype" : code is null ? "bargaincode" : null;
        if (bad is not null)
        {
            context.BadField = bad;
            return new(new BargainHelpResponse { Result = (int)ResultCode.ParamError, BargainCode = code ?? "" });
        }
        return new(help.HelpAsync(context.Account, context.ClientIpText, request.Id!.Value, code!, request.DeviceId!,
            request.DeviceType!.Value));
    }
}
