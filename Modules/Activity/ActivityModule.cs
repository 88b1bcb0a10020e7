using SocialGame.Core;
using SocialGame.Core.Options;
using SocialGame.Core.Sessions;
using SocialGame.Core.Storage;
using SocialGame.Core.Time;
using SocialGame.Modules.Account;
using SocialGame.Modules.Activity.Handlers;
using SocialGame.Modules.Player;
using SocialGame.Modules.Room;
using SocialGame.Modules.Store;

namespace SocialGame.Modules.Activity;

/// <summary>
/// Module 17: timed live activities (the VIP ice-snow festival first): banners by client version and VIP level, started/ended
/// pushes, and their rules: buy one get one and gifts to friends in the store, a wealth bonus on room gifts.
/// </summary>
[DependsOn(typeof(PlayerModule), typeof(AccountModule), typeof(RoomModule), typeof(StoreModule))]
internal sealed class ActivityModule : IGameModule
{
    private static readonly NLog.Logger Log = NLog.LogManager.GetCurrentClassLogger();
    private readonly string _configDir;
    private readonly string _fileText;
    private readonly ActivityFile _file;
    private readonly ActivityEdges _edges;
    private readonly ActivityUsage _usage;

    public ActivityModule(string configDir, RedisStore redis, ScriptRegistry scripts, BusinessCalendar calendar, IClock clock,
        SessionRegistry sessions, string node, PlayerBase player, CancellationService cancellation)
    {
        _configDir = configDir;
        string path = Path.Combine(configDir, ActivityFile.FileName);
        _file = ConfigLoader.Load<ActivityFile>(path, validate: false);
        _fileText = File.ReadAllText(path);
        _file.Zone = calendar.Zone;
        ConfigLoader.Validate(_file, path);
        Activities = new ActivityService(new ActivityStore(redis, scripts, node), calendar, clock, player.Profiles, _file.AppSchemes);
        _usage = new ActivityUsage(redis);
        Promotions = new ActivityPromotions(Activities, _usage);
        FriendGifts = new ActivityFriendGifts(Activities, player, cancellation);
        Activities.CheckReferences = Promotions.CheckReferences;
        _edges = new ActivityEdges(redis, scripts, Activities, sessions, player.Profiles, node);
    }

    public string Name => "activity";
    public ActivityService Activities { get; }
    /// <summary>What the open activities add to the store's items and purchases (buy one get one, marks).</summary>
    public ActivityPromotions Promotions { get; }
    /// <summary>Who may buy a store item for a friend, and the friend's checks.</summary>
    public ActivityFriendGifts FriendGifts { get; }

    public void Register(IModuleBuilder builder)
    {
        builder.KeySpace(ActivityKeys.Patterns, ActivityKeys.Channels);
        builder.AccountData(ActivityKeys.AccountData, _ => Task.CompletedTask);
        builder.Scripts("activity_save", "activity_edge");
        builder.Handle(new EntriesHandler(Activities));
        builder.Handle(new DetailHandler(Activities, _usage));
        builder.GmCommand(new ActivityCommand(Activities, _configDir));
        new ActivityAdmin(Activities).Register(builder);
    }

    public async Task StartAsync(CancellationToken ct)
    {
        var references = new OptionsValidator();
        Activities.CheckReferences(_file.Activities, references);
        // the store's file may be changed apart from this one: such a rule is reported and never applies (an operator's set and a
        // reload naming one are refused)
        if (references.Errors.Count > 0)
            Log.Error("{File}: rules naming store items that are not sold never apply: {Errors}", ActivityFile.FileName,
                string.Join("; ", references.Errors));
        await Activities.Store.StartAsync(_fileText, _file).ConfigureAwait(false);
        await _edges.StartAsync(TimeSpan.FromMilliseconds(_file.TickMilliseconds)).ConfigureAwait(false);
    }

    public async Task StopAsync()
    {
        await _edges.StopAsync().ConfigureAwait(false);
        await Activities.Store.StopAsync().ConfigureAwait(false);
    }
}
