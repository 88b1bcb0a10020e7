using SocialGame.Core;
using SocialGame.Core.Auth;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Events;
using SocialGame.Core.Sessions;
using SocialGame.Core.Time;

namespace SocialGame.Modules.System;

/// <summary>Module 1: login and heartbeat (the kicked push is sent by the session service).</summary>
/// <param name="node">this node's name (it is part of each online event's id)</param>
internal sealed class SystemModule(int areaId, string node, TokenService tokens, RateLimits limits, LoginGate loginGate,
    SessionService sessions, IDomainEvents domainEvents, IEventBus events, IClock clock) : IGameModule
{
    public string Name => "system";

    public void Register(IModuleBuilder builder)
    {
        builder.Handle(new LoginHandler(areaId, tokens, limits, loginGate, sessions, domainEvents, PublishOnlineAsync, clock));
        builder.Handle(new HeartbeatHandler(clock));
    }

    /// <summary>
    /// Every login whose steps all succeeded is an online event (to Kafka when configured, else in-process) for the modules
    /// that react to it; the login handler sends it last, so a login that failed never says the account is online.
    /// </summary>
    private Task PublishOnlineAsync(ISession session, CancellationToken ct) =>
        events.PublishAsync(SystemEvents.Online, session.Account!, new OnlineEvent
        {
            EventId = $"{node}:{session.Id}:{session.Login!.At.ToUnixTimeMilliseconds()}",
            Account = session.Account!,
            Node = node,
            Ip = session.ClientIp.ToString(),
            Time = session.Login.At.ToUnixTimeMilliseconds(),
            Lang = session.Login.Lang ?? "",
        }, ct);
}
