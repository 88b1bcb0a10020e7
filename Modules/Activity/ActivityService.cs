using SocialGame.Core.Options;
using SocialGame.Core.Sessions;
using SocialGame.Core.Time;
using SocialGame.Modules.Player;
using SocialGame.Modules.Room.Gifts;
using SocialGame.Protocol;
using SocialGame.Protocol.Messages.Activity;

namespace SocialGame.Modules.Activity;

/// <summary>
/// The running activities: which are open now (their window in the configured zone, or a hand override), who sees them (client
/// version, VIP level), their banners and rules, and each player's state in them. Also the wealth bonus the gift service asks for.
/// </summary>
internal sealed class ActivityService(ActivityStore store, BusinessCalendar calendar, IClock clock, Profiles profiles,
    IReadOnlyCollection<string> appSchemes) : IWealthBonus
{
    public ActivityStore Store => store;
    public TimeZoneInfo Zone => calendar.Zone;
    public IReadOnlyCollection<string> AppSchemes => appSchemes;
    public IClock Clock => clock;

    /// <summary>Checks activities against what their rules name outside this module (the store's items; set at start-up).</summary>
    public Action<IReadOnlyList<ActivityDef>, OptionsValidator> CheckReferences { get; set; } = (_, _) => { };

    /// <summary>Whether the activity is open at <paramref name="at"/> under the overrides of <paramref name="snapshot"/>.</summary>
    public bool IsOpen(ActivityStore.Snapshot snapshot, ActivityDef def, DateTimeOffset at) =>
        snapshot.Overrides.GetValueOrDefault(def.Id) switch
        {
            ActivityOverride.Open => true,
            ActivityOverride.Close => false,
            _ => InWindow(def, at),
        };

    public bool InWindow(ActivityDef def, DateTimeOffset at)
    {
        var (begin, end) = def.Window(Zone);
        return at >= begin && at < end;
    }

    /// <summary>The activities open at <paramref name="at"/>.</summary>
    public IReadOnlyList<ActivityDef> OpenAt(DateTimeOffset at)
    {
        var snapshot = store.Current;
        return snapshot.Activities.Where(a => IsOpen(snapshot, a, at)).ToList();
    }

    /// <summary>The open activities the session's player may see now.</summary>
    public async Task<IReadOnlyList<ActivityDef>> VisibleAsync(ISession session, DateTimeOffset at)
    {
        var open = OpenAt(at).Where(a => ClientVersionOk(a, session)).ToList();
        if (open.Count == 0) return open;
        int vip = open.Any(a => a.MinVipLevel > 0) ? await VipLevelAsync(session.Account!).ConfigureAwait(false) : 0;
        return open.Where(a => a.MinVipLevel <= vip).ToList();
    }

    private static bool ClientVersionOk(ActivityDef def, ISession session) => def.VisibleTo(session.Login?.Version, int.MaxValue);

    public async Task<int> VipLevelAsync(string acc) => (await profiles.GetAsync(acc).ConfigureAwait(false))?.VipLevel ?? 0;

    public async Task<ActivityEntriesResponse> EntriesAsync(ISession session)
    {
        var list = (await VisibleAsync(session, clock.UtcNow).ConfigureAwait(false)).Select(Banner)
            .OrderByDescending(b => b.Priority).ThenByDescending(b => b.Begin).ThenBy(b => b.ActivityId, StringComparer.Ordinal).ToList();
        return new ActivityEntriesResponse { Count = list.Count, Entries = list };
    }

    public async Task<ActivityDetailResponse> DetailAsync(ISession session, string id, Func<ActivityDef, string, Task<IReadOnlyDictionary<
        (string Store, int Item), int>>> used)
    {
        var now = clock.UtcNow;
        var def = (await VisibleAsync(session, now).ConfigureAwait(false)).FirstOrDefault(a => a.Id == id);
        if (def is null) return new ActivityDetailResponse { Result = (int)ResultCode.ActivityUnknown };
        string acc = session.Account!;
        var counts = def.BuyOneGetOne.Count > 0 ? await used(def, acc).ConfigureAwait(false)
            : new Dictionary<(string, int), int>();
        int vip = await VipLevelAsync(acc).ConfigureAwait(false);
        var (_, end) = def.Window(Zone);
        bool byHand = store.Current.Overrides.GetValueOrDefault(def.Id) == ActivityOverride.Open && !InWindow(def, now);
        return new ActivityDetailResponse
        {
            Activity = Banner(def),
            TimeLeft = byHand ? 0 : Math.Max(0, (long)(end - now).TotalSeconds),
            WealthBonus = def.WealthBonus is { } w && vip >= w.MinVipLevel ? w.Percent : 0,
            BuyOneGetOne = def.BuyOneGetOne.Select(r =>
            {
                int got = counts.GetValueOrDefault((r.StoreId, r.ItemId));
                return new ActivityOfferState { StoreId = r.StoreId, ItemId = r.ItemId, BonusItemId = r.Bonus, Limit = r.Limit,
                    Used = got, Left = Math.Max(0, r.Limit - got) };
            }).ToList(),
            FriendGift = def.FriendGift.Select(r => new ActivityFriendItem { StoreId = r.StoreId, ItemId = r.ItemId }).ToList(),
        };
    }

    public ActivityBanner Banner(ActivityDef def)
    {
        var (begin, end) = def.Window(Zone);
        return new ActivityBanner { ActivityId = def.Id, Kind = def.Kind, Name = def.Name, Image = def.Banner.Image, Text = def.Banner.Text,
            Jump = def.Banner.Jump, Priority = def.Banner.Priority, Begin = begin.ToUnixTimeSeconds(), End = end.ToUnixTimeSeconds() };
    }

    /// <summary>The highest wealth bonus of the activities open at <paramref name="at"/> that are for the sender's VIP level.</summary>
    public WealthBonusGrant? For(string sender, int vipLevel, DateTimeOffset at) =>
        OpenAt(at)
            .Where(a => a.WealthBonus is { } w && vipLevel >= Math.Max(a.MinVipLevel, w.MinVipLevel))
            .OrderByDescending(a => a.WealthBonus!.Percent).ThenBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => new WealthBonusGrant(a.WealthBonus!.Percent, "activity:" + a.Id))
            .FirstOrDefault();
}
