using SocialGame.Core;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Gm;

namespace SocialGame.Modules.Gm;

/// <summary>Module 2: the GM chat-command entry and the built-in commands; other modules add theirs.</summary>
public sealed class GmModule(ServerServices services, Player.PlayerBase player) : IGameModule
{
    public string Name => "gm";

    public void Register(HandlerTable handlers, GmCommandRegistry gm)
    {
        handlers.Add(new GmCommandHandler(GmRunner.Create(services, gm, player)));
        gm.Add(new HelpCommand(gm));
        gm.Add(new KickCommand(services.Sessions));
        gm.Add(new OnlineCommand(services.Sessions));
        gm.Add(new NoticeCommand(services.Push));
        gm.Add(new TimeCommand(services.Clock));
    }
}
