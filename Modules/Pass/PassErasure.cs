using System.Text.Json.Nodes;
using SocialGame.Core.Logging;
using SocialGame.Core.Storage;
using SocialGame.Core.Storage.Keys;
using StackExchange.Redis;

namespace SocialGame.Modules.Pass;

/// <summary>The pass step of deleting an account: its gifts stay (with their money) without its name.</summary>
internal sealed partial class PassGifts
{
    /// <summary>
    /// The account's entries step when it is deleted: every gift it sent or received keeps its record with the account's
    /// name (as <c>from</c> or <c>to</c>) replaced, each in one transaction that holds only while the gift is settled
    /// (unlocked, refunded or failed); a gift still being paid (<c>paying</c>, <c>ordered</c>) is left, and the step fails
    /// after the others so the deletion finishes on a later pass (an unpaid gift lapses). Its name in finance's refund
    /// records is replaced too (the record keeps its order id), and other senders' pointers to their unpaid gifts to it go.
    /// </summary>
    public async Task EraseAccountAsync(string acc)
    {
        var db = _redis.Db;
        string placeholder = DeletedAccount.NewName();
        var pending = new List<string>();
        await foreach (var key in _redis.ScanAsync(PassKeys.UnpaidTo(acc)).ConfigureAwait(false))
            await db.KeyDeleteAsync(key).ConfigureAwait(false);
        await foreach (var key in _redis.ScanAsync(PassKeys.GiftPattern).ConfigureAwait(false))
        {
            var f = await db.HashGetAsync(key, ["from", "to", "state"]).ConfigureAwait(false);
            var named = new[] { "from", "to" }.Where((_, i) => f[i] == acc).ToList();
            if (named.Count == 0) continue;
            if (PassGiftStore.StateOf(f[2]) is PassGiftState.Paying or PassGiftState.Ordered)
            {
                pending.Add(key.ToString());
                continue;
            }
            var step = db.CreateTransaction();
            step.AddCondition(Condition.HashEqual(key, "state", f[2]));
            foreach (string field in named)
            {
                step.AddCondition(Condition.HashEqual(key, field, acc));
                _ = step.HashSetAsync(key, field, placeholder);
            }
            if (await step.ExecuteAsync().ConfigureAwait(false))
                DataLog.Write("pass gift anonymised", ("gift", key.ToString()), ("acc", acc));
            else pending.Add(key.ToString());
        }
        await AnonymiseRefundsAsync(db, acc, placeholder).ConfigureAwait(false);
        if (pending.Count > 0)
            throw new InvalidOperationException($"pass gifts of {acc} are still being paid ({string.Join(",", pending)}); anonymised on " +
                "a later pass");
    }

    private static async Task AnonymiseRefundsAsync(IDatabase db, string acc, string placeholder)
    {
        foreach (var entry in await db.HashGetAllAsync(PassKeys.Refunds).ConfigureAwait(false))
        {
            if (JsonNode.Parse(entry.Value.ToString()) is not JsonObject record || record["acc"]?.GetValue<string>() != acc) continue;
            record["acc"] = placeholder;
            // Only if the record is still as read (it is written once; another pass of the same deletion may have replaced the name first).
            var step = db.CreateTransaction();
            step.AddCondition(Condition.HashEqual(PassKeys.Refunds, entry.Name, entry.Value));
            _ = step.HashSetAsync(PassKeys.Refunds, entry.Name, record.ToJsonString());
            await step.ExecuteAsync().ConfigureAwait(false);
        }
    }
}
