using SocialGame.Core;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Gm;
using SocialGame.Core.Jobs;

namespace SocialGame.Modules.Gm;

/// <summary>
/// Module 2: the GM chat-command entry and the built-in commands; other modules add theirs. Its
/// <see cref="Runner"/> (made while registering) also serves the modules' own GM operations (e.g. 6/1000),
/// so refused attempts are throttled and summarised in one place.
/// </summary>
public sealed class GmModule(ServerServices services, Player.PlayerBase player) : IGameModule
{
    private GmRunner? _runner;
    private PeriodicJob? _summaries;

    public string Name => "gm";

    /// <summary>The one GM command runner; registered before every module that uses it (see ModuleList).</summary>
    public GmRunner Runner => _runner ?? throw new InvalidOperationException("the gm module registers before the modules that use its runner");

    public void Register(HandlerTable handlers, GmCommandRegistry gm)
    {
        _runner = GmRunner.Create(services, gm, player);
        handlers.Add(new GmCommandHandler(_runner));
        gm.Add(new HelpCommand(gm));
        gm.Add(new KickCommand(services.Sessions));
        gm.Add(new OnlineCommand(services.Sessions));
        gm.Add(new NoticeCommand(services.Push));
        gm.Add(new TimeCommand(services.Clock));
    }

    public Task StartAsync(CancellationToken ct)
    {
        var runner = Runner;
        _summaries = PeriodicJob.Start("gm attempt summaries", TimeSpan.FromSeconds(10), _ =>
        {
            runner.WriteSummaries();
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        if (_summaries is not null) await _summaries.StopAsync().ConfigureAwait(false);
        _runner?.WriteSummaries(all: true);
    }
}
