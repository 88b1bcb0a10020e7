using SocialGame.Core.Storage;
using SocialGame.Protocol.Messages.Pass;
using StackExchange.Redis;

namespace SocialGame.Modules.Pass;

/// <summary>What each player sees of the gifts they sent and received: the newest <see cref="Kept"/> of each, newest first.</summary>
internal sealed class PassGiftRecords(RedisStore redis, PassGiftStore store)
{
    /// <summary>Records kept per player and list (the newest; what the records view shows).</summary>
    public const int Kept = 100;

    private IDatabase Db => redis.Db;

    /// <summary>An unpaid RMB gift: only in the sender's records.</summary>
    public Task AddSentAsync(string from, string id) => ListAsync(PassKeys.Sent(from), id);

    /// <summary>A paid gift: in both players' records.</summary>
    public Task AddPaidAsync(string id, string from, string to) =>
        Task.WhenAll(ListAsync(PassKeys.Sent(from), id), ListAsync(PassKeys.Received(to), id));

    public async Task<PassRecordsResponse> ViewAsync(string acc)
    {
        // Both lists and every record read at once: one round trip's wait instead of one per record.
        var sent = ReadAsync(PassKeys.Sent(acc));
        var received = ReadAsync(PassKeys.Received(acc));
        return new PassRecordsResponse { Sent = await sent.ConfigureAwait(false), Received = await received.ConfigureAwait(false) };
    }

    /// <summary>Puts <paramref name="id"/> first in a records list (once), keeping the newest <see cref="Kept"/>: one atomic
    /// step.</summary>
    private async Task ListAsync(RedisKey list, string id)
    {
        var step = Db.CreateTransaction();
        var done = Task.WhenAll(step.ListRemoveAsync(list, id), step.ListLeftPushAsync(list, id), step.ListTrimAsync(list, 0, Kept - 1));
        await step.ExecuteAsync().ConfigureAwait(false);
        await done.ConfigureAwait(false);
    }

    private async Task<List<PassGiftRecord>> ReadAsync(RedisKey list)
    {
        var ids = await Db.ListRangeAsync(list, 0, Kept - 1).ConfigureAwait(false);
        var all = await Task.WhenAll(ids.Select(id => store.RecordAsync(id.ToString()))).ConfigureAwait(false);
        var records = new List<PassGiftRecord>();
        for (int i = 0; i < ids.Length; i++)
        {
            var f = all[i];
            if (f.Count == 0) continue;
            records.Add(new PassGiftRecord
            {
                GiftId = ids[i].ToString(), From = f["from"].ToString(), To = f["to"].ToString(), Season = f["season"].ToString(),
                Pay = (int)f["pay"], State = f["state"].ToString(), Time = (long)f["time"],
            });
        }
        return records;
    }
}
