using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using MessagePack;

namespace SocialGame.Protocol.Wire;

/// <summary>
/// Reads a request's <c>data</c> into its DTO the way client libraries write it: an empty array is an empty map
/// (an empty Lua table packs as <c>0x90</c>), a float with a whole value is an integer, nil is the same as absent,
/// unknown keys are skipped. Anything else of the wrong type, a fractional float where an integer belongs, or a
/// required field (one without <see cref="OptionalAttribute"/>) left out makes the read fail with the name of the
/// first bad field in the DTO's own order (<c>data</c> when data itself is not a map). Never throws.
/// </summary>
public static class RequestReader
{
    public const string WholeData = "data";

    private static readonly ConcurrentDictionary<Type, Shape> Shapes = new();

    private static readonly Dictionary<Type, (Int128 Min, Int128 Max, Func<Int128, object> Box)> Integers = new()
    {
        [typeof(int)] = (int.MinValue, int.MaxValue, v => (int)v),
        [typeof(long)] = (long.MinValue, long.MaxValue, v => (long)v),
        [typeof(short)] = (short.MinValue, short.MaxValue, v => (short)v),
        [typeof(sbyte)] = (sbyte.MinValue, sbyte.MaxValue, v => (sbyte)v),
        [typeof(byte)] = (byte.MinValue, byte.MaxValue, v => (byte)v),
        [typeof(ushort)] = (ushort.MinValue, ushort.MaxValue, v => (ushort)v),
        [typeof(uint)] = (uint.MinValue, uint.MaxValue, v => (uint)v),
        [typeof(ulong)] = (ulong.MinValue, ulong.MaxValue, v => (ulong)v),
    };

    public static bool TryRead<T>(ReadOnlyMemory<byte> data, out T value, out string? badField) where T : new()
    {
        value = Made<T>.New();
        object target = value!;
        try
        {
            if (data.IsEmpty || data.Span is [MessagePackCode.Nil])
            {
                var shape = Made<T>.Shape;
                return TryFinish(shape, shape.Fields.Count == 0 ? [] : new FieldState[shape.Fields.Count], "", out badField);
            }
            var reader = new MessagePackReader(data);
            if (!TryReadObject(ref reader, Made<T>.Shape, target, "", out badField)) return false;
            if (reader.End) return true;
            badField = WholeData;
            return false;
        }
        catch (Exception ex) when (ex is MessagePackSerializationException or EndOfStreamException or OverflowException)
        {
            badField = WholeData;
            return false;
        }
    }

    /// <summary>
    /// A DTO's constructor as a compiled delegate (<c>new T()</c> in generic code goes through reflection); a class with no
    /// state at all (a request without parameters) is made once and shared.
    /// </summary>
    private static class Made<T> where T : new()
    {
        public static readonly Func<T> New = Stateless(typeof(T)) ? Shared
            : Expression.Lambda<Func<T>>(Expression.New(typeof(T))).Compile();
        private static readonly T? Instance = Stateless(typeof(T)) ? new() : default;

        private static T Shared() => Instance!;
        public static readonly Shape Shape = ShapeOf(typeof(T));
    }

