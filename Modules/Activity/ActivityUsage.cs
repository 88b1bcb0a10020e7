namespace SocialGame.Modules.Activity;

/// <summary>
/// A player's use of an activity's rules for its detail: how many times each buy-one-get-one item granted its second one. The
/// counts are kept by the store's purchases; until the store offers the activity's promotions, nothing was granted.
/// </summary>
internal sealed class ActivityUsage
{
    public Task<IReadOnlyDictionary<(string Store, int Item), int>> UsedAsync(ActivityDef def, string acc) =>
        Task.FromResult<IReadOnlyDictionary<(string Store, int Item), int>>(new Dictionary<(string Store, int Item), int>());
}
