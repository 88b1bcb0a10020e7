using SocialGame.Core;
using SocialGame.Core.Admin;
using SocialGame.Core.Options;
using SocialGame.Core.Sessions;
using SocialGame.Core.Storage.Keys;
using SocialGame.Modules.Player.Admin;
using SocialGame.Modules.Player.Gm;
using SocialGame.Modules.Player.Handlers;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Player;

namespace SocialGame.Modules.Player;

/// <summary>Module 10: the player base's protocol, GM commands, admin routes, what a login does (AccountLoggedIn), the paid-order retry
/// pass and the unpaid-order expiry.</summary>
/// <param name="development">the node runs in development mode (the shipped payment secret is accepted)</param>
internal sealed class PlayerModule(string configDir, bool development, SessionService sessions, PlayerBase player) : IGameModule
{
    public string Name => "player";
    public PlayerBase Player => player;

    public void Register(IModuleBuilder builder)
    {
        builder.Job("paid-order retry", TimeSpan.FromSeconds(Math.Max(1, player.Options.FulfilRetrySeconds / 2)),
            _ => player.Payments.RetryStuckAsync());
        builder.Job("unpaid-order expiry", TimeSpan.FromSeconds(10), _ => player.Payments.ExpireDueAsync());
        builder.KeySpace(PlayerKeys.Patterns);
        builder.Scripts("ledger_apply", "ledger_close", "profile_set", "inbox_add", "inbox_read", "unpaid_reserve", "order_create",
            "order_pay", "order_fulfilled", "order_expire");
        // Last: the other modules settle what they owe the account (a red-packet share, a refund) before its ledger closes.
        builder.AccountData(PlayerKeys.AccountData, player.EraseAccountAsync, AccountEraseOrder.Last);
        builder.Handle(new GetProfileHandler(player.Profiles));
        builder.Handle(new GetWalletHandler(player.Ledger));
        builder.Handle(new GetInventoryHandler(player.Ledger));
        builder.Handle(new GetFriendsHandler(player.Friends, player.Profiles, sessions));
        builder.Handle(new GetInboxHandler(player.Inbox));
        builder.Handle(new ReadInboxHandler(player.Inbox));
        builder.Handle(new CreateOrderHandler(player.Payments, player.Products, player.Ledger, player.Items));
        builder.GmCommand(new AddMoneyCommand(player.Ledger));
        builder.GmCommand(new AddItemCommand(player.Ledger));
        builder.GmCommand(new SetProfileCommand(player.Profiles));
        builder.GmCommand(new AddFriendCommand(player.Friends));
        builder.GmCommand(new SendMailCommand(player.Inbox));
        builder.GmCommand(new AuditCommand(player.Audit));
        // the payment platform's callback proves itself by its signature; the rest are operator routes
        builder.UnauthenticatedAdminRoute(new PayCallbackRoute(player.Payments));
        builder.AdminRoute(new OrderLookupRoute(player.Payments), OperatorRole.Viewer);
        builder.AdminRoute(new SetProfileRoute(player.Profiles), OperatorRole.Operator);
        builder.AdminRoute(new PlayerLookupRoute(player, sessions), OperatorRole.Viewer);
        builder.AdminRoute(new FulfilOrderRoute(player.Payments), OperatorRole.Operator);
        builder.Subscribe<AccountLoggedIn>("player: profile and unread mail", (e, ct) => OnLoginAsync(e.Session, ct));
    }

    public Task StartAsync(CancellationToken ct)
    {
        player.Payments.CheckFulfillers();
        if (player.Options.PaySecret == PlayerOptions.DevelopmentPaySecret)
            DevelopmentSecrets.Refuse(development, Path.Combine(configDir, PlayerOptions.FileName), "paySecret",
                "anyone can sign payment callbacks");
        return Task.CompletedTask;
    }

    /// <summary>First login creates the profile; unread mail is announced.</summary>
    private async Task OnLoginAsync(ISession session, CancellationToken ct)
    {
        string acc = session.Account!;
        await player.Profiles.EnsureAsync(acc).ConfigureAwait(false);
        int unread = (await player.Inbox.ListAsync(acc).ConfigureAwait(false)).Count(m => !m.Read);
        if (unread > 0) session.Push(PlayerProtocol.Unread, new UnreadPush { Count = unread });
    }
}
