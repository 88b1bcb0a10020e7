using System.Globalization;
using SocialGame.Core.Dispatch;
using SocialGame.Modules.Bargain.Gm;
using SocialGame.Modules.Gm;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Bargain;

namespace SocialGame.Modules.Bargain.Handlers;

/// <summary>
/// bargain/1000 gm_help, the seed's GM op as a request: exactly <c>//gm msact bargain &lt;id&gt; 1000 &lt;code&gt;
/// &lt;delprice&gt;</c> typed in chat (the same GM check, command, logs and datalog), answered with the typed result.
/// </summary>
internal sealed class GmHelpHandler(GmRunner gm) : Handler<BargainGmHelpRequest, BargainGmHelpResponse>(BargainProtocol.GmHelp)
{
    protected override async ValueTask<BargainGmHelpResponse> HandleAsync(RequestContext context, BargainGmHelpRequest request,
        CancellationToken ct)
    {
        string? code = BargainCodes.Normalize(request.BargainCode);
        string? bad = !BargainInput.Positive(request.Id) ? "id" : code is null ? "bargaincode" :
            request.DelPrice is not (>= 1 and <= MsactBargainCommand.MaxAmount) ? "delprice" : null;
        // a GM learns which field is wrong; anyone else only that the op is not theirs
        if (bad is not null && gm.IsGm(context.Account)) return Invalid(context, bad);
        string text = string.Create(CultureInfo.InvariantCulture,
            $"//gm msact bargain {request.Id} {BargainProtocol.GmHelpOp} {code} {request.DelPrice}");
        var result = await gm.RunAsync(context.Account, context.Session, text, ct).ConfigureAwait(false);
        return result.Reply as BargainGmHelpResponse ?? Fail(result.Code);
    }
}
