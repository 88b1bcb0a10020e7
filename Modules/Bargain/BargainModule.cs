using SocialGame.Core;
using SocialGame.Core.Events;
using SocialGame.Core.Push;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Modules.Bargain.Admin;
using SocialGame.Modules.Bargain.Gm;
using SocialGame.Modules.Bargain.Handlers;
using SocialGame.Modules.Gm;
using SocialGame.Modules.Player;

namespace SocialGame.Modules.Bargain;

/// <summary>Module 6: the bargain (煮酒) activity of seed 003, on top of the player base (profiles, ledger).</summary>
[DependsOn(typeof(PlayerModule), typeof(GmModule))]
internal sealed class BargainModule : IGameModule
{
    private readonly GmRunner _gm;
    private readonly BargainStore _store;

    /// <param name="areaId">the server's area (the seed's key names carry it)</param>
    /// <param name="cluster">Redis is a cluster (a period's keys then share a hash tag)</param>
    public BargainModule(string configDir, int areaId, bool cluster, RedisStore redis, ScriptRegistry scripts, IClock clock,
        IRandomSource random, IPushService push, PlayerBase player, GmRunner gm, IDomainEvents events)
    {
        _gm = gm;
        Config = new BargainConfig(configDir, player);
        var store = _store = new BargainStore(redis, scripts, new BargainKeys(areaId, cluster));
        Service = new BargainService(clock, random, player, Config, store);
        Help = new BargainHelp(clock, random, push, player, Config, store, events);
        Purchase = new BargainPurchase(clock, player, Config, store);
        Erasure = new BargainErasure(redis, scripts);
    }

    public string Name => "bargain";
    public BargainConfig Config { get; }
    public BargainService Service { get; }
    public BargainHelp Help { get; }
    public BargainPurchase Purchase { get; }
    public BargainErasure Erasure { get; }

    public void Register(IModuleBuilder builder)
    {
        builder.KeySpace(BargainKeys.Patterns);
        builder.Scripts("bargain_start", "bargain_giveup", "bargain_help", "bargain_gm_help", "bargain_pay_begin", "bargain_pay_finish",
            "bargain_pay_abort", "bargain_erase");
        builder.AccountData(BargainKeys.AccountData, Erasure.EraseAccountAsync);
        builder.Handle(new GetAckListHandler(Service));
        builder.Handle(new GetConfigHandler(Service));
        builder.Handle(new GetCurDataHandler(Service));
        builder.Handle(new StartHandler(Service));
        builder.Handle(new HelpHandler(Help));
        builder.Handle(new GetGoodsHandler(Purchase));
        builder.Handle(new GetHelpHandler(Service));
        builder.Handle(new GiveUpHandler(Service));
        builder.Handle(new GmHelpHandler(_gm));
        builder.GmCommand(new MsactBargainCommand(Help));
        builder.GmCommand(new ReloadBargainCommand(Config));
        builder.AdminRoute(new BargainCodeLookupRoute(Config, _store), Core.Admin.OperatorRole.Viewer);
    }
}
