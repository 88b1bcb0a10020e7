using SocialGame.Core.Storage;

namespace SocialGame.Modules.Player;

/// <summary>Mutual friend relations (<c>sg:{acc}:friends</c> sets). Other modules ask <see cref="AreFriendsAsync"/>.</summary>
internal sealed class Friends(RedisStore redis, PlayerOptions options)
{
    public enum AddResult
    {
        Added,
        AlreadyFriends,
        Full,
        Self,
    }

    /// <summary>Makes two accounts friends of each other (both sides written; repeating it is harmless).</summary>
    public async Task<AddResult> AddAsync(string a, string b)
    {
        if (a == b) return AddResult.Self;
        var db = redis.Db;
        if (await AreFriendsAsync(a, b).ConfigureAwait(false) && await db.SetContainsAsync(PlayerKeys.Friends(b), a).ConfigureAwait(false))
            return AddResult.AlreadyFriends;
        var sizes = await Task.WhenAll(db.SetLengthAsync(PlayerKeys.Friends(a)), db.SetLengthAsync(PlayerKeys.Friends(b)))
            .ConfigureAwait(false);
        if (sizes.Max() >= options.FriendCap) return AddResult.Full;
        await Task.WhenAll(db.SetAddAsync(PlayerKeys.Friends(a), b), db.SetAddAsync(PlayerKeys.Friends(b), a)).ConfigureAwait(false);
        return AddResult.Added;
    }

    /// <summary>The account's entries step when it is deleted: out of every friend's set, so no friend list shows it.</summary>
    public async Task EraseAccountAsync(string acc)
    {
        foreach (var friend in await redis.Db.SetMembersAsync(PlayerKeys.Friends(acc)).ConfigureAwait(false))
            await redis.Db.SetRemoveAsync(PlayerKeys.Friends(friend.ToString()), acc).ConfigureAwait(false);
    }

    public Task<bool> AreFriendsAsync(string a, string b) => redis.Db.SetContainsAsync(PlayerKeys.Friends(a), b);

    public async Task<List<string>> ListAsync(string acc) =>
        (await redis.Db.SetMembersAsync(PlayerKeys.Friends(acc)).ConfigureAwait(false)).Select(v => v.ToString())
            .OrderBy(a => a, StringComparer.Ordinal).ToList();
}
