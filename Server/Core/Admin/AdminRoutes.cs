namespace SocialGame.Core.Admin;

/// <summary>An admin HTTP request as a module sees it (no web framework types). The body is at most <c>admin.maxBodyBytes</c> of
/// well-formed JSON (or empty).</summary>
public sealed record AdminRequest(string Method, string Path, IReadOnlyDictionary<string, string> RouteValues, string Body)
{
    /// <summary>The operator who sent it; null on a route without operator authentication (a signed callback, the login).</summary>
    public OperatorIdentity? Operator { get; init; }
    /// <summary>The caller's IP address.</summary>
    public string? RemoteAddress { get; init; }
    /// <summary>The query string's values (<c>?count=50</c>).</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();
}

/// <summary>Status code and a body serialised as JSON.</summary>
public sealed record AdminResponse(int Status, object Body)
{
    /// <summary>For a write: what it changed looked like before, and after (the audit trail shows both); null when not known.</summary>
    public object? Before { get; init; }
    public object? After { get; init; }

    public static AdminResponse Ok(object body) => new(200, body);
    public static AdminResponse Error(int status, string message) => new(status, new { error = message });
    /// <summary>400 naming the field at fault: <c>{"error": "field: message", "field": "field"}</c>.</summary>
    public static AdminResponse Invalid(string field, string message) => new(400, new { error = $"{field}: {message}", field });
}

/// <summary>One operator or platform endpoint on the admin port (payment callbacks, profile edits...).</summary>
public interface IAdminRoute
{
    string Method { get; }
    /// <summary>Route pattern, e.g. <c>/pay/order/{id}</c>.</summary>
    string Pattern { get; }
    Task<AdminResponse> HandleAsync(AdminRequest request, CancellationToken ct);
}

/// <summary>A route made of a method, a pattern and a function.</summary>
public sealed class AdminRoute(string method, string pattern, Func<AdminRequest, Task<AdminResponse>> handle) : IAdminRoute
{
    public string Method => method;
    public string Pattern => pattern;
    public Task<AdminResponse> HandleAsync(AdminRequest request, CancellationToken ct) => handle(request);
}

/// <summary>A route and who may call it: an operator of at least <see cref="MinimumRole"/>, or (null) anyone, the route checking its caller
/// itself.</summary>
public sealed record AdminRouteEntry(IAdminRoute Route, OperatorRole? MinimumRole);

/// <summary>The admin routes modules add at registration, each with the role it needs; the host maps them.</summary>
public sealed class AdminRouteTable
{
    private readonly List<AdminRouteEntry> _routes = [];

    public IReadOnlyList<AdminRouteEntry> Routes => _routes;

    /// <summary>A route for operators of <paramref name="minimumRole"/> or above (a bearer token from <c>POST /admin/login</c>).</summary>
    public void Add(IAdminRoute route, OperatorRole minimumRole) => Add(new AdminRouteEntry(route, minimumRole));

    /// <summary>A route without operator authentication: it must check its caller itself (e.g. a signature).</summary>
    public void AddUnauthenticated(IAdminRoute route) => Add(new AdminRouteEntry(route, null));

    private void Add(AdminRouteEntry entry)
    {
        var route = entry.Route;
        if (_routes.Any(r => r.Route.Method == route.Method && r.Route.Pattern == route.Pattern))
            throw new InvalidOperationException($"admin route {route.Method} {route.Pattern} registered twice");
        _routes.Add(entry);
    }
}
