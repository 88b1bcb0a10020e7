using System.Text.Json;
using SocialGame.Core.Storage;
using StackExchange.Redis;

namespace SocialGame.Modules.Pass;

/// <summary>
/// The stored side of pass gifts: each gift's record (a hash), the index of gold gifts being paid, the sender's
/// pointer to an unpaid RMB gift, the recipients' season reservations and the RMB refund records. No decisions here:
/// <see cref="PassGifts"/> decides what to write.
/// </summary>
internal sealed class PassGiftStore(RedisStore redis)
{
    private IDatabase Db => redis.Db;

    /// <summary>A gold gift's record, made before its debit, and its place in the index the recovery sweep reads.</summary>
    public async Task CreatePayingAsync(string id, string from, string to, string season, int pay, long now)
    {
        await Db.HashSetAsync(PassKeys.Gift(id), [new("from", from), new("to", to), new("season", season), new("pay", pay),
            new("state", PassGiftStates.Codec.Write(PassGiftState.Paying)), new("time", now)]).ConfigureAwait(false);
        await Db.SortedSetAddAsync(PassKeys.Paying, id, now).ConfigureAwait(false);
    }

    /// <summary>An RMB gift's record naming its order; it lives as long as the order may still be paid.</summary>
    public async Task CreateOrderedAsync(string id, string from, string to, string season, long now, string orderId, TimeSpan keep)
    {
        var record = Db.CreateTransaction();
        var written = Task.WhenAll(
            record.HashSetAsync(PassKeys.Gift(id), [new("from", from), new("to", to), new("season", season), new("pay", 2),
                new("state", PassGiftStates.Codec.Write(PassGiftState.Ordered)), new("time", now), new("orderid", orderId)]),
            record.KeyExpireAsync(PassKeys.Gift(id), keep));
        await record.ExecuteAsync().ConfigureAwait(false);
        await written.ConfigureAwait(false);
    }

    /// <summary>A gift that was never paid leaves nothing behind.</summary>
    public async Task DropAsync(string id)
    {
        await Db.KeyDeleteAsync(PassKeys.Gift(id)).ConfigureAwait(false);
        await Db.SortedSetRemoveAsync(PassKeys.Paying, id).ConfigureAwait(false);
    }

    /// <summary>A paid gift's record is kept for good.</summary>
    public Task PersistAsync(string id) => Db.KeyPersistAsync(PassKeys.Gift(id));

    /// <summary>The gift's state; null when there is no such gift.</summary>
    public async Task<PassGiftState?> StateAsync(string id) =>
        StateOf(await Db.HashGetAsync(PassKeys.Gift(id), "state").ConfigureAwait(false));

    /// <summary>A stored state (null for none); an unknown text is damaged data and throws.</summary>
    public static PassGiftState? StateOf(RedisValue stored) => stored.IsNullOrEmpty ? null : PassGiftStates.Codec.Read(stored);

    /// <summary>Sets the state; a final one takes the gift out of the sweep's index.</summary>
    public async Task SetStateAsync(string id, PassGiftState state)
    {
        await Db.HashSetAsync(PassKeys.Gift(id), "state", PassGiftStates.Codec.Write(state)).ConfigureAwait(false);
        if (state is PassGiftState.Unlocked or PassGiftState.Refunded or PassGiftState.Failed)
            await Db.SortedSetRemoveAsync(PassKeys.Paying, id).ConfigureAwait(false);
    }

    /// <summary>The requested fields of a gift's record (null values when it has none).</summary>
    public Task<RedisValue[]> FieldsAsync(string id, params RedisValue[] fields) => Db.HashGetAsync(PassKeys.Gift(id), fields);

    public async Task<Dictionary<string, RedisValue>> RecordAsync(string id) =>
        (await Db.HashGetAllAsync(PassKeys.Gift(id)).ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => e.Value);

    /// <summary>Gold gifts in the paying index made before <paramref name="before"/> (unix s), oldest first.</summary>
    public async Task<IReadOnlyList<string>> PayingBeforeAsync(double before) =>
        (await Db.SortedSetRangeByScoreAsync(PassKeys.Paying, double.NegativeInfinity, before, take: 200).ConfigureAwait(false))
            .Select(m => m.ToString()).ToList();

    public Task ForgetPayingAsync(string id) => Db.SortedSetRemoveAsync(PassKeys.Paying, id);

    /// <summary>The gift holding <paramref name="acc"/>'s pass of <paramref name="season"/>, if any.</summary>
    public async Task<string?> ReservedByAsync(string acc, string season) =>
        (await Db.StringGetAsync(PassKeys.Owner(acc, season)).ConfigureAwait(false)) is { IsNull: false } id ? id.ToString() : null;

    public Task<bool> IsReservedAsync(string acc, string season) => Db.KeyExistsAsync(PassKeys.Owner(acc, season));

    public Task ReleaseReservationAsync(string acc, string season) => Db.KeyDeleteAsync(PassKeys.Owner(acc, season));

    public Task SetUnpaidAsync(string from, string to, string id, TimeSpan keep) => Db.StringSetAsync(PassKeys.Unpaid(from, to), id, keep);

    public async Task<string?> UnpaidAsync(string from, string to) =>
        (await Db.StringGetAsync(PassKeys.Unpaid(from, to)).ConfigureAwait(false)) is { IsNull: false } id ? id.ToString() : null;

    /// <summary>Adds a refund record for finance, once per gift; false when it was already there.</summary>
    public Task<bool> AddRefundAsync(string id, object record) =>
        Db.HashSetAsync(PassKeys.Refunds, id, JsonSerializer.Serialize(record), When.NotExists);

    /// <summary>The RMB refund record of a gift (JSON), or null when it has none.</summary>
    public async Task<string?> RefundOfAsync(string id) =>
        (await Db.HashGetAsync(PassKeys.Refunds, id).ConfigureAwait(false)) is { IsNull: false } r ? r.ToString() : null;

    public async Task<IReadOnlyList<string>> RefundsAsync() =>
        (await Db.HashValuesAsync(PassKeys.Refunds).ConfigureAwait(false)).Select(v => v.ToString()).ToList();
}
