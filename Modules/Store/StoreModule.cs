using SocialGame.Core;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Modules.Player;
using SocialGame.Modules.Store.Handlers;

namespace SocialGame.Modules.Store;

/// <summary>
/// Module 16: one store engine, configured by <c>stores.json</c> (the VIP store and the aquarium store shipped); fulfils the "store"
/// RMB products; sweeps stock a crashed buy left held. Activities add marks and extras through <see cref="IStorePromotions"/>.
/// </summary>
[DependsOn(typeof(PlayerModule))]
internal sealed class StoreModule : IGameModule
{
    /// <param name="promotions">what activities add to the store (none by default; wired in <c>ModuleList</c>)</param>
    public StoreModule(string configDir, RedisStore redis, ScriptRegistry scripts, IClock clock, BusinessCalendar calendar,
        PlayerBase player,
        IReadOnlyList<IStorePromotions>? promotions = null)
    {
        Store = new StoreService(configDir, redis, scripts, clock, calendar, player, promotions ?? []);
        player.Payments.AddFulfiller(new StoreFulfiller(Store));
    }

    public string Name => "store";
    public StoreService Store { get; }

    public void Register(IModuleBuilder builder)
    {
        var grace = TimeSpan.FromSeconds(Store.Options.StockSweepSeconds);
        builder.Job("store stock sweep", TimeSpan.FromSeconds(Math.Max(5, Store.Options.StockSweepSeconds / 2)),
            _ => Store.Stock.SweepAsync(grace));
        builder.Job("store gift sweep", TimeSpan.FromSeconds(Math.Max(5, Store.Options.StockSweepSeconds / 2)),
            _ => Store.FinishGiftsDueAsync(grace));
        builder.KeySpace(StoreKeys.Patterns);
        builder.Scripts("store_stock_take", "store_stock_settle");
        builder.AccountData(StoreKeys.AccountData, async acc =>
        {
            // the buys for another account first: a stock hold of one is settled only once its delivery is decided
            await Store.FinishGiftsDueAsync(TimeSpan.Zero, acc).ConfigureAwait(false);
            await Store.Stock.SweepAsync(TimeSpan.Zero, acc).ConfigureAwait(false);
        });
        builder.Handle(new StoresHandler(Store));
        builder.Handle(new ItemsHandler(Store));
        builder.Handle(new BuyHandler(Store));
        builder.Handle(new ProductsHandler(Store.Player));
        builder.GmCommand(new StoreCommand(Store));
        StoreAdmin.Register(builder, Store);
    }
}
