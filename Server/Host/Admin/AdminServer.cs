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

namespace SocialGame.Server.Admin;

/// <summary>
/// The admin HTTP port, off the game port: <c>/health</c> (Redis reachable, connection counts) and
/// <c>/metrics</c> (Prometheus text). Later modules add their operator endpoints here.
/// </summary>
internal sealed class AdminServer(ServerServices services)
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private WebApplication? _app;

    public int Port { get; private set; }

    public async Task StartAsync(string host, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Parse(host), port));
        var app = builder.Build();
        app.MapGet("/health", async () =>
        {
            bool redis = await services.Redis.PingAsync().ConfigureAwait(false);
            var body = new
            {
                status = redis ? "ok" : "degraded",
                node = services.Options.Node,
                redis,
                connections = services.Sessions.Registry.Count,
                loggedIn = services.Sessions.Registry.LoggedInCount,
            };
            return Results.Json(body, statusCode: redis ? 200 : 503);
        });
        app.MapGet("/metrics", () => Results.Text(services.Metrics.RenderPrometheus(), "text/plain; version=0.0.4"));
        foreach (var route in services.AdminRoutes.Routes)
            app.MapMethods(route.Pattern, [route.Method], (Delegate)((HttpContext http) => InvokeAsync(route, http)));
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
        _app = app;
    }

    private static async Task<IResult> InvokeAsync(IAdminRoute route, HttpContext http)
    {
        string body;
        using (var reader = new StreamReader(http.Request.Body))
            body = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
        var values = http.Request.RouteValues.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "");
        try
        {
            var response = await route.HandleAsync(new AdminRequest(http.Request.Method, http.Request.Path, values, body), http.RequestAborted).ConfigureAwait(false);
            return Results.Json(response.Body, statusCode: response.Status);
        }
        catch (Exception ex) when (Core.Storage.RedisFaults.IsRedisFault(ex))
        {
            Log.Warn("admin {0} {1}: redis failed: {2}", http.Request.Method, http.Request.Path, ex.Message);
            return Results.Json(new { error = "redis unavailable" }, statusCode: 503);
        }
        catch (Exception ex)
        {
            Log.Error(ex, "admin {0} {1} failed", http.Request.Method, http.Request.Path);
            return Results.Json(new { error = "server error" }, statusCode: 500);
        }
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
