using SocialGame.Core;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Gm;

namespace SocialGame.Modules.System;

/// <summary>Module 1: login and heartbeat (the kicked push is sent by the session service).</summary>
public sealed class SystemModule(ServerServices services) : IGameModule
{
    public string Name => "system";

    public void Register(HandlerTable handlers, GmCommandRegistry gm)
    {
        handlers.Add(new LoginHandler(services));
        handlers.Add(new HeartbeatHandler(services.Clock));
    }
}
