using SocialGame.Core.Logging;
using SocialGame.Core.Storage;
using SocialGame.Core.Storage.Keys;
using StackExchange.Redis;

namespace SocialGame.Modules.Room;

/// <summary>The room step of deleting an account.</summary>
internal sealed partial class RoomService
{
    /// <summary>
    /// The account's entries step when it is deleted: out of the members of every room it is in, and the gift markers
    /// that name it in other accounts' spaces deleted (a recipient's "counted in charm" markers of its gifts, a sender's
    /// "counted in wealth" markers of gifts to it). The account's own keys (its rooms, charm, wealth, markers) go with its space.
    /// </summary>
    public async Task EraseAccountDataAsync(string acc)
    {
        await EraseAccountAsync(acc).ConfigureAwait(false);
        int deleted = 0;
        foreach (string pattern in RoomKeys.MarkersNaming(acc))
            await foreach (var key in _redis.ScanAsync(pattern).ConfigureAwait(false))
                if (await Db.KeyDeleteAsync(key).ConfigureAwait(false)) deleted++;
        if (deleted > 0) DataLog.Write("room markers erased", ("acc", acc), ("keys", deleted));
        await ReplaceAsOwnerAsync(acc).ConfigureAwait(false);
    }

    /// <summary>
    /// A room the account owns keeps its state for the live platform's events, with the owner replaced by an anonymous
    /// name; each room changes only while the account is still its owner (an owner change racing this wins).
    /// </summary>
    private async Task ReplaceAsOwnerAsync(string acc)
    {
        string placeholder = DeletedAccount.NewName();
        int replaced = 0;
        await foreach (var key in _redis.ScanAsync(RoomKeys.RoomGlob).ConfigureAwait(false))
        {
            if (!RoomKeys.IsRoom(key)) continue;
            var tran = Db.CreateTransaction();
            tran.AddCondition(Condition.HashEqual(key, "owner", acc));
            _ = tran.HashSetAsync(key, "owner", placeholder);
            if (await tran.ExecuteAsync().ConfigureAwait(false)) replaced++;
        }
        if (replaced > 0) DataLog.Write("room owner anonymised", ("acc", acc), ("rooms", replaced));
    }
}
