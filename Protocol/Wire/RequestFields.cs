using System.Reflection;
using MessagePack;

namespace SocialGame.Protocol.Wire;

/// <summary>
/// Typed readers of the common request field types (string, bool, int, long and their nullable forms): the value is
/// read and set through the property's own setter as a typed delegate, without boxing it or calling through
/// reflection on every request. Fields of other types go through <see cref="RequestReader"/>'s general path. The
/// rules are the reader's: nil is the same as absent (the property gets its default), a float with a whole value is an
/// integer, anything else of the wrong type is refused.
/// </summary>
internal abstract class RequestField
{
    /// <summary>False when the value has the wrong type (the reader is then anywhere in it; the caller rewinds).</summary>
    public abstract bool TryRead(ref MessagePackReader reader, object target, out bool present);

    /// <summary>The typed reader of <paramref name="property"/>, or null when its type takes the general path.</summary>
    public static RequestField? For(PropertyInfo property)
    {
        var type = property.PropertyType;
        Delegate? read = type == typeof(string) ? new ValueReader<string?>(ReadString)
            : type == typeof(bool) ? new ValueReader<bool>(ReadBool)
            : type == typeof(bool?) ? new ValueReader<bool?>(OrNil<bool>(ReadBool))
            : type == typeof(int) ? new ValueReader<int>(ReadInt)
            : type == typeof(int?) ? new ValueReader<int?>(OrNil<int>(ReadInt))
            : type == typeof(long) ? new ValueReader<long>(ReadLong)
            : type == typeof(long?) ? new ValueReader<long?>(OrNil<long>(ReadLong))
            : null;
        if (read is null || property.SetMethod is not { } setter || property.DeclaringType is not { IsClass: true } owner) return null;
        var set = setter.CreateDelegate(typeof(Action<,>).MakeGenericType(owner, type));
        return (RequestField)Activator.CreateInstance(typeof(Field<,>).MakeGenericType(owner, type), set, read)!;
    }

    private delegate bool ValueReader<TValue>(ref MessagePackReader reader, out TValue value);

    private static bool ReadString(ref MessagePackReader reader, out string? value)
    {
        value = null;
        if (reader.NextMessagePackType != MessagePackType.String) return false;
        value = reader.ReadString();
        return true;
    }

    private static bool ReadBool(ref MessagePackReader reader, out bool value)
    {
        value = false;
        if (reader.NextMessagePackType != MessagePackType.Boolean) return false;
        value = reader.ReadBoolean();
        return true;
    }

    private static bool ReadInt(ref MessagePackReader reader, out int value)
    {
        bool ok = WireNumbers.TryReadWhole(ref reader, int.MinValue, int.MaxValue, out long whole);
        value = (int)whole;
        return ok;
    }

    private static bool ReadLong(ref MessagePackReader reader, out long value) =>
        WireNumbers.TryReadWhole(ref reader, long.MinValue, long.MaxValue, out value);

    private static ValueReader<TValue?> OrNil<TValue>(ValueReader<TValue> read) where TValue : struct =>
        (ref MessagePackReader reader, out TValue? value) =>
        {
            bool ok = read(ref reader, out var plain);
            value = plain;
            return ok;
        };

    /// <summary>A field of type <typeparamref name="TValue"/> on a DTO of type <typeparamref name="T"/>; nil sets the
    /// type's default.</summary>
    private sealed class Field<T, TValue>(Action<T, TValue> set, ValueReader<TValue> read) : RequestField where T : class
    {
        public override bool TryRead(ref MessagePackReader reader, object target, out bool present)
        {
            present = false;
            if (reader.TryReadNil())
            {
                set((T)target, default!);
                return true;
            }
            if (!read(ref reader, out var value)) return false;
            set((T)target, value);
            present = true;
            return true;
        }
    }
}
