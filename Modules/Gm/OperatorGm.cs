using System.Net;
using System.Text.Json;
using SocialGame.Core.Admin;
using SocialGame.Core.Sessions;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;

namespace SocialGame.Modules.Gm;

/// <summary>
/// <c>POST /admin/gm</c> <c>{"text": "addmoney alice gold 100"}</c> (operator): runs a GM command as the operator (the web console's GM
/// console), answering <c>{result, resultName, output}</c>; the audit trail keeps each one with its output (the console's history:
/// <c>GET /admin/audit?path=/admin/gm</c>).
/// </summary>
internal sealed class OperatorGmRoute(GmRunner runner) : IAdminRoute
{
    public string Method => "POST";
    public string Pattern => "/admin/gm";

    public async Task<AdminResponse> HandleAsync(AdminRequest request, CancellationToken ct)
    {
        string? text = null;
        try
        {
            using var json = JsonDocument.Parse(request.Body.Length == 0 ? "null" : request.Body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("text", out var t) &&
                t.ValueKind == JsonValueKind.String)
                text = t.GetString();
        }
        catch (JsonException)
        {
        }
        if (string.IsNullOrWhiteSpace(text)) return AdminResponse.Invalid("text", "is required: a GM command, e.g. help");
        var from = IPAddress.TryParse(request.RemoteAddress, out var ip) ? ip : IPAddress.Loopback;
        var result = await runner.RunForOperatorAsync(request.Operator!.Name, from, text, ct).ConfigureAwait(false);
        var answer = new
        {
            result = (int)result.Code,
            resultName = Protocol.Generators.ProtocolText.SnakeCase(result.Code.ToString()),
            output = result.Output,
        };
        return AdminResponse.Ok(answer) with { After = answer };
    }
}

/// <summary>The connection a console operator's GM command runs on: none (a command that pushes to "its" session reaches nobody).</summary>
internal sealed class OperatorSession(string name, IPAddress from) : ISession
{
    public long Id => 0;
    public string? Account => name;
    public LoginInfo? Login => null;
    public IPAddress ClientIp => from;
    public string ClientIpText => ClientAddress.Plain(from).ToString();
    public bool IsOpen => false;
    public void Push<T>(PushDef<T> push, T data) where T : class
    {
    }
    public Task CloseAsync(string reason) => Task.CompletedTask;
}
