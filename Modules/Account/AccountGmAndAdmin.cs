using System.Text.Json;
using SocialGame.Core.Admin;
using SocialGame.Core.Gm;
using SocialGame.Modules.Common;

namespace SocialGame.Modules.Account;

/// <summary>//gm setrecord acc kind value ("-" deletes): family role, realname, cpdecl, cpapply, bind.NAME.</summary>
internal sealed class SetRecordCommand(AccountRecords records) : IGmCommand
{
    public string Name => "setrecord";
    public string Usage => "setrecord <acc> <" + string.Join("|", records.Kinds) + "> <value|->";

    public IEnumerable<string> AccountsIn(IReadOnlyList<string> args) => args.Take(1);

    public async ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct)
    {
        string value = string.Join(' ', args.Skip(2));
        if (args.Count < 3 || !Validate.Account(args[0]) || !records.IsKind(args[1]) || !Validate.Text(value, 256))
            return GmResult.Usage(this);
        await records.SetAsync(args[0], args[1], value).ConfigureAwait(false);
        return GmResult.Ok(value == "-" ? $"{args[0]} {args[1]} removed" : $"{args[0]} {args[1]} = {value}");
    }
}

/// <summary>//gm cancel run: one pass of the cancellation job on this node now.</summary>
internal sealed class CancelJobCommand(CancellationService cancellation) : IGmCommand
{
    public string Name => "cancel run";
    public string Usage => "cancel run";

    public async ValueTask<GmResult> ExecuteAsync(GmContext context, IReadOnlyList<string> args, CancellationToken ct) =>
        GmResult.Ok($"{await cancellation.RunDueAsync(ct).ConfigureAwait(false)} cancellations executed");
}

/// <summary>GET /admin/account/{acc}/records: the records cancellation checks and deletes.</summary>
internal sealed class GetRecordsRoute(AccountRecords records, CancellationService cancellation) : IAdminRoute
{
    public string Method => "GET";
    public string Pattern => "/admin/account/{acc}/records";

    public async Task<AdminResponse> HandleAsync(AdminRequest request, CancellationToken ct)
    {
        string acc = request.RouteValues.GetValueOrDefault("acc") ?? "";
        if (!Validate.Account(acc)) return AdminResponse.Error(400, "bad account");
        return AdminResponse.Ok(new { records = await records.GetAllAsync(acc).ConfigureAwait(false),
            cancellation = await cancellation.StatusAsync(acc).ConfigureAwait(false) });
    }
}

/// <summary>POST /admin/account/{acc}/records <c>{"family": "leader", "bind.cp": "bob", "realname": "-"}</c>.</summary>
internal sealed class SetRecordsRoute(AccountRecords records) : IAdminRoute
{
    public string Method => "POST";
    public string Pattern => "/admin/account/{acc}/records";

    public async Task<AdminResponse> HandleAsync(AdminRequest request, CancellationToken ct)
    {
        string acc = request.RouteValues.GetValueOrDefault("acc") ?? "";
        if (!Validate.Account(acc)) return AdminResponse.Error(400, "bad account");
        Dictionary<string, string?> fields;
        try
        {
            fields = JsonSerializer.Deserialize<Dictionary<string, string?>>(request.Body) ?? [];
        }
        catch (JsonException)
        {
            return AdminResponse.Error(400, "expected a JSON object of strings");
        }
        if (fields.Count == 0 || fields.Any(f => !records.IsKind(f.Key) || (f.Value is not null && !Validate.Text(f.Value, 256))))
            return AdminResponse.Error(400, "kinds: " + string.Join(", ", records.Kinds));
        foreach (var (kind, value) in fields) await records.SetAsync(acc, kind, value).ConfigureAwait(false);
        return AdminResponse.Ok(await records.GetAllAsync(acc).ConfigureAwait(false));
    }
}
