using SocialGame.Core.Dispatch;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Player;

namespace SocialGame.Modules.Player.Handlers;

/// <summary>player/5 getinbox: kept messages, newest first.</summary>
internal sealed class GetInboxHandler(Inbox inbox) : Handler<EmptyRequest, GetInboxResponse>(PlayerProtocol.GetInbox)
{
    protected override async ValueTask<GetInboxResponse> HandleAsync(RequestContext context, EmptyRequest request, CancellationToken ct) =>
        new() { Messages = await inbox.ListAsync(context.Account).ConfigureAwait(false) };
}
