using SocialGame.Protocol.Catalog;

namespace SocialGame.Core.Options;

/// <summary>
/// <c>connections</c> in server.json: how many connections this node takes, in all and per client IP, and how many
/// of them may be not logged in yet. A connection beyond a cap is told why (kicked) and closed as it opens.
/// </summary>
public sealed class ConnectionOptions : IValidatableOptions
{
    public int Max { get; set; } = ConnectionDefaults.MaxConnections;
    public int MaxPerIp { get; set; } = ConnectionDefaults.MaxConnectionsPerIp;
    public int MaxNotLoggedIn { get; set; } = ConnectionDefaults.MaxNotLoggedIn;
    public int MaxNotLoggedInPerIp { get; set; } = ConnectionDefaults.MaxNotLoggedInPerIp;

    public void Validate(OptionsValidator v)
    {
        v.Range("max", Max, 1, 10_000_000);
        v.Range("maxPerIp", MaxPerIp, 1, 10_000_000);
        v.Range("maxNotLoggedIn", MaxNotLoggedIn, 1, 10_000_000);
        v.Range("maxNotLoggedInPerIp", MaxNotLoggedInPerIp, 1, 10_000_000);
    }
}
