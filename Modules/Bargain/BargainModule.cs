using SocialGame.Core;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Gm;
using SocialGame.Modules.Bargain.Gm;
using SocialGame.Modules.Bargain.Handlers;
using SocialGame.Modules.Player;

namespace SocialGame.Modules.Bargain;

/// <summary>Module 6: the bargain (煮酒) activity of seed 003, on top of the player base (profiles, ledger).</summary>
public sealed class BargainModule : IGameModule
{
    private readonly Modules.Gm.GmModule _gm;

    public BargainModule(ServerServices services, PlayerBase player, Modules.Gm.GmModule gm)
    {
        _gm = gm;
        services.AccountData.Declare(BargainKeys.AccountData);
        Config = new BargainConfig(services.ConfigDir, player);
        var store = new BargainStore(services.Redis, services.Scripts, new BargainKeys(services.Options.AreaId, services.Options.Redis.Cluster));
        Service = new BargainService(services, player, Config, store);
        Help = new BargainHelp(services, player, Config, store);
        Purchase = new BargainPurchase(services, player, Config, store);
        services.AccountData.AddEntryEraser("bargain", new BargainErasure(services.Redis, services.Scripts).EraseAccountAsync);
    }

    public string Name => "bargain";
    public BargainConfig Config { get; }
    public BargainService Service { get; }
    public BargainHelp Help { get; }
    public BargainPurchase Purchase { get; }

    public void Register(HandlerTable handlers, GmCommandRegistry gm)
    {
        handlers.Add(new GetAckListHandler(Service));
        handlers.Add(new GetConfigHandler(Service));
        handlers.Add(new GetCurDataHandler(Service));
        handlers.Add(new StartHandler(Service));
        handlers.Add(new HelpHandler(Help));
        handlers.Add(new GetGoodsHandler(Purchase));
        handlers.Add(new GetHelpHandler(Service));
        handlers.Add(new GiveUpHandler(Service));
        handlers.Add(new GmHelpHandler(_gm.Runner));
        gm.Add(new MsactBargainCommand(Help));
        gm.Add(new ReloadBargainCommand(Config));
    }
}
