using SocialGame.Core.Storage;
using SocialGame.Protocol.Messages.Pass;
using StackExchange.Redis;

namespace SocialGame.Modules.Pass;

/// <summary>What each player sees of the gifts they sent and received: the newest <see cref="Kept"/> of each, newest first.</summary>
public sealed class PassGiftRecords(RedisStore redis, PassGiftStore store)
{
    /// <summary>Records kept per player and list (the newest; what the records view shows).</summary>
    public const int Kept = 100;

    private IDatabase Db => redis.Db;

    /// <summary>An unpaid RMB gift: only in the sender's records.</summary>
    public Task AddSentAsync(string from, string id) => ListAsync(PassKeys.Sent(from), id);

    /// <summary>A paid gift: in both players' records.</summary>
    public Task AddPaidAsync(string id, string from, string to) => Task.WhenAll(ListAsync(PassKeys.Sent(from), id), ListAsync(PassKeys.Received(to), id));

    public async Task<PassRecordsResponse> ViewAsync(string acc) => new()
    {
        Sent = await ReadAsync(PassKeys.Sent(acc)).ConfigureAwait(false),
        Received = await ReadAsync(PassKeys.Received(acc)).ConfigureAwait(false),
    };

    /// <summary>Puts <paramref name="id"/> first in a records list (once), keeping the newest <see cref="Kept"/>.</summary>
    private async Task ListAsync(RedisKey list, string id)
    {
        await Db.ListRemoveAsync(list, id).ConfigureAwait(false);
        await Db.ListLeftPushAsync(list, id).ConfigureAwait(false);
        await Db.ListTrimAsync(list, 0, Kept - 1).ConfigureAwait(false);
    }

    private async Task<List<PassGiftRecord>> ReadAsync(RedisKey list)
    {
        var ids = await Db.ListRangeAsync(list, 0, Kept - 1).ConfigureAwait(false);
        var records = new List<PassGiftRecord>();
        foreach (var id in ids)
        {
            var f = await store.RecordAsync(id.ToString()).ConfigureAwait(false);
            if (f.Count == 0) continue;
            records.Add(new PassGiftRecord
            {
                GiftId = id.ToString(), From = f["from"].ToString(), To = f["to"].ToString(), Season = f["season"].ToString(),
                Pay = (int)f["pay"], State = f["state"].ToString(), Time = (long)f["time"],
            });
        }
        return records;
    }
}
