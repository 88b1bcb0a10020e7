using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NLog;
using SocialGame.Core;
using SocialGame.Core.Admin;
using SocialGame.Core.Logging;
using SocialGame.Core.Storage;

namespace SocialGame.Server.Admin;

/// <summary>
/// The admin HTTP port, on its own address (<c>adminHost</c>, loopback by default): <c>/health</c> (open; Redis checked at most
/// once a second),
/// <c>/metrics</c> (open, or behind <c>admin.metricsToken</c>) and the routes modules registered, each behind the
/// operator role it declared (401 without valid credentials, 403 for a role too low). Bodies are capped and
/// checked before a route sees them; every operator write is in the audit trail and the datalog with the operator's name.
/// Operators sign in with a bearer token, or in the web console (<see cref="ConsoleSite"/>) with a session cookie, whose writes
/// must carry the session's CSRF token.
/// </summary>
internal sealed class AdminServer(ServerServices services)
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly AdminGate _gate = new(services.Operators.Tokens, services.Clock, services.Options.Admin.MetricsToken);
    private readonly HealthCheck _health = new(() => RedisPrimaries.CheckAsync(services.Redis), TimeSpan.FromSeconds(1));
    private WebApplication? _app;

    public int Port { get; private set; }

    public async Task StartAsync(string host, int port)
    {
        // No appsettings.json to watch: with the default reload on change, the host watched its content root (the working
        // directory) and every folder below it with inotify, and woke for every file written there (logs included).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Parse(host), port);
            k.Limits.MaxRequestBodySize = services.Options.Admin.MaxBodyBytes;
        });
        var app = builder.Build();
        app.MapGet("/health", async () =>
        {
            // Every primary must answer (a key-less PING reaches just one node), and on a cluster cluster_state must be ok.
            // made at most once a second (HealthCheck): the route is open
            var health = await _health.GetAsync().ConfigureAwait(false);
            var body = new
            {
                status = health.Ok ? "ok" : "degraded",
                node = services.Options.Node,
                redis = health.Ok,
                clusterState = health.ClusterState,
                masters = health.Primaries.Select(p => new { address = p.Address, slots = p.Slots, ok = p.Ok, error = p.Error }),
                connections = services.Sessions.Registry.Count,
                loggedIn = services.Sessions.Registry.LoggedInCount,
            };
            return Results.Json(body, statusCode: health.Ok ? 200 : 503);
        });
        app.MapGet("/metrics", (HttpContext http) => _gate.MayScrape(http.Request.Headers.Authorization)
            ? Results.Text(services.Metrics.RenderPrometheus(), "text/plain; version=0.0.4")
            : Unauthenticated(http, "scrape token required: Authorization: Bearer <admin.metricsToken>"));
        new ConsoleSite(services).Map(app);
        foreach (var entry in services.AdminRoutes.Routes)
            app.MapMethods(entry.Route.Pattern, [entry.Route.Method], (Delegate)((HttpContext http) => InvokeAsync(entry, http)));
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
        _app = app;
    }

    private static IResult Unauthenticated(HttpContext http, string error)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        http.Response.Headers.Connection = "close";
        return Results.Json(new { error }, statusCode: StatusCodes.Status401Unauthorized);
    }

    private async Task<IResult> InvokeAsync(AdminRouteEntry entry, HttpContext http)
    {
        OperatorIdentity? who = null;
        if (entry.MinimumRole is { } minimum)
        {
            AdminAuthorization auth;
            ConsoleSession? console = null;
            if (http.Request.Headers.Authorization.Count == 0 && http.Request.Cookies.ContainsKey(ConsoleSessions.CookieName))
            {
                try
                {
                    console = await services.ConsoleSessions.FindAsync(http.Request.Cookies[ConsoleSessions.CookieName])
                        .ConfigureAwait(false);
                }
                catch (Exception ex) when (Core.Storage.RedisFaults.IsRedisFault(ex))
                {
                    return Results.Json(new { error = "redis unavailable" }, statusCode: 503);
                }
                auth = AdminGate.Authorize(console?.Operator, minimum);
            }
            else auth = _gate.Authorize(http.Request.Headers.Authorization, minimum);
            if (auth.Status == StatusCodes.Status401Unauthorized) return Unauthenticated(http, auth.Error!);
            who = auth.Operator;
            if (!auth.Allowed)
            {
                http.Response.Headers.Connection = "close";
                return await AnswerAsync(http, who, "", new AdminResponse(auth.Status, new { error = auth.Error })).ConfigureAwait(false);
            }
            // A console session is a cookie the browser sends by itself: a write must also carry the session's CSRF token.
            if (console is not null && !HttpMethods.IsGet(http.Request.Method) &&
                !ConsoleSessions.CsrfMatches(console, http.Request.Headers[ConsoleSessions.CsrfHeader]))
                return await AnswerAsync(http, who, "", AdminResponse.Error(403,
                    $"CSRF token missing or wrong ({ConsoleSessions.CsrfHeader})")).ConfigureAwait(false);
        }
        var body = await AdminBody.ReadAsync(http.Request, services.Options.Admin.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (body.Refusal is { } refusal)
        {
            // the rest of a body too large is not read: the connection closes after the answer (as after a refused caller)
            if (refusal.Status == StatusCodes.Status413PayloadTooLarge) http.Response.Headers.Connection = "close";
            return await AnswerAsync(http, who, "", refusal).ConfigureAwait(false);
        }
        var values = http.Request.RouteValues.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "");
        var request = new AdminRequest(http.Request.Method, http.Request.Path, values, body.Text)
        {
            Operator = who,
            RemoteAddress = http.Connection.RemoteIpAddress?.ToString(),
            Query = http.Request.Query.ToDictionary(kv => kv.Key, kv => kv.Value.ToString()),
        };
        AdminResponse response;
        try
        {
            response = await entry.Route.HandleAsync(request, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (Core.Storage.RedisFaults.IsRedisFault(ex))
        {
            Log.Warn("admin {Method} {Route}: redis failed: {Error}", http.Request.Method, entry.Route.Pattern, ex.Message);
            response = AdminResponse.Error(503, "redis unavailable");
        }
        catch (Exception ex)
        {
            Log.Error(ex, "admin {Method} {Route} failed", http.Request.Method, entry.Route.Pattern);
            response = AdminResponse.Error(500, "server error");
        }
        return await AnswerAsync(http, who, body.Text, response).ConfigureAwait(false);
    }

    /// <summary>The answer; an operator's write (any method but GET), allowed or not, goes to the audit trail (and the datalog)
    /// first.</summary>
    private async Task<IResult> AnswerAsync(HttpContext http, OperatorIdentity? who, string body, AdminResponse response)
    {
        if (who is not null && !HttpMethods.IsGet(http.Request.Method))
        {
            var entry = new AuditEntry(services.Clock.UtcNow.ToUnixTimeMilliseconds(), who.Name, OperatorRoles.Name(who.Role),
                http.Request.Method, http.Request.Path.ToString(), response.Status, body, response.Before, response.After);
            try
            {
                await services.Audit.RecordAsync(entry).ConfigureAwait(false);
            }
            catch (Exception ex) when (Core.Storage.RedisFaults.IsRedisFault(ex))
            {
                // the datalog has it already; only the console's copy is missing
                Log.Warn("admin audit: redis failed: {Error}", ex.Message);
            }
        }
        return Results.Json(response.Body, statusCode: response.Status);
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
