using System.Text.Json;
using SocialGame.Core.Admin;
using StackExchange.Redis;

namespace SocialGame.Modules.Pass.Admin;

/// <summary>
/// GET /admin/passgifts/{id} (viewer): a pass gift for operators: sender, recipient, season, how it is paid (gold or RMB, and its
/// order), its state (paying, ordered, unlocked, refunded, failed), when it was made, and its refund (a gold gift's price back in the
/// sender's ledger; an RMB gift's refund record for finance). <c>/admin/passgifts/acc:{account}</c> lists the gifts an account sent
/// and received (the newest 100 of each, the records players see).
/// </summary>
internal sealed class PassGiftLookupRoute(PassGifts gifts) : IAdminRoute
{
    private const string AccountPrefix = "acc:";
    public string Method => "GET";
    public string Pattern => "/admin/passgifts/{id}";

    public async Task<AdminResponse> HandleAsync(AdminRequest request, CancellationToken ct)
    {
        string id = request.RouteValues.GetValueOrDefault("id") ?? "";
        if (id.StartsWith(AccountPrefix, StringComparison.Ordinal))
        {
            string acc = id[AccountPrefix.Length..];
            if (!Common.Validate.Account(acc)) return AdminResponse.Invalid("acc", "is not an account name");
            var records = await gifts.RecordsAsync(acc).ConfigureAwait(false);
            return AdminResponse.Ok(new { acc, sent = records.Sent.Select(Row), received = records.Received.Select(Row) });
        }
        if (!PassGifts.ValidId(id)) return AdminResponse.Invalid("id", "is not a pass gift id");
        var f = await gifts.RecordAsync(id).ConfigureAwait(false);
        if (f.Count == 0) return AdminResponse.Error(404, "unknown pass gift");
        string from = Text(f, "from"), state = Text(f, "state");
        int pay = (int)f.GetValueOrDefault("pay");
        return AdminResponse.Ok(new
        {
            giftid = id, from, to = Text(f, "to"), season = Text(f, "season"), pay = PayText(pay), orderid = Text(f, "orderid"), state,
            time = (long)f.GetValueOrDefault("time"),
            refund = await RefundAsync(id, from, pay, state).ConfigureAwait(false),
        });
    }

    private static object Row(Protocol.Messages.Pass.PassGiftRecord r) => new
    {
        giftid = r.GiftId, from = r.From, to = r.To, season = r.Season, pay = PayText(r.Pay), state = r.State, time = r.Time,
    };

    /// <summary>none (not refunded), or where the money went back: the gold's ledger entry, or the RMB refund record.</summary>
    private async Task<object> RefundAsync(string id, string from, int pay, string state)
    {
        if (pay == 2 && await gifts.RmbRefundOfAsync(id).ConfigureAwait(false) is { } record)
            return new { state = "recorded", record = JsonDocument.Parse(record).RootElement.Clone() };
        if (pay == 1 && await gifts.GoldRefundedAsync(id, from).ConfigureAwait(false))
            return new { state = "refunded", ledger = $"passgift:{id}:refund" };
        return new { state = state == "refunded" ? "pending" : "none" };
    }

    private static string PayText(int pay) => pay switch { 1 => "gold", 2 => "rmb", _ => "unknown" };

    private static string Text(Dictionary<string, RedisValue> f, string name) => f.TryGetValue(name, out var v) ? v.ToString() : "";
}
