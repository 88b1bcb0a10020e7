using SocialGame.Core;
using SocialGame.Core.Options;
using SocialGame.Core.Storage.Keys;

namespace SocialGame.Modules.Player;

/// <summary>
/// The player base other modules build on: profiles, the ledger (wallet and inventory), friends, the
/// inbox and RMB payments. Created once from <c>player.json</c>, <c>items.json</c> and <c>products.json</c>.
/// </summary>
public sealed class PlayerBase
{
    public PlayerBase(ServerServices services)
    {
        services.AccountData.Declare(PlayerKeys.AccountData);
        Options = ConfigLoader.Load<PlayerOptions>(Path.Combine(services.ConfigDir, PlayerOptions.FileName));
        Items = ConfigLoader.Load<ItemCatalog>(Path.Combine(services.ConfigDir, ItemCatalog.FileName));
        Products = ConfigLoader.Load<ProductCatalog>(Path.Combine(services.ConfigDir, ProductCatalog.FileName));
        Products.CheckAgainst(Options, Items, ProductCatalog.FileName);
        Profiles = new Profiles(services.Redis, services.Scripts, Options, services.Clock);
        Ledger = new Ledger(services.Redis, services.Scripts, Options, Items, services.Clock);
        Audit = new LedgerAudit(services.Redis);
        Friends = new Friends(services.Redis, Options);
        // Last: the other modules settle what they owe the account (a red-packet share, a refund) before its ledger closes.
        services.AccountData.AddEntryEraser("player", EraseAccountAsync, AccountEraseOrder.Last);
        Inbox = new Inbox(services.Redis, services.Scripts, services.Push, Options, services.Clock);
        Payments = new Payments.Payments(services.Redis, services.Scripts, Options, Products, services.Clock,
            new Payments.UnpaidSlots(services.Redis, services.Scripts, services.Clock));
        Payments.AddFulfiller(new Payments.PlayerFulfiller(Ledger, Inbox));
    }

    /// <summary>
    /// The player step of deleting an account: out of its friends' sets, then its ledger closed, before its keys (wallet,
    /// inventory, idempotency markers) are deleted, so nothing arriving later recreates them.
    /// </summary>
    private async Task EraseAccountAsync(string acc)
    {
        await Friends.EraseAccountAsync(acc).ConfigureAwait(false);
        await Ledger.CloseAsync(acc).ConfigureAwait(false);
    }

    public PlayerOptions Options { get; }
    public ItemCatalog Items { get; }
    public ProductCatalog Products { get; }
    public Profiles Profiles { get; }
    public Ledger Ledger { get; }
    public LedgerAudit Audit { get; }
    public Friends Friends { get; }
    public Inbox Inbox { get; }
    public Payments.Payments Payments { get; }
}
