namespace SocialGame.Core.Admin;

/// <summary>An admin HTTP request as a module sees it (no web framework types).</summary>
public sealed record AdminRequest(string Method, string Path, IReadOnlyDictionary<string, string> RouteValues, string Body);

/// <summary>Status code and a body serialised as JSON.</summary>
public sealed record AdminResponse(int Status, object Body)
{
    public static AdminResponse Ok(object body) => new(200, body);
    public static AdminResponse Error(int status, string message) => new(status, new { error = message });
}

/// <summary>One operator or platform endpoint on the admin port (payment callbacks, profile edits...).</summary>
public interface IAdminRoute
{
    string Method { get; }
    /// <summary>Route pattern, e.g. <c>/pay/order/{id}</c>.</summary>
    string Pattern { get; }
    Task<AdminResponse> HandleAsync(AdminRequest request, CancellationToken ct);
}

/// <summary>The admin routes modules add at registration; the host maps them.</summary>
public sealed class AdminRouteTable
{
    private readonly List<IAdminRoute> _routes = [];

    public IReadOnlyList<IAdminRoute> Routes => _routes;

    public void Add(IAdminRoute route)
    {
        if (_routes.Any(r => r.Method == route.Method && r.Pattern == route.Pattern))
            throw new InvalidOperationException($"admin route {route.Method} {route.Pattern} registered twice");
        _routes.Add(route);
    }
}
