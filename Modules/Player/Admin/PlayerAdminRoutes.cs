using System.Text.Json;
using SocialGame.Core.Admin;

namespace SocialGame.Modules.Player.Admin;

/// <summary>
/// POST /pay/callback <c>{orderid, amount, txid, sign}</c>, sign = hex HMAC-SHA256(paySecret, "orderid|amount|txid").
/// 200 for a paid order (also for repeats), 400 bad request or wrong amount, 401 bad signature,
/// 404 unknown order, 409 paid by another transaction.
/// </summary>
internal sealed class PayCallbackRoute(Payments.Payments payments) : IAdminRoute
{
    public string Method => "POST";
    public string Pattern => "/pay/callback";

    public async Task<AdminResponse> HandleAsync(AdminRequest request, CancellationToken ct)
    {
        string? orderId, txId, sign;
        long amount;
        try
        {
            using var json = JsonDocument.Parse(request.Body);
            var r = json.RootElement;
            orderId = r.GetProperty("orderid").GetString();
            amount = r.GetProperty("amount").GetInt64();
            txId = r.GetProperty("txid").GetString();
            sign = r.GetProperty("sign").GetString();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return AdminResponse.Error(400, "expected {orderid, amount, txid, sign}");
        }
        if (!Common.Validate.Text(orderId, 64) || !Common.Validate.Text(txId, 128) || !Common.Validate.Text(sign, 128) || amount <= 0)
            return AdminResponse.Error(400, "bad field");
        return await payments.OnCallbackAsync(orderId!, amount, txId!, sign!).ConfigureAwait(false) switch
        {
            Payments.CallbackResult.Ok => AdminResponse.Ok(new { code = 0, msg = "ok" }),
            Payments.CallbackResult.BadSignature => AdminResponse.Error(401, "bad signature"),
            Payments.CallbackResult.UnknownOrder => AdminResponse.Error(404, "unknown order"),
            Payments.CallbackResult.WrongAmount => AdminResponse.Error(400, "wrong amount"),
            _ => AdminResponse.Error(409, "order already paid by another transaction"),
        };
    }
}

/// <summary>GET /pay/order/{id}: an order's state (for operators and the local payment tool).</summary>
internal sealed class OrderLookupRoute(Payments.Payments payments) : IAdminRoute
{
    public string Method => "GET";
    public string Pattern => "/pay/order/{id}";

    public async Task<AdminResponse> HandleAsync(AdminRequest request, CancellationToken ct)
    {
        string id = request.RouteValues.GetValueOrDefault("id") ?? "";
        if (!Common.Validate.Text(id, 64)) return AdminResponse.Error(400, "bad order id");
        var order = await payments.GetAsync(id).ConfigureAwait(false);
        return order is null
            ? AdminResponse.Error(404, "unknown order")
            : AdminResponse.Ok(new { orderid = order.Id, acc = order.Account, productid = order.ProductId, amount = order.Amount,
                state = Payments.OrderStates.Codec.Write(order.State), txid = order.TxId });
    }
}

/// <summary>POST /admin/profile/{acc} <c>{"nickname": "...", "viplevel": "3", ...}</c>: sets profile fields (all checked first).</summary>
internal sealed class SetProfileRoute(Profiles profiles) : IAdminRoute
{
    public string Method => "POST";
    public string Pattern => "/admin/profile/{acc}";

    public async Task<AdminResponse> HandleAsync(AdminRequest request, CancellationToken ct)
    {
        string acc = request.RouteValues.GetValueOrDefault("acc") ?? "";
        if (!Common.Validate.Account(acc)) return AdminResponse.Error(400, "bad account");
        Dictionary<string, string> fields;
        try
        {
            using var json = JsonDocument.Parse(request.Body);
            fields = json.RootElement.EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return AdminResponse.Error(400, "expected a JSON object of fields");
        }
        foreach (var (field, value) in fields)
            if (!Profiles.Settable.TryGetValue(field, out var check) || !check(value))
                return AdminResponse.Error(400, $"bad field {field}");
        if (fields.Count == 0) return AdminResponse.Error(400, "no fields");
        foreach (var (field, value) in fields)
            if (!await profiles.SetAsync(acc, field, value).ConfigureAwait(false)) return AdminResponse.Error(404, "unknown account");
        return AdminResponse.Ok(await profiles.GetAsync(acc).ConfigureAwait(false) ?? new object());
    }
}
