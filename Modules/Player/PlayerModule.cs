using SocialGame.Core;
using SocialGame.Core.Admin;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Gm;
using SocialGame.Core.Jobs;
using SocialGame.Core.Options;
using SocialGame.Core.Sessions;
using SocialGame.Modules.Player.Admin;
using SocialGame.Modules.Player.Gm;
using SocialGame.Modules.Player.Handlers;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Player;

namespace SocialGame.Modules.Player;

/// <summary>Module 10: the player base's protocol, GM commands, admin routes, what a login does (AccountLoggedIn), the paid-order retry pass and the unpaid-order expiry.</summary>
public sealed class PlayerModule(ServerServices services, PlayerBase player) : IGameModule
{
    private PeriodicJob? _retry;
    private PeriodicJob? _expiry;

    public string Name => "player";
    public PlayerBase Player => player;

    public void Register(HandlerTable handlers, GmCommandRegistry gm)
    {
        handlers.Add(new GetProfileHandler(player.Profiles));
        handlers.Add(new GetWalletHandler(player.Ledger));
        handlers.Add(new GetInventoryHandler(player.Ledger));
        handlers.Add(new GetFriendsHandler(player.Friends, player.Profiles, services.Sessions));
        handlers.Add(new GetInboxHandler(player.Inbox));
        handlers.Add(new ReadInboxHandler(player.Inbox));
        handlers.Add(new CreateOrderHandler(player.Payments, player.Products, player.Ledger, player.Items));
        gm.Add(new AddMoneyCommand(player.Ledger));
        gm.Add(new AddItemCommand(player.Ledger));
        gm.Add(new SetProfileCommand(player.Profiles));
        gm.Add(new AddFriendCommand(player.Friends));
        gm.Add(new SendMailCommand(player.Inbox));
        gm.Add(new AuditCommand(player.Audit));
        // the payment platform's callback proves itself by its signature; the rest are operator routes
        services.AdminRoutes.AddUnauthenticated(new PayCallbackRoute(player.Payments));
        services.AdminRoutes.Add(new OrderLookupRoute(player.Payments), OperatorRole.Viewer);
        services.AdminRoutes.Add(new SetProfileRoute(player.Profiles), OperatorRole.Operator);
        services.DomainEvents.Subscribe<AccountLoggedIn>("player: profile and unread mail", (e, ct) => OnLoginAsync(e.Session, ct));
    }

    public Task StartAsync(CancellationToken ct)
    {
        player.Payments.CheckFulfillers();
        if (player.Options.PaySecret == PlayerOptions.DevelopmentPaySecret)
            DevelopmentSecrets.Refuse(services.Options.Development, Path.Combine(services.ConfigDir, PlayerOptions.FileName), "paySecret",
                "anyone can sign payment callbacks");
        _retry = PeriodicJob.Start("paid-order retry", TimeSpan.FromSeconds(Math.Max(1, player.Options.FulfilRetrySeconds / 2)),
            _ => player.Payments.RetryStuckAsync());
        _expiry = PeriodicJob.Start("unpaid-order expiry", TimeSpan.FromSeconds(10), _ => player.Payments.ExpireDueAsync());
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        if (_retry is not null) await _retry.StopAsync().ConfigureAwait(false);
        if (_expiry is not null) await _expiry.StopAsync().ConfigureAwait(false);
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
