using MessagePack;

namespace SocialGame.Protocol.Wire;

/// <summary>How a value read as a whole number turned out.</summary>
public enum WholeNumber
{
    /// <summary>An integer, or a float with a whole value.</summary>
    Ok,
    /// <summary>A float with a fraction (or not finite): read, but not a whole number.</summary>
    Fractional,
    /// <summary>Not a number at all: nothing was read.</summary>
    NotNumber,
}

/// <summary>
/// Whole numbers as client libraries write them: Lua 5.3 makes every result of <c>/</c> and every number a JSON
/// decoder returns a float, so <c>1</c> may arrive as the float <c>1.0</c>. Wherever the protocol expects an
/// integer, a float with a whole value is that integer.
/// </summary>
public static class WireNumbers
{
    private const double Beyond64Bits = 18446744073709551616.0; // 2^64

    /// <summary>Reads an integer (int64 or uint64 range) or a whole float into <paramref name="value"/>.</summary>
    public static WholeNumber TryReadWhole(ref MessagePackReader reader, out Int128 value)
    {
        value = 0;
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Integer:
                value = reader.NextCode == MessagePackCode.UInt64 ? reader.ReadUInt64() : reader.ReadInt64();
                return WholeNumber.Ok;
            case MessagePackType.Float:
                double d = reader.ReadDouble();
                if (!double.IsFinite(d) || Math.Truncate(d) != d || Math.Abs(d) >= Beyond64Bits) return WholeNumber.Fractional;
                value = (Int128)d;
                return WholeNumber.Ok;
            default:
                return WholeNumber.NotNumber;
        }
    }

    /// <summary>
    /// A whole number within [<paramref name="min"/>, <paramref name="max"/>]; false for anything else. An integer that is not
    /// a uint64 (nearly every one) is read and judged as a long, without the 128-bit form.
    /// </summary>
    public static bool TryReadWhole(ref MessagePackReader reader, long min, long max, out long value)
    {
        value = 0;
        if (reader.NextMessagePackType == MessagePackType.Integer && reader.NextCode != MessagePackCode.UInt64)
        {
            long read = reader.ReadInt64();
            if (read < min || read > max) return false;
            value = read;
            return true;
        }
        if (TryReadWhole(ref reader, out var whole) != WholeNumber.Ok || whole < min || whole > max) return false;
        value = (long)whole;
        return true;
    }

    /// <summary>An int read the same way; false for anything else or a value outside the int range.</summary>
    public static bool TryReadInt32(ref MessagePackReader reader, out int value, out string problem)
    {
        value = 0;
        switch (TryReadWhole(ref reader, out var whole))
        {
            case WholeNumber.Ok when whole >= int.MinValue && whole <= int.MaxValue:
                value = (int)whole;
                problem = "";
                return true;
            case WholeNumber.Ok:
                problem = "out of the int range";
                return false;
            case WholeNumber.Fractional:
                problem = "a float that is not a whole number";
                return false;
            default:
                problem = "not a number";
                return false;
        }
    }
}
