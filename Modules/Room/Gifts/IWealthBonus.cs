namespace SocialGame.Modules.Room.Gifts;

/// <summary>A bonus on the wealth a gift counts for its sender: <see cref="Percent"/> of the base (150: x1.5), granted by
/// <see cref="Source"/> (e.g. an activity's id, for the datalog).</summary>
internal sealed record WealthBonusGrant(int Percent, string Source)
{
    /// <summary>The wealth counted for <paramref name="baseWealth"/> (rounded down, never below the base).</summary>
    public long Apply(long baseWealth) => Math.Max(baseWealth, baseWealth * Percent / 100);
}

/// <summary>
/// Who may raise the wealth a gift counts (e.g. a live activity's wealth bonus). The gift service asks once per gift request,
/// before the wealth is counted; a request counted before (a retry) is not counted again, whatever the answer now.
/// </summary>
internal interface IWealthBonus
{
    /// <summary>The bonus of <paramref name="sender"/> (of <paramref name="vipLevel"/>) for a gift sent at <paramref name="at"/>, or
    /// null.</summary>
    WealthBonusGrant? For(string sender, int vipLevel, DateTimeOffset at);
}

/// <summary>No wealth bonus (the default until a module sets one).</summary>
internal sealed class NoWealthBonus : IWealthBonus
{
    public static readonly NoWealthBonus Instance = new();

    public WealthBonusGrant? For(string sender, int vipLevel, DateTimeOffset at) => null;
}
