using SocialGame.Core.Logging;
using SocialGame.Core.Storage;
using StackExchange.Redis;

namespace SocialGame.Modules.Player;

/// <summary>A balance that differs from the sum of its ledger entries.</summary>
internal sealed record AuditMismatch(string Account, string Currency, long Wallet, long Ledger);

/// <param name="Skipped">Keys the wallet scan matched that are no wallet of a valid account (left out; the first 20).</param>
internal sealed record AuditReport(int Accounts, long Entries, IReadOnlyList<AuditMismatch> Mismatches, int SkippedCount = 0, IReadOnlyList<string>? Skipped = null)
{
    public override string ToString() =>
        $"audited {Accounts} wallets, {Entries} ledger entries: " +
        (Mismatches.Count == 0 ? "every balance equals its ledger" :
            $"{Mismatches.Count} mismatches: " + string.Join("; ", Mismatches.Take(20).Select(m => $"{m.Account} {m.Currency} wallet={m.Wallet} ledger={m.Ledger}"))) +
        (SkippedCount == 0 ? "" : $"; {SkippedCount} keys matching the wallet pattern are no wallet of a valid account and were left out: " +
            string.Join(", ", (Skipped ?? []).Select(LogText.Escape)));
}

/// <summary>
/// Recomputes every balance from its ledger stream and reports any difference. Only keys that are exactly the
/// wallet key of a valid account are audited; other keys the scan pattern matches (markers whose client-chosen
/// last part is "wallet", wallets of names that are no valid account) are counted and named, never read as wallets.
/// </summary>
internal sealed class LedgerAudit(RedisStore redis)
{
    private const int SkippedNamed = 20;

    public async Task<AuditReport> RunAsync(CancellationToken ct = default)
    {
        var mismatches = new List<AuditMismatch>();
        var skipped = new List<string>();
        int accounts = 0, skippedCount = 0;
        long entries = 0;
        foreach (var server in redis.Connection.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: PlayerKeys.WalletPattern, pageSize: 500).WithCancellation(ct).ConfigureAwait(false))
            {
                if (PlayerKeys.AccountOfWallet(key.ToString()) is not { } acc)
                {
                    if (++skippedCount <= SkippedNamed) skipped.Add(key.ToString());
                    continue;
                }
                accounts++;
                var (sums, read) = await SumLedgerAsync(acc, ct).ConfigureAwait(false);
                entries += read;
                var wallet = (await redis.Db.HashGetAllAsync(key).ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => (long)e.Value);
                foreach (var cur in wallet.Keys.Union(sums.Keys))
                {
                    long w = wallet.GetValueOrDefault(cur), l = sums.GetValueOrDefault(cur);
                    if (w != l) mismatches.Add(new AuditMismatch(acc, cur, w, l));
                }
            }
        }
        return new AuditReport(accounts, entries, mismatches, skippedCount, skipped);
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
