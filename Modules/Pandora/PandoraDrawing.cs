using SocialGame.Core.Time;

namespace SocialGame.Modules.Pandora;

/// <summary>
/// The draw itself, pure: a prize of a pool by weight, with the server's random source. Members draw in the ordinal
/// order of their names, so a seeded source gives the same draws for the same members.
/// </summary>
internal static class PandoraDrawing
{
    /// <summary>One prize: each with probability weight / total weight.</summary>
    public static PandoraPrizeConfig Pick(PandoraPoolConfig pool, IRandomSource random)
    {
        long roll = random.Next(1, pool.TotalWeight);
        foreach (var prize in pool.Prizes)
        {
            roll -= prize.Weight;
            if (roll <= 0) return prize;
        }
        throw new InvalidOperationException($"pool {pool.Id}: the roll passed its total weight");
    }

    /// <summary>One draw per member (each member once), in the ordinal order of the names.</summary>
    public static List<(string Account, PandoraPrizeConfig Prize)> DrawAll(PandoraPoolConfig pool, IEnumerable<string> members,
        IRandomSource random) =>
        members.Distinct().Order(StringComparer.Ordinal).Select(m => (m, Pick(pool, random))).ToList();

    /// <summary>A prize's probability in 1/10000, rounded (the published odds).</summary>
    public static int Chance(PandoraPoolConfig pool, PandoraPrizeConfig prize) =>
        (int)Math.Round(prize.Weight * 10_000.0 / pool.TotalWeight, MidpointRounding.AwayFromZero);
}
