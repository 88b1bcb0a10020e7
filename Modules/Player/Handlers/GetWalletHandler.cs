using SocialGame.Core.Dispatch;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Player;

namespace SocialGame.Modules.Player.Handlers;

/// <summary>player/2 getwallet: every configured currency's balance.</summary>
internal sealed class GetWalletHandler(Ledger ledger) : Handler<EmptyRequest, GetWalletResponse>(PlayerProtocol.GetWallet)
{
    protected override async ValueTask<GetWalletResponse> HandleAsync(RequestContext context, EmptyRequest request, CancellationToken ct) =>
        new() { Wallet = await ledger.GetWalletAsync(context.Account).ConfigureAwait(false) };
}
