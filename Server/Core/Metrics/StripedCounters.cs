using System.Collections.Concurrent;

namespace SocialGame.Core.Metrics;

/// <summary>
/// A row of counters kept once per processor (at most 16 stripes): a thread adds to its processor's stripe, so
/// threads on two cores do not fight over one cache line; a read sums the stripes. Each stripe starts on a cache
/// line of its own.
/// </summary>
public sealed class StripedCounters
{
    private static readonly int Stripes =
        Math.Min(16, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));
    private readonly long[] _cells;
    private readonly int _stride;

    public StripedCounters(int slots)
    {
        Slots = slots;
        _stride = (slots + 7) & ~7; // whole 64-byte lines
        _cells = new long[Stripes * _stride + 8];
    }

    public int Slots { get; }

    public void Add(int slot, long value) =>
        Interlocked.Add(ref _cells[8 + (Thread.GetCurrentProcessorId() & (Stripes - 1)) * _stride + slot], value);

    public void Increment(int slot) => Add(slot, 1);

    /// <summary>One more in <paramref name="countSlot"/> and <paramref name="value"/> added to <paramref name="sumSlot"/>, on one
    /// stripe (a histogram's bucket and its sum: the stripe is found once).</summary>
    public void Record(int countSlot, int sumSlot, long value)
    {
        int stripe = 8 + (Thread.GetCurrentProcessorId() & (Stripes - 1)) * _stride;
        Interlocked.Increment(ref _cells[stripe + countSlot]);
        Interlocked.Add(ref _cells[stripe + sumSlot], value);
    }

    public long Sum(int slot)
    {
        long sum = 0;
        for (int stripe = 0; stripe < Stripes; stripe++) sum += Volatile.Read(ref _cells[8 + stripe * _stride + slot]);
        return sum;
    }
}

/// <summary>
/// The requests of one operation (module, opid) by result: resolved once per operation, then counted without a
/// lookup. Results outside the result table (none the server answers today) are kept in a dictionary.
/// </summary>
public sealed class RequestSeries(int module, int opid)
{
    private static readonly int ResultSlots = Enum.GetValues<Protocol.ResultCode>().Max(r => (int)r) + 1;
    private readonly StripedCounters _byResult = new(ResultSlots);
    private readonly ConcurrentDictionary<int, StrongBox> _others = new();

    public int Module { get; } = module;
    public int OpId { get; } = opid;

    public void Count(int result)
    {
        if ((uint)result < (uint)ResultSlots) _byResult.Increment(result);
        else Interlocked.Increment(ref _others.GetOrAdd(result, static _ => new StrongBox()).Value);
    }

    public long Get(int result) => (uint)result < (uint)ResultSlots ? _byResult.Sum(result)
        : _others.TryGetValue(result, out var box) ? Interlocked.Read(ref box.Value) : 0;

    /// <summary>Every result answered at least once, in ascending order, with its count.</summary>
    public IEnumerable<(int Result, long Count)> Answered()
    {
        var all = new List<(int, long)>();
        foreach (var (result, box) in _others)
            if (result < 0) all.Add((result, Interlocked.Read(ref box.Value)));
        for (int r = 0; r < ResultSlots; r++)
            if (_byResult.Sum(r) is > 0 and var n) all.Add((r, n));
        foreach (var (result, box) in _others)
            if (result >= 0) all.Add((result, Interlocked.Read(ref box.Value)));
        all.Sort();
        return all;
    }

    private sealed class StrongBox
    {
        public long Value;
    }
}
