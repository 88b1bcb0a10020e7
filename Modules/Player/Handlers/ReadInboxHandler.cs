using SocialGame.Core.Dispatch;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Player;

namespace SocialGame.Modules.Player.Handlers;

/// <summary>player/6 readinbox: marks messages read.</summary>
internal sealed class ReadInboxHandler(Inbox inbox) : Handler<ReadInboxRequest, ReadInboxResponse>(PlayerProtocol.ReadInbox)
{
    protected override async ValueTask<ReadInboxResponse> HandleAsync(RequestContext context, ReadInboxRequest request,
        CancellationToken ct)
    {
        if (request.Ids is not { Count: > 0 and <= 200 } ids || ids.Any(i => i <= 0)) return Invalid(context, "ids");
        return new ReadInboxResponse { Marked = await inbox.MarkReadAsync(context.Account, ids.Distinct().ToList()).ConfigureAwait(false) };
    }
}
