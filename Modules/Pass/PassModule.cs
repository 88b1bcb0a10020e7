using SocialGame.Core;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Gm;
using SocialGame.Core.Jobs;
using SocialGame.Core.Options;
using SocialGame.Modules.Account;
using SocialGame.Modules.Pass.Handlers;
using SocialGame.Modules.Player;

namespace SocialGame.Modules.Pass;

/// <summary>Module 12: season-pass entry and gifting; fulfils the "pass" RMB product.</summary>
public sealed class PassModule : IGameModule
{
    private readonly ServerServices _services;
    private PeriodicJob? _sweep;

    public PassModule(ServerServices services, PlayerBase player, CancellationService cancellation)
    {
        services.AccountData.Declare(PassKeys.AccountData);
        _services = services;
        var options = ConfigLoader.Load<PassOptions>(Path.Combine(services.ConfigDir, PassOptions.FileName));
        if (player.Items.Find(options.ItemId) is null)
            throw new ConfigException($"{PassOptions.FileName}: itemId: item {options.ItemId} is not in {ItemCatalog.FileName}");
        if (options.ProductId.Length > 0 && player.Products.Find(options.ProductId)?.Module != "pass")
            throw new ConfigException($"{PassOptions.FileName}: productId: '{options.ProductId}' must be a product of module \"pass\" in {ProductCatalog.FileName}");
        Gifts = new PassGifts(services, player, cancellation, options);
        player.Payments.AddFulfiller(new PassFulfiller(Gifts));
        services.AccountData.AddEntryEraser("pass", Gifts.EraseAccountAsync);
    }

    public string Name => "pass";
    public PassGifts Gifts { get; }

    public Task StartAsync(CancellationToken ct)
    {
        _sweep = PeriodicJob.Start("pass gift sweep", TimeSpan.FromSeconds(30), _ => Gifts.SweepPayingAsync(TimeSpan.FromSeconds(60)));
        return Task.CompletedTask;
    }

    public Task StopAsync() => _sweep?.StopAsync() ?? Task.CompletedTask;

    public void Register(HandlerTable handlers, GmCommandRegistry gm)
    {
        handlers.Add(new PassEntryHandler(Gifts, _services.Clock));
        handlers.Add(new PassGiftHandler(Gifts));
        handlers.Add(new PassRecordsHandler(Gifts));
    }
}
