using SocialGame.Core.Admin;
using SocialGame.Core.Auth;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Gm;
using SocialGame.Core.Metrics;
using SocialGame.Core.Options;
using SocialGame.Core.Push;
using SocialGame.Core.Sessions;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;

namespace SocialGame.Core;

/// <summary>
/// The shared services of a node, wired once at start-up. Only the composition root sees them all: the host and
/// <c>ModuleList</c>, which gives each module the few it uses; a module registers through its <see cref="IModuleBuilder"/>.
/// </summary>
public sealed class ServerServices
{
    public required ServerOptions Options { get; init; }
    /// <summary>The folder holding the configuration files (modules read their own file from it).</summary>
    public required string ConfigDir { get; init; }
    public required RedisStore Redis { get; init; }
    public required ScriptRegistry Scripts { get; init; }
    public required SessionService Sessions { get; init; }
    /// <summary>Pushes to one account wherever it is connected (the router's account leg).</summary>
    public required IPushService Push { get; init; }
    /// <summary>Pushes to a room's members and to everybody online, on every node, in order per room.</summary>
    public required MessageRouter Router { get; init; }
    public required TokenService Tokens { get; init; }
    public required IClock Clock { get; init; }
    /// <summary>Business days and weeks in the configured time zone.</summary>
    public required BusinessCalendar Calendar { get; init; }
    public required IRandomSource Random { get; init; }
    /// <summary>Kafka events (or the in-process source when no broker is configured).</summary>
    public required Events.IEventBus Events { get; init; }
    public required ServerMetrics Metrics { get; init; }
    /// <summary>The operator accounts, their tokens and logins (the admin port authenticates with them).</summary>
    public required OperatorLogins Operators { get; init; }
    /// <summary>The web console's sessions (a cookie, a CSRF token) and the audit trail of operator writes.</summary>
    public required ConsoleSessions ConsoleSessions { get; init; }
    public required AdminAudit Audit { get; init; }
    /// <summary>The last minutes of this node's metrics, for the console's dashboard.</summary>
    public required MetricsHistory MetricsHistory { get; init; }
    /// <summary>Request and login rate limits of this node (the login handler takes its login attempts here).</summary>
    public required RateLimits RateLimits { get; init; }
    /// <summary>Modules add admin HTTP endpoints here while registering, each with the operator role it needs.</summary>
    public AdminRouteTable AdminRoutes { get; } = new();
    /// <summary>Events between the modules of this node (a login, a gift, a room closed): modules subscribe while registering.</summary>
    public required Events.IDomainEvents DomainEvents { get; init; }
    /// <summary>Modules declare here, while they are built, the data they keep about an account and what its deletion does to it.</summary>
    public Storage.Keys.AccountDataRegistry AccountData { get; } = new();
    /// <summary>Modules add here, while they are built, the checks a login must pass before anything is done for the account.</summary>
    public Sessions.LoginGate LoginGate { get; } = new();
    /// <summary>Every GM command by name (modules add theirs while registering; the gm module runs them).</summary>
    public GmCommandRegistry GmCommands { get; } = new();
}
