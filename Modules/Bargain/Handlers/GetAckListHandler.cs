using SocialGame.Core.Dispatch;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Bargain;

namespace SocialGame.Modules.Bargain.Handlers;

/// <summary>bargain/0 getacklist: the open periods and the entry flags.</summary>
internal sealed class GetAckListHandler(BargainService service)
    : Handler<EmptyRequest, BargainGetAckListResponse>(BargainProtocol.GetAckList)
{
    protected override async ValueTask<BargainGetAckListResponse> HandleAsync(RequestContext context, EmptyRequest request,
        CancellationToken ct) =>
        await service.GetAckListAsync(context.Account).ConfigureAwait(false);
}
