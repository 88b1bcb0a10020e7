using SocialGame.Core;
using SocialGame.Core.Admin;
using SocialGame.Core.Events;
using SocialGame.Core.Options;
using SocialGame.Core.Sessions;
using SocialGame.Core.Storage;
using SocialGame.Core.Storage.Keys;
using SocialGame.Core.Time;
using SocialGame.Modules.Account.Handlers;
using SocialGame.Modules.Player;

namespace SocialGame.Modules.Account;

/// <summary>Module 11: account cancellation, its online-event handler and its job (on every node).</summary>
[DependsOn(typeof(PlayerModule))]
internal sealed class AccountModule : IGameModule
{
    private readonly AccountOptions _options;
    private readonly AccountRecords _records;

    /// <param name="accountData">every module's account data: deleting an account walks it</param>
    public AccountModule(string configDir, RedisStore redis, ScriptRegistry scripts, IClock clock, string node, SessionService sessions,
        AccountDataRegistry accountData, PlayerBase player)
    {
        _options = ConfigLoader.Load<AccountOptions>(Path.Combine(configDir, AccountOptions.FileName));
        _records = new AccountRecords(redis, _options);
        Cancellation = new CancellationService(redis, scripts, clock, node, sessions, accountData, player, _options, _records);
    }

    public string Name => "account";
    public CancellationService Cancellation { get; }

    public void Register(IModuleBuilder builder)
    {
        builder.Job("cancellation job", TimeSpan.FromSeconds(_options.JobIntervalSeconds), Cancellation.RunDueAsync);
        builder.KeySpace(AccountModuleKeys.Patterns);
        builder.Scripts("cancel_apply", "cancel_transition");
        // Its one shared entry, the account in the job's due index, is what lets a later pass resume a deletion that
        // stopped midway: the job removes it once the record is done, so this step leaves it.
        builder.AccountData(AccountModuleKeys.AccountData, _ => Task.CompletedTask);
        builder.LoginCheck("account: cancelled", Cancellation.LoginCheckAsync);
        builder.Handle(new CancelApplyHandler(Cancellation));
        builder.Handle(new CancelStatusHandler(Cancellation));
        builder.Handle(new CancelWithdrawHandler(Cancellation, _options));
        builder.GmCommand(new SetRecordCommand(_records));
        builder.GmCommand(new CancelJobCommand(Cancellation));
        builder.AdminRoute(new GetRecordsRoute(_records, Cancellation), OperatorRole.Viewer);
        builder.AdminRoute(new SetRecordsRoute(_records), OperatorRole.Operator);
        builder.Subscribe(SystemEvents.Online, "account: withdraw cancellation", Cancellation.OnOnlineAsync);
    }
}
