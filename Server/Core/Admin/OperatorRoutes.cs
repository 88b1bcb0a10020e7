using System.Text.Json;

namespace SocialGame.Core.Admin;

/// <summary>
/// The operator routes of the admin port: <c>POST /admin/login</c> (anyone), <c>GET /admin/me</c> (viewer),
/// <c>GET /admin/audit</c> (viewer: the newest operator writes), <c>GET /admin/operators</c> and
/// <c>POST /admin/operators/{name}/unlock</c> (admin).
/// </summary>
public static class OperatorRoutes
{
    internal static void Register(AdminRouteTable table, OperatorLogins logins, AdminAudit audit)
    {
        table.Add(new AdminRoute("GET", "/admin/audit", async request =>
        {
            string? path = request.Query.GetValueOrDefault("path");
            if (path is not null && (path.Length > 128 || !path.StartsWith('/')))
                return AdminResponse.Invalid("path", "must be a path like /admin/gm");
            return AdminResponse.Ok(new { entries = await audit.NewestAsync(200, path).ConfigureAwait(false) });
        }), OperatorRole.Viewer);
        table.AddUnauthenticated(new AdminRoute("POST", "/admin/login", request => LoginAsync(logins, request)));
        table.Add(new AdminRoute("GET", "/admin/me", request => Task.FromResult(AdminResponse.Ok(new
        {
            name = request.Operator!.Name,
            role = OperatorRoles.Name(request.Operator.Role),
        }))), OperatorRole.Viewer);
        table.Add(new AdminRoute("GET", "/admin/operators", async _ =>
        {
            var list = new List<object>();
            foreach (var account in logins.Directory.All.OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                var (failures, left) = await logins.FailuresAsync(account.Name).ConfigureAwait(false);
                bool locked = logins.IsLockedOut(failures);
                list.Add(new { name = account.Name, role = OperatorRoles.Name(account.Role), failedLogins = failures, lockedOut = locked,
                    secondsLeft = locked ? left : 0 });
            }
            return AdminResponse.Ok(new { operators = list });
        }), OperatorRole.Admin);
        table.Add(new AdminRoute("POST", "/admin/operators/{name}/unlock", async request =>
        {
            string name = request.RouteValues.GetValueOrDefault("name") ?? "";
            if (logins.Directory.Find(name) is null) return AdminResponse.Error(404, "unknown operator");
            await logins.UnlockAsync(name).ConfigureAwait(false);
            return AdminResponse.Ok(new { unlocked = name });
        }), OperatorRole.Admin);
    }

    /// <summary>
    /// The name and password of a login body (<c>{"name": "...", "password": "..."}</c>), or the 400 naming the field at fault; shared
    /// by <c>POST /admin/login</c> and the web console's sign-in.
    /// </summary>
    public static (string Name, string Password, AdminResponse? Refusal) ReadLogin(string body)
    {
        string? name = null, password = null;
        try
        {
            using var json = JsonDocument.Parse(body.Length == 0 ? "null" : body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (json.RootElement.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String) name = n.GetString();
                if (json.RootElement.TryGetProperty("password", out var p) && p.ValueKind == JsonValueKind.String) password = p.GetString();
            }
        }
        catch (JsonException)
        {
        }
        if (!OperatorDirectory.ValidName(name))
            return ("", "", AdminResponse.Invalid("name", "is required: 1-32 letters, digits, '-' or '_'"));
        if (password is not { Length: > 0 and <= OperatorPassword.MaxPasswordLength })
            return ("", "", AdminResponse.Invalid("password", $"is required, at most {OperatorPassword.MaxPasswordLength} characters"));
        return (name!, password, null);
    }

    private static async Task<AdminResponse> LoginAsync(OperatorLogins logins, AdminRequest request)
    {
        var (name, password, refusal) = ReadLogin(request.Body);
        if (refusal is not null) return refusal;
        var result = await logins.LoginAsync(name, password, request.RemoteAddress).ConfigureAwait(false);
        return result.Outcome switch
        {
            LoginOutcome.Ok => AdminResponse.Ok(new { token = result.Token, expires = result.Expires, name = result.Operator!.Name,
                role = OperatorRoles.Name(result.Operator.Role) }),
            LoginOutcome.LockedOut => new AdminResponse(429,
                new { error = "too many failed logins: locked out", retryAfter = result.RetryAfterSeconds }),
            LoginOutcome.Busy => new AdminResponse(429,
                new { error = "too many logins at once: try again", retryAfter = result.RetryAfterSeconds }),
            _ => AdminResponse.Error(401, "wrong name or password"),
        };
    }
}
