using SocialGame.Core;
using SocialGame.Core.Options;
using SocialGame.Core.Push;
using SocialGame.Core.Sessions;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Modules.Account;
using SocialGame.Modules.Bargain;
using SocialGame.Modules.Pass.Admin;
using SocialGame.Modules.Pass.Handlers;
using SocialGame.Modules.Player;
using SocialGame.Modules.RedPacket;
using SocialGame.Modules.Room;
using SocialGame.Modules.Room.Gifts;

namespace SocialGame.Modules.Pass;

/// <summary>Module 12: the season pass (levels, XP, reward tracks, claims, the season's end), its gifting; fulfils the "pass" RMB
/// product.</summary>
[DependsOn(typeof(PlayerModule), typeof(AccountModule), typeof(RoomModule), typeof(RedPacketModule), typeof(BargainModule))]
internal sealed class PassModule : IGameModule
{
    private readonly IClock _clock;
    private readonly PassXpEvents _xp;

    public PassModule(string configDir, RedisStore redis, ScriptRegistry scripts, IClock clock, BusinessCalendar calendar,
        IPushService push, PlayerBase player, CancellationService cancellation)
    {
        _clock = clock;
        var options = ConfigLoader.Load<PassOptions>(Path.Combine(configDir, PassOptions.FileName));
        if (player.Items.Find(options.ItemId) is null)
            throw new ConfigException($"{PassOptions.FileName}: itemId: item {options.ItemId} is not in {ItemCatalog.FileName}");
        if (options.ProductId.Length > 0 && player.Products.Find(options.ProductId)?.Module != "pass")
            throw new ConfigException($"{PassOptions.FileName}: productId: '{options.ProductId}' must be a product of module \"pass\" in " +
                $"{ProductCatalog.FileName}");
        CheckRewards(options, player);
        Gifts = new PassGifts(redis, scripts, clock, player, cancellation, options);
        Season = new PassSeason(new PassSeasonStore(redis, scripts), Gifts, player, clock, calendar, push);
        _xp = new PassXpEvents(Season, calendar);
        player.Payments.AddFulfiller(new PassFulfiller(Gifts));
    }

    public string Name => "pass";
    public PassGifts Gifts { get; }
    public PassSeason Season { get; }

    /// <summary>Every reward names an item of items.json (a timed one by whole durations) or a currency of player.json.</summary>
    private static void CheckRewards(PassOptions options, PlayerBase player)
    {
        for (int l = 0; l < options.Levels.Count; l++)
        foreach (var track in new[] { PassTrack.Free, PassTrack.Premium })
        {
            var parts = options.Levels[l].Track(track);
            for (int i = 0; i < parts.Count; i++)
            {
                string at = $"{PassOptions.FileName}: levels[{l}].{(track == PassTrack.Free ? "free" : "premium")}[{i}].";
                var part = parts[i];
                if (!part.IsItem)
                {
                    if (!player.Ledger.Currencies.Contains(part.Currency))
                        throw new ConfigException($"{at}currency: '{part.Currency}' is not a currency of {PlayerOptions.FileName}");
                    continue;
                }
                if (player.Items.Find(part.ItemId) is not { } item)
                    throw new ConfigException($"{at}itemId: item {part.ItemId} is not in {ItemCatalog.FileName}");
                if (part.Days > 0 && (item.DurationDays == 0 || part.Days % item.DurationDays != 0))
                    throw new ConfigException($"{at}days: item {part.ItemId} lasts {item.DurationDays} days (0: permanent); days " +
                        "must be a multiple of it");
            }
        }
    }

    public void Register(IModuleBuilder builder)
    {
        builder.Job("pass gift sweep", TimeSpan.FromSeconds(30), _ => Gifts.SweepPayingAsync(TimeSpan.FromSeconds(60)));
        builder.Job("pass season end", TimeSpan.FromSeconds(30), _ => Season.EndSeasonAsync());
        builder.KeySpace(PassKeys.Patterns);
        builder.Scripts(["pass_unlock", .. PassSeasonStore.ScriptNames]);
        builder.AccountData(PassKeys.AccountData, Gifts.EraseAccountAsync);
        builder.Handle(new PassEntryHandler(Gifts, Season, _clock));
        builder.Handle(new PassGiftHandler(Gifts));
        builder.Handle(new PassRecordsHandler(Gifts));
        builder.Handle(new PassRewardsHandler(Season));
        builder.Handle(new PassClaimAllHandler(Season));
        builder.Handle(new PassClaimHandler(Season));
        builder.AdminRoute(new PassGiftLookupRoute(Gifts), Core.Admin.OperatorRole.Viewer);
        builder.Subscribe<AccountLoggedIn>("pass: login xp", (e, _) => _xp.OnLoginAsync(e));
        builder.Subscribe<GiftSent>("pass: gift xp", (e, _) => _xp.OnGiftSentAsync(e));
        builder.Subscribe<RedPacketOpened>("pass: red packet xp", (e, _) => _xp.OnRedPacketOpenedAsync(e));
        builder.Subscribe<BargainHelped>("pass: bargain help xp", (e, _) => _xp.OnBargainHelpedAsync(e));
    }
}
