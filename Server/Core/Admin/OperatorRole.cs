namespace SocialGame.Core.Admin;

/// <summary>What an operator may do on the admin port; each role includes the ones below it.</summary>
public enum OperatorRole
{
    /// <summary>Reads (every GET).</summary>
    Viewer = 1,
    /// <summary>Reads and the day-to-day writes (profiles, account records, pendants).</summary>
    Operator = 2,
    /// <summary>Everything, including operator management (lockouts).</summary>
    Admin = 3,
}

/// <summary>An authenticated operator: the name every write is logged under, and the role that decides what it may do.</summary>
public sealed record OperatorIdentity(string Name, OperatorRole Role)
{
    public bool May(OperatorRole minimum) => Role >= minimum;
}

internal static class OperatorRoles
{
    /// <summary>The role as written in the configuration: viewer, operator, admin.</summary>
    public static string Name(OperatorRole role) => role.ToString().ToLowerInvariant();
}
