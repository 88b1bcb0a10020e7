using SocialGame.Core;
using SocialGame.Modules.Gm;
using SocialGame.Modules.Player;
using SocialGame.Modules.System;

namespace SocialGame.Modules;

/// <summary>Every module of the server, in registration order. A new module is one line here.</summary>
public static class ModuleList
{
    public static IReadOnlyList<IGameModule> Create(ServerServices services)
    {
        var player = new PlayerBase(services);
        return
        [
            new SystemModule(services),
            new GmModule(services),
            new PlayerModule(services, player),
            new Bargain.BargainModule(services, player),
        ];
    }
}
