using SocialGame.Core;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Gm;
using SocialGame.Core.Jobs;

namespace SocialGame.Modules.Gm;

/// <summary>Module 2: the GM chat-command entry and the built-in commands; other modules add theirs.</summary>
public sealed class GmModule(ServerServices services) : IGameModule
{
    private GmCommandHandler? _handler;
    private PeriodicJob? _summaries;

    public string Name => "gm";

    public void Register(HandlerTable handlers, GmCommandRegistry gm)
    {
        _handler = new GmCommandHandler(gm, services.Options.Gm.Accounts.ToHashSet(StringComparer.Ordinal), GmCommandHandler.NewRefusalThrottle(services.Clock));
        handlers.Add(_handler);
        gm.Add(new HelpCommand(gm));
        gm.Add(new KickCommand(services.Sessions));
        gm.Add(new OnlineCommand(services.Sessions));
        gm.Add(new NoticeCommand(services.Push));
        gm.Add(new TimeCommand(services.Clock));
    }

    public Task StartAsync(CancellationToken ct)
    {
        var handler = _handler!;
        _summaries = PeriodicJob.Start("gm attempt summaries", TimeSpan.FromSeconds(10), _ =>
        {
            handler.WriteSummaries();
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        if (_summaries is not null) await _summaries.StopAsync().ConfigureAwait(false);
        _handler?.WriteSummaries(all: true);
    }
}
