using SocialGame.Core.Logging;
using SocialGame.Core.Storage;
using StackExchange.Redis;

namespace SocialGame.Modules.Player;

/// <summary>A balance that differs from the sum of its ledger entries.</summary>
internal sealed record AuditMismatch(string Account, string Currency, long Wallet, long Ledger);

/// <param name="Skipped">Keys the wallet scan matched that are no wallet of a valid account (left out; the first 20).</param>
/// <param name="Unreachable">Primaries (a cluster's masters serving slots) that could not be read: their wallets were not audited.</param>
internal sealed record AuditReport(int Accounts, long Entries, IReadOnlyList<AuditMismatch> Mismatches, int SkippedCount = 0,
    IReadOnlyList<string>? Skipped = null, IReadOnlyList<string>? Unreachable = null)
{
    /// <summary>True when every primary was read: the report covers every wallet.</summary>
    public bool Complete => Unreachable is not { Count: > 0 };

    public override string ToString() =>
        (Complete ? "" : $"INCOMPLETE: could not reach {string.Join(", ", Unreachable!)} (the wallets there were not audited); ") +
        $"audited {Accounts} wallets, {Entries} ledger entries: " +
        (Mismatches.Count == 0 ? "every balance equals its ledger" :
            $"{Mismatches.Count} mismatches: " + string.Join("; ",
                Mismatches.Take(20).Select(m => $"{m.Account} {m.Currency} wallet={m.Wallet} ledger={m.Ledger}"))) +
        (SkippedCount == 0 ? ""
            : $"; {SkippedCount} keys matching the wallet pattern are no wallet of a valid account and were left out: " +
            string.Join(", ", (Skipped ?? []).Select(LogText.Escape)));
}

/// <summary>
/// Recomputes every balance from its ledger stream and reports any difference. Only keys that are exactly the
/// wallet key of a valid account are audited; other keys the scan pattern matches (markers whose client-chosen
/// last part is "wallet", wallets of names that are no valid account) are counted and named, never read as wallets.
/// Every primary is walked (on a cluster every master serving slots, as the cluster lists them); one that cannot be
/// reached, or fails during its walk, is named in the report, never skipped in silence.
/// </summary>
internal sealed class LedgerAudit(RedisStore redis)
{
    private const int SkippedNamed = 20;

    public async Task<AuditReport> RunAsync(CancellationToken ct = default)
    {
        var tally = new Tally();
        var unreachable = new List<string>();
        foreach (var primary in await RedisPrimaries.ListAsync(redis).ConfigureAwait(false))
        {
            try
            {
                await AuditPrimaryAsync(redis.Connection.GetServer(primary.EndPoint), tally, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (RedisFaults.IsRedisFault(ex))
            {
                unreachable.Add($"{primary.Address} ({LogText.Excerpt(ex.Message, 120)})");
            }
        }
        return new AuditReport(tally.Accounts, tally.Entries, tally.Mismatches, tally.SkippedCount, tally.Skipped, unreachable);
    }

    private sealed class Tally
    {
        public readonly List<AuditMismatch> Mismatches = [];
        public readonly List<string> Skipped = [];
        public int Accounts, SkippedCount;
        public long Entries;
    }

    /// <summary>Every wallet on one primary.</summary>
    private async Task AuditPrimaryAsync(IServer server, Tally tally, CancellationToken ct)
    {
        await foreach (var key in server.KeysAsync(pattern: PlayerKeys.WalletPattern, pageSize: 500).WithCancellation(ct)
            .ConfigureAwait(false))
        {
            if (PlayerKeys.AccountOfWallet(key.ToString()) is not { } acc)
            {
                if (++tally.SkippedCount <= SkippedNamed) tally.Skipped.Add(key.ToString());
                continue;
            }
            tally.Accounts++;
            var (sums, read) = await SumLedgerAsync(acc, ct).ConfigureAwait(false);
            tally.Entries += read;
            var wallet = (await redis.Db.HashGetAllAsync(key).ConfigureAwait(false))
                .ToDictionary(e => e.Name.ToString(), e => (long)e.Value);
            foreach (var cur in wallet.Keys.Union(sums.Keys))
            {
                long w = wallet.GetValueOrDefault(cur), l = sums.GetValueOrDefault(cur);
                if (w != l) tally.Mismatches.Add(new AuditMismatch(acc, cur, w, l));
            }
        }
    }

    private async Task<(Dictionary<string, long> Sums, long Read)> SumLedgerAsync(string acc, CancellationToken ct)
    {
        var sums = new Dictionary<string, long>();
        long read = 0;
        RedisValue from = "-";
        while (!ct.IsCancellationRequested)
        {
            var page = await redis.Db.StreamRangeAsync(PlayerKeys.Ledger(acc), from, "+", 1000).ConfigureAwait(false);
            foreach (var entry in page)
            {
                read++;
                var cur = entry["cur"];
                if (!cur.IsNull) sums[cur.ToString()] = sums.GetValueOrDefault(cur.ToString()) + (long)entry["delta"];
            }
            if (page.Length < 1000) break;
            from = "(" + page[^1].Id;
        }
        return (sums, read);
    }
}
