using SocialGame.Core.Options;
using SocialGame.Core.Push;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;

namespace SocialGame.Modules.Player;

/// <summary>
/// The player base other modules build on: profiles, the ledger (wallet and inventory), friends, the
/// inbox and RMB payments. Created once from <c>player.json</c>, <c>items.json</c> and <c>products.json</c>.
/// </summary>
internal sealed class PlayerBase
{
    public PlayerBase(string configDir, RedisStore redis, ScriptRegistry scripts, IPushService push, IClock clock)
    {
        Options = ConfigLoader.Load<PlayerOptions>(Path.Combine(configDir, PlayerOptions.FileName));
        Items = ConfigLoader.Load<ItemCatalog>(Path.Combine(configDir, ItemCatalog.FileName));
        Products = ConfigLoader.Load<ProductCatalog>(Path.Combine(configDir, ProductCatalog.FileName));
        Products.CheckAgainst(Options, Items, ProductCatalog.FileName);
        Profiles = new Profiles(redis, scripts, Options, clock);
        Ledger = new Ledger(redis, scripts, Options, Items, clock);
        Audit = new LedgerAudit(redis);
        Friends = new Friends(redis, Options);
        Inbox = new Inbox(redis, scripts, push, Options, clock);
        Payments = new Payments.Payments(redis, scripts, Options, Products, clock,
            new Payments.UnpaidSlots(redis, scripts, clock));
        Payments.AddFulfiller(new Payments.PlayerFulfiller(Ledger, Inbox));
    }

    /// <summary>
    /// The player step of deleting an account: out of its friends' sets, then its ledger closed, before its keys (wallet,
    /// inventory, idempotency markers) are deleted, so nothing arriving later recreates them.
    /// </summary>
    internal async Task EraseAccountAsync(string acc)
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
