using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SocialGame.Core;
using SocialGame.Core.Admin;

namespace SocialGame.Server.Admin;

/// <summary>
/// The operators' web console on the admin port: its static pages and scripts under <c>/console/</c> (built into the
/// server, no CDN), and its sign-in: <c>POST /console/login</c> (the operator logins, with their lockout) opens a
/// session cookie (HttpOnly, SameSite=Strict) and answers the session's CSRF token, <c>GET /console/session</c> says
/// who is signed in, <c>POST /console/logout</c> (with the CSRF token) ends the session on every node. The pages
/// use the admin JSON routes with that cookie.
/// </summary>
internal sealed class ConsoleSite(ServerServices services)
{
    private const string Prefix = "console/";
    private static readonly Assembly Assembly = typeof(ConsoleSite).Assembly;
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8", [".js"] = "text/javascript; charset=utf-8", [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml", [".png"] = "image/png", [".md"] = "text/plain; charset=utf-8",
    };
    private readonly HashSet<string> _files = Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..]).ToHashSet(StringComparer.Ordinal);

    public void Map(WebApplication app)
    {
        // routing ignores a trailing slash: /console redirects, /console/ is the console's page
        app.MapGet("/console", (HttpContext http) =>
            http.Request.Path.Value!.EndsWith('/') ? File(http, "index.html") : Results.Redirect("/console/"));
        app.MapGet("/console/{**path}", (HttpContext http, string? path) => File(http, string.IsNullOrEmpty(path) ? "index.html" : path));
        app.MapPost("/console/login", (Delegate)((HttpContext http) => RedisGuardedAsync(() => LoginAsync(http))));
        app.MapGet("/console/session", (Delegate)((HttpContext http) => RedisGuardedAsync(() => SessionAsync(http))));
        app.MapPost("/console/logout", (Delegate)((HttpContext http) => RedisGuardedAsync(() => LogoutAsync(http))));
    }

    private IResult File(HttpContext http, string path)
    {
        if (!_files.Contains(path) || !Types.TryGetValue(Path.GetExtension(path), out var type))
            return Results.Json(new { error = "not found" }, statusCode: 404);
        var headers = http.Response.Headers;
        headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'self'; " +
            "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return Results.Stream(Assembly.GetManifestResourceStream(Prefix + path)!, type);
    }

    private async Task<IResult> LoginAsync(HttpContext http)
    {
        var body = await AdminBody.ReadAsync(http.Request, services.Options.Admin.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (body.Refusal is { } refusal) return Results.Json(refusal.Body, statusCode: refusal.Status);
        var (name, password, invalid) = OperatorRoutes.ReadLogin(body.Text);
        if (invalid is not null) return Results.Json(invalid.Body, statusCode: invalid.Status);
        var result = await services.Operators.LoginAsync(name, password, http.Connection.RemoteIpAddress?.ToString())
            .ConfigureAwait(false);
        switch (result.Outcome)
        {
            case LoginOutcome.Ok:
                var (id, csrf) = await services.ConsoleSessions.OpenAsync(result.Operator!).ConfigureAwait(false);
                http.Response.Cookies.Append(ConsoleSessions.CookieName, id, Cookie(http, services.ConsoleSessions.LifetimeSeconds));
                return Results.Json(Session(result.Operator!, csrf));
            case LoginOutcome.LockedOut:
                return Results.Json(new
                {
                    error = "登录失败次数过多，已锁定 too many failed logins: locked out",
                    retryAfter = result.RetryAfterSeconds,
                }, statusCode: 429);
            case LoginOutcome.Busy:
                return Results.Json(new
                {
                    error = "登录繁忙，请重试 too many logins at once: try again", retryAfter = result.RetryAfterSeconds,
                }, statusCode: 429);
            default:
                return Results.Json(new { error = "用户名或密码错误 wrong name or password" }, statusCode: 401);
        }
    }

    /// <summary>Redis unreachable: 503, as the admin routes answer it.</summary>
    private static async Task<IResult> RedisGuardedAsync(Func<Task<IResult>> handle)
    {
        try
        {
            return await handle().ConfigureAwait(false);
        }
        catch (Exception ex) when (Core.Storage.RedisFaults.IsRedisFault(ex))
        {
            return Results.Json(new { error = "redis unavailable" }, statusCode: 503);
        }
    }

    private async Task<IResult> SessionAsync(HttpContext http)
    {
        var session = await services.ConsoleSessions.FindAsync(http.Request.Cookies[ConsoleSessions.CookieName]).ConfigureAwait(false);
        return session is null
            ? Results.Json(new { error = "not signed in" }, statusCode: 401)
            : Results.Json(Session(session.Operator, session.Csrf));
    }

    private async Task<IResult> LogoutAsync(HttpContext http)
    {
        string? id = http.Request.Cookies[ConsoleSessions.CookieName];
        var session = await services.ConsoleSessions.FindAsync(id).ConfigureAwait(false);
        if (session is null) return Results.Json(new { error = "not signed in" }, statusCode: 401);
        if (!ConsoleSessions.CsrfMatches(session, http.Request.Headers[ConsoleSessions.CsrfHeader]))
            return Results.Json(new { error = $"CSRF token missing or wrong ({ConsoleSessions.CsrfHeader})" }, statusCode: 403);
        await services.ConsoleSessions.CloseAsync(id).ConfigureAwait(false);
        http.Response.Cookies.Delete(ConsoleSessions.CookieName, Cookie(http, 0));
        return Results.Json(new { signedOut = session.Operator.Name });
    }

    private static object Session(OperatorIdentity who, string csrf) => new { name = who.Name, role = OperatorRoles.Name(who.Role), csrf };

    private static CookieOptions Cookie(HttpContext http, int lifetimeSeconds) => new()
    {
        HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", Secure = http.Request.IsHttps,
        MaxAge = lifetimeSeconds > 0 ? TimeSpan.FromSeconds(lifetimeSeconds) : null,
    };
}
