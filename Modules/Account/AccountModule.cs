using SocialGame.Core;
using SocialGame.Core.Admin;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Events;
using SocialGame.Core.Gm;
using SocialGame.Core.Jobs;
using SocialGame.Core.Options;
using SocialGame.Modules.Account.Handlers;
using SocialGame.Modules.Player;

namespace SocialGame.Modules.Account;

/// <summary>Module 11: account cancellation, its online-event handler and its job (on every node).</summary>
public sealed class AccountModule : IGameModule
{
    private readonly ServerServices _services;
    private readonly AccountOptions _options;
    private readonly AccountRecords _records;
    private PeriodicJob? _job;

    public AccountModule(ServerServices services, PlayerBase player)
    {
        services.AccountData.Declare(AccountModuleKeys.AccountData);
        _services = services;
        _options = ConfigLoader.Load<AccountOptions>(Path.Combine(services.ConfigDir, AccountOptions.FileName));
        _records = new AccountRecords(services.Redis, _options);
        Cancellation = new CancellationService(services, player, _options, _records);
        services.LoginGate.Add("account: cancelled", Cancellation.LoginCheckAsync);
        // Its one shared entry, the account in the job's due index, is what lets a later pass resume a deletion that
        // stopped midway: the job removes it once the record is done, so this step leaves it.
        services.AccountData.AddEntryEraser("account", _ => Task.CompletedTask);
    }

    public string Name => "account";
    public CancellationService Cancellation { get; }

    public void Register(HandlerTable handlers, GmCommandRegistry gm)
    {
        handlers.Add(new CancelApplyHandler(Cancellation));
        handlers.Add(new CancelStatusHandler(Cancellation));
        handlers.Add(new CancelWithdrawHandler(Cancellation, _options));
        gm.Add(new SetRecordCommand(_records));
        gm.Add(new CancelJobCommand(Cancellation));
        _services.AdminRoutes.Add(new GetRecordsRoute(_records, Cancellation), OperatorRole.Viewer);
        _services.AdminRoutes.Add(new SetRecordsRoute(_records), OperatorRole.Operator);
        _services.Events.Subscribe(SystemEvents.Online, "account: withdraw cancellation", Cancellation.OnOnlineAsync);
    }

    public Task StartAsync(CancellationToken ct)
    {
        _job = PeriodicJob.Start("cancellation job", TimeSpan.FromSeconds(_options.JobIntervalSeconds), Cancellation.RunDueAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync() => _job?.StopAsync() ?? Task.CompletedTask;
}
