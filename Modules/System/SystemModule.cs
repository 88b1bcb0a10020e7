using SocialGame.Core;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Events;
using SocialGame.Core.Gm;
using SocialGame.Core.Sessions;

namespace SocialGame.Modules.System;

/// <summary>Module 1: login and heartbeat (the kicked push is sent by the session service).</summary>
public sealed class SystemModule(ServerServices services) : IGameModule
{
    public string Name => "system";

    public void Register(HandlerTable handlers, GmCommandRegistry gm)
    {
        handlers.Add(new LoginHandler(services));
        handlers.Add(new HeartbeatHandler(services.Clock));
        services.DomainEvents.Subscribe<AccountLoggedIn>("system: online event", (e, ct) => PublishOnlineAsync(e.Session, ct));
    }

    /// <summary>Every login is an online event (to Kafka when configured, else in-process) for the modules that react to it.</summary>
    private Task PublishOnlineAsync(ISession session, CancellationToken ct) =>
        services.Events.PublishAsync(SystemEvents.Online, session.Account!, new OnlineEvent
        {
            EventId = $"{services.Options.Node}:{session.Id}:{session.Login!.At.ToUnixTimeMilliseconds()}",
            Account = session.Account!,
            Node = services.Options.Node,
            Ip = session.ClientIp.ToString(),
            Time = session.Login.At.ToUnixTimeMilliseconds(),
            Lang = session.Login.Lang ?? "",
        }, ct);
}
