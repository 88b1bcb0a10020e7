using NLog;
using StackExchange.Redis;

namespace SocialGame.Core.Storage.Keys;

/// <summary>
/// Deletes one module's data of an account, as the module declared it in the <see cref="AccountDataRegistry"/>: first
/// its entries step (the account in keys shared with others), then every key of the account's space whose declaration
/// is the module's and says <see cref="AccountDataPolicy.Delete"/>. Both parts may run again without harm. A key of the
/// account's space that no module declared is left (and logged): what to do with it is for its module to declare.
/// </summary>
public sealed class AccountDataEraser(RedisStore redis, AccountDataRegistry registry)
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    /// <summary>The steps of deleting an account: one per module that declared account data.</summary>
    public IReadOnlyList<string> Steps => registry.Modules;

    /// <summary>Runs the step of <paramref name="module"/> for <paramref name="acc"/>; returns how many of its keys were deleted.</summary>
    public async Task<int> EraseAsync(string module, string acc)
    {
        if (registry.EntryEraser(module) is { } entries) await entries(acc).ConfigureAwait(false);
        var doomed = new List<RedisKey>();
        foreach (var key in await OwnKeysAsync(acc).ConfigureAwait(false))
        {
            var data = registry.Find(key);
            if (data is null)
                Log.Warn("key {Key} of deleted account {Account} is declared by no module; left", Logging.LogText.Excerpt(key), acc);
            else if (data.Module == module && data.Policy == AccountDataPolicy.Delete) doomed.Add(key);
        }
        // The keys share the account's hash tag, so one call deletes them even on a cluster.
        if (doomed.Count > 0) await redis.Db.KeyDeleteAsync(doomed.ToArray()).ConfigureAwait(false);
        return doomed.Count;
    }

    /// <summary>
    /// Every key of the account's space (<c>sg:{acc}:*</c>). They share the account's hash tag, so one primary holds them
    /// all: the one serving the pattern's own slot is walked, not every primary (a fault there fails the step).
    /// </summary>
    public async Task<List<string>> OwnKeysAsync(string acc)
    {
        string glob = CoreKeys.AccountSpace(acc);
        var keys = new List<string>();
        var server = redis.Connection.GetServer((RedisKey)glob);
        await foreach (var key in server.KeysAsync(pattern: glob, pageSize: 500).ConfigureAwait(false)) keys.Add(key.ToString());
        return keys;
    }
}
