using SocialGame.Core;
using SocialGame.Core.Options;
using SocialGame.Core.Push;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Modules.Player;
using SocialGame.Modules.Rank.Admin;
using SocialGame.Modules.Rank.Handlers;
using SocialGame.Modules.Room;
using SocialGame.Modules.Room.Gifts;

namespace SocialGame.Modules.Rank;

/// <summary>Module 18: charm and wealth rankings per day and week, and the settlement pass on every node.</summary>
[DependsOn(typeof(PlayerModule), typeof(RoomModule))]
internal sealed class RankModule : IGameModule
{
    public RankModule(string configDir, RedisStore redis, ScriptRegistry scripts, IPushService push, IClock clock,
        BusinessCalendar calendar, string node, PlayerBase player)
    {
        var options = ConfigLoader.Load<RankOptions>(Path.Combine(configDir, RankOptions.FileName));
        options.CheckAgainst(player.Options, player.Items);
        Ranks = new RankService(redis, scripts, push, new RankPeriods(calendar, clock), node, player, options);
    }

    public string Name => "rank";
    public RankService Ranks { get; }

    public void Register(IModuleBuilder builder)
    {
        builder.Job("rank settlement", TimeSpan.FromSeconds(Ranks.Options.JobIntervalSeconds), _ => Ranks.SettleDueAsync());
        builder.KeySpace(RankKeys.Patterns);
        builder.Scripts(RankScripts.Names);
        builder.AccountData(RankKeys.AccountData, Ranks.EraseAccountAsync);
        builder.Handle(new TopHandler(Ranks));
        builder.Handle(new MeHandler(Ranks));
        builder.Handle(new HistoryHandler(Ranks));
        builder.GmCommand(new RankCommand(Ranks));
        builder.AdminRoute(new RankSettlementRoute(Ranks), Core.Admin.OperatorRole.Viewer);
        builder.Subscribe<GiftSent>("rank: count the gift", (e, _) => Ranks.OnGiftSentAsync(e));
    }
}
