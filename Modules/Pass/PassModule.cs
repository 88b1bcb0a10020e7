using SocialGame.Core;
using SocialGame.Core.Jobs;
using SocialGame.Core.Options;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Modules.Account;
using SocialGame.Modules.Pass.Handlers;
using SocialGame.Modules.Player;

namespace SocialGame.Modules.Pass;

/// <summary>Module 12: season-pass entry and gifting; fulfils the "pass" RMB product.</summary>
[DependsOn(typeof(PlayerModule), typeof(AccountModule))]
internal sealed class PassModule : IGameModule
{
    private readonly IClock _clock;
    private PeriodicJob? _sweep;

    public PassModule(string configDir, RedisStore redis, ScriptRegistry scripts, IClock clock, PlayerBase player,
        CancellationService cancellation)
    {
        _clock = clock;
        var options = ConfigLoader.Load<PassOptions>(Path.Combine(configDir, PassOptions.FileName));
        if (player.Items.Find(options.ItemId) is null)
            throw new ConfigException($"{PassOptions.FileName}: itemId: item {options.ItemId} is not in {ItemCatalog.FileName}");
        if (options.ProductId.Length > 0 && player.Products.Find(options.ProductId)?.Module != "pass")
            throw new ConfigException($"{PassOptions.FileName}: productId: '{options.ProductId}' must be a product of module \"pass\" in " +
                $"{ProductCatalog.FileName}");
        Gifts = new PassGifts(redis, scripts, clock, player, cancellation, options);
        player.Payments.AddFulfiller(new PassFulfiller(Gifts));
    }

    public string Name => "pass";
    public PassGifts Gifts { get; }

    public Task StartAsync(CancellationToken ct)
    {
        _sweep = PeriodicJob.Start("pass gift sweep", TimeSpan.FromSeconds(30), _ => Gifts.SweepPayingAsync(TimeSpan.FromSeconds(60)));
        return Task.CompletedTask;
    }

    public Task StopAsync() => _sweep?.StopAsync() ?? Task.CompletedTask;

    public void Register(IModuleBuilder builder)
    {
        builder.KeySpace(PassKeys.Patterns);
        builder.Scripts("pass_unlock");
        builder.AccountData(PassKeys.AccountData, Gifts.EraseAccountAsync);
        builder.Handle(new PassEntryHandler(Gifts, _clock));
        builder.Handle(new PassGiftHandler(Gifts));
        builder.Handle(new PassRecordsHandler(Gifts));
    }
}
