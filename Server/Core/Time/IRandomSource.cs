namespace SocialGame.Core.Time;

/// <summary>The one source of game randomness (amounts, probabilities); tests inject a seeded one.</summary>
public interface IRandomSource
{
    /// <summary>A uniform integer in [min, max], both inclusive.</summary>
    long Next(long minInclusive, long maxInclusive);

    /// <summary>A uniform double in [0, 1).</summary>
    double NextDouble();
}

/// <summary>Thread-safe randomness for production.</summary>
internal sealed class SystemRandomSource : IRandomSource
{
    public static readonly SystemRandomSource Instance = new();
    public long Next(long minInclusive, long maxInclusive) => Random.Shared.NextInt64(minInclusive, maxInclusive + 1);
    public double NextDouble() => Random.Shared.NextDouble();
}

/// <summary>A repeatable sequence for tests (thread-safe; the order across threads follows the calls).</summary>
internal sealed class SeededRandomSource(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);

    public long Next(long minInclusive, long maxInclusive)
    {
        lock (_random) return _random.NextInt64(minInclusive, maxInclusive + 1);
    }

    public double NextDouble()
    {
        lock (_random) return _random.NextDouble();
    }
}