    /// <summary>A sealed class without instance fields (its own or inherited): one instance serves every request.</summary>
    private static bool Stateless(Type type)
    {
        if (!type.IsClass || !type.IsSealed) return false;
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            if (t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly).Length > 0)
                return false;
        return true;
    }

    /// <summary>Properties of <paramref name="type"/> (and of the DTOs inside it) whose types this reader cannot read.</summary>
    public static IEnumerable<string> Unsupported(Type type) =>
        ShapeOf(type).Fields.SelectMany(f => Unsupported(f.Property.PropertyType, type.Name + "." + f.Key));

    private static IEnumerable<string> Unsupported(Type type, string path)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string) || t == typeof(bool) || t == typeof(double) || t == typeof(float)
            || Integers.ContainsKey(t.IsEnum ? Enum.GetUnderlyingType(t) : t))
            return [];
        if (ElementOf(t) is { } element) return Unsupported(element, path);
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            return t.GetGenericArguments().SelectMany(a => Unsupported(a, path));
        if (t.GetCustomAttribute<MessagePackObjectAttribute>() is not null) return Unsupported(t);
        return [path];
    }

    private enum FieldState : byte { Absent, Present, Wrong }

    /// <summary>DTOs with up to this many fields keep the read's per-field state on the stack.</summary>
    private const int MaxFieldsOnStack = 64;

    private static bool TryReadObject(ref MessagePackReader reader, Shape shape, object target, string path, out string? badField)
    {
        badField = null;
        int count;
        if (reader.NextMessagePackType == MessagePackType.Map) count = reader.ReadMapHeader();
        else if (IsEmptyArray(reader)) count = reader.ReadArrayHeader();
        else
        {
            badField = path.Length == 0 ? WholeData : path;
            return false;
        }
        Span<FieldState> states = shape.Fields.Count <= MaxFieldsOnStack ? stackalloc FieldState[MaxFieldsOnStack]
            : new FieldState[shape.Fields.Count];
        states = states[..shape.Fields.Count];
        states.Clear();
        string?[]? inner = null;
        for (int i = 0; i < count; i++)
        {
            if (reader.NextMessagePackType != MessagePackType.String)
            {
                reader.Skip();
                reader.Skip();
                continue;
            }
            if (!TryFindKey(ref reader, shape, out int index))
            {
                reader.Skip();
                continue;
            }
            var field = shape.Fields[index];
            var saved = reader;
            if (field.Typed is { } typed)
            {
                if (typed.TryRead(ref reader, target, out bool present))
                {
                    states[index] = present ? FieldState.Present : FieldState.Absent;
                    continue;
                }
                reader = saved;
                reader.Skip();
                states[index] = FieldState.Wrong;
                continue;
            }
            if (TryReadValue(ref reader, field.Property.PropertyType, path + field.Key, out object? value, out string? innerBad))
            {
                field.Property.SetValue(target, value);
                states[index] = value is null ? FieldState.Absent : FieldState.Present;
                continue;
            }
            reader = saved;
            reader.Skip();
            states[index] = FieldState.Wrong;
            (inner ??= new string?[shape.Fields.Count])[index] = innerBad;
        }
        for (int i = 0; i < states.Length; i++)
            if (states[i] == FieldState.Wrong)
            {
                badField = inner?[i] ?? path + shape.Fields[i].Key;
                return false;
            }
        return TryFinish(shape, states, path, out badField);
    }

    /// <summary>The field a key names, its UTF-8 bytes compared in place (no string is made of them).</summary>
    private static bool TryFindKey(ref MessagePackReader reader, Shape shape, out int index)
    {
        if (reader.TryReadStringSpan(out var utf8)) return shape.TryFind(utf8, out index);
        return shape.Index.TryGetValue(reader.ReadString()!, out index);
    }

    /// <summary>The first required field left out, in the DTO's order.</summary>
    private static bool TryFinish(Shape shape, ReadOnlySpan<FieldState> states, string path, out string? badField)
    {
        for (int i = 0; i < states.Length; i++)
            if (states[i] != FieldState.Present && shape.Fields[i].Required)
            {
                badField = path + shape.Fields[i].Key;
                return false;
            }
        badField = null;
        return true;
    }

    private static bool TryReadValue(ref MessagePackReader reader, Type type, string path, out object? value, out string? badField)
    {
        value = null;
        badField = null;
        if (reader.TryReadNil()) return true;
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var next = reader.NextMessagePackType;
        if (t == typeof(string))
        {
            if (next != MessagePackType.String) return false;
            value = reader.ReadString();
            return true;
        }
        if (t == typeof(bool))
        {
            if (next != MessagePackType.Boolean) return false;
            value = reader.ReadBoolean();
            return true;
        }
        if (t == typeof(double) || t == typeof(float))
        {
            if (next is not (MessagePackType.Integer or MessagePackType.Float)) return false;
            double d = reader.ReadDouble();
            value = t == typeof(float) ? (float)d : d;
            return true;
        }
        if (Integers.TryGetValue(t.IsEnum ? Enum.GetUnderlyingType(t) : t, out var range))
        {
            if (WireNumbers.TryReadWhole(ref reader, out var whole) != WholeNumber.Ok || whole < range.Min || whole > range.Max)
                return false;
            value = t.IsEnum ? Enum.ToObject(t, range.Box(whole)) : range.Box(whole);
            return true;
        }
        if (ElementOf(t) is { } element) return TryReadList(ref reader, t, element, path, out value, out badField);
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            return TryReadMap(ref reader, t, path, out value, out badField);
        if (t.GetCustomAttribute<MessagePackObjectAttribute>() is not null)
        {
            object nested = Activator.CreateInstance(t)!;
            if (!TryReadObject(ref reader, ShapeOf(t), nested, path + ".", out badField))
            {
                if (badField == path + ".") badField = path;
                return false;
            }
            value = nested;
            return true;
        }
        return false;
    }

    private static bool TryReadList(ref MessagePackReader reader, Type type, Type element, string path, out object? value,
        out string? badField)
    {
        value = null;
        badField = null;
        int count;
        if (reader.NextMessagePackType == MessagePackType.Array) count = reader.ReadArrayHeader();
        else if (IsEmptyMap(reader)) count = reader.ReadMapHeader();
        else return false;
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        for (int i = 0; i < count; i++)
        {
            if (!TryReadValue(ref reader, element, path, out object? item, out badField) || item is null) return false;
            list.Add(item);
        }
        if (type.IsArray)
        {
            var array = Array.CreateInstance(element, list.Count);
            list.CopyTo(array, 0);
            value = array;
        }
        else value = list;
        return true;
    }

    private static bool TryReadMap(ref MessagePackReader reader, Type type, string path, out object? value, out string? badField)
    {
        value = null;
        badField = null;
        int count;
        if (reader.NextMessagePackType == MessagePackType.Map) count = reader.ReadMapHeader();
        else if (IsEmptyArray(reader)) count = reader.ReadArrayHeader();
        else return false;
        var args = type.GetGenericArguments();
        var map = (IDictionary)Activator.CreateInstance(type)!;
        for (int i = 0; i < count; i++)
        {
            if (!TryReadValue(ref reader, args[0], path, out object? key, out badField) || key is null) return false;
            if (!TryReadValue(ref reader, args[1], path, out object? item, out badField) || item is null) return false;
            map[key] = item;
        }
        value = map;
        return true;
    }

    private static Type? ElementOf(Type t) =>
        t.IsArray ? t.GetElementType() :
        t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>) ? t.GetGenericArguments()[0] : null;

    private static bool IsEmptyArray(MessagePackReader peek) =>
        peek.NextMessagePackType == MessagePackType.Array && peek.ReadArrayHeader() == 0;

    private static bool IsEmptyMap(MessagePackReader peek) =>
        peek.NextMessagePackType == MessagePackType.Map && peek.ReadMapHeader() == 0;

    /// <summary>A DTO field; <see cref="Typed"/> reads it without boxing when its type is a common one.</summary>
    private sealed record Field(string Key, PropertyInfo Property, bool Required)
    {
        public RequestField? Typed { get; } = RequestField.For(Property);
    }

    private sealed class Shape(List<Field> fields)
    {
        /// <summary>DTOs with up to this many fields find a key by comparing it with each name in turn.</summary>
        private const int MaxScanned = 16;
        private const int MaxDecodedOnStack = 64;

        public List<Field> Fields { get; } = fields;
        public Dictionary<string, int> Index { get; } = fields.Select((f, i) => (f.Key, i))
            .ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        private readonly byte[][] _utf8 = fields.Select(f => Encoding.UTF8.GetBytes(f.Key)).ToArray();

        /// <summary>
        /// The field named by a key's UTF-8 bytes: equal bytes are the same name (UTF-8 writes a string one way; bytes that
        /// are not UTF-8 decode to U+FFFD, which no field name holds). Larger DTOs decode the key on the stack for a lookup.
        /// </summary>
        public bool TryFind(ReadOnlySpan<byte> utf8, out int index)
        {
            if (_utf8.Length <= MaxScanned)
            {
                for (index = 0; index < _utf8.Length; index++)
                    if (utf8.SequenceEqual(_utf8[index])) return true;
                return false;
            }
            if (utf8.Length > MaxDecodedOnStack) return Index.TryGetValue(Encoding.UTF8.GetString(utf8), out index);
            Span<char> chars = stackalloc char[MaxDecodedOnStack];
            int length = Encoding.UTF8.GetChars(utf8, chars);
            return Index.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars[..length], out index);
        }
    }

    private static Shape ShapeOf(Type type) => Shapes.GetOrAdd(type, t => new Shape(
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Key: p.GetCustomAttribute<KeyAttribute>()?.StringKey, Property: p))
            .Where(x => x.Key is not null && x.Property.CanWrite)
            .Select(x => new Field(x.Key!, x.Property, x.Property.GetCustomAttribute<OptionalAttribute>() is null))
            .ToList()));
}
