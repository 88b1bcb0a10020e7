using SocialGame.Core;
using SocialGame.Core.Gm;
using SocialGame.Core.Push;
using SocialGame.Core.Sessions;
using SocialGame.Core.Time;
using SocialGame.Modules.Player;

namespace SocialGame.Modules.Gm;

/// <summary>
/// Module 2: the GM chat-command entry and the built-in commands; other modules add theirs. Its
/// <see cref="Runner"/> also serves the modules' own GM operations (e.g. 6/1000), so refused attempts are
/// throttled and summarised in one place.
/// </summary>
[DependsOn(typeof(PlayerModule))]
internal sealed class GmModule(GmCommandRegistry commands, IEnumerable<string> gmAccounts, SessionService sessions, IPushService push,
    IClock clock, PlayerBase player) : IGameModule
{
    public string Name => "gm";

    /// <summary>The one GM command runner (the gm module's chat entry and the modules' own GM operations).</summary>
    public GmRunner Runner { get; } = GmRunner.Create(commands, gmAccounts, player, clock);

    public void Register(IModuleBuilder builder)
    {
        var runner = Runner;
        builder.Job("gm attempt summaries", TimeSpan.FromSeconds(10), _ =>
        {
            runner.WriteSummaries();
            return Task.CompletedTask;
        });
        builder.Handle(new GmCommandHandler(Runner));
        builder.GmCommand(new HelpCommand(commands));
        builder.GmCommand(new KickCommand(sessions));
        builder.GmCommand(new OnlineCommand(sessions));
        builder.GmCommand(new NoticeCommand(push));
        builder.GmCommand(new TimeCommand(clock));
        builder.AdminRoute(new OperatorGmRoute(Runner), Core.Admin.OperatorRole.Operator);
    }

    /// <summary>After the summaries job stopped: what is left to summarise.</summary>
    public Task StopAsync()
    {
        Runner.WriteSummaries(all: true);
        return Task.CompletedTask;
    }
}
