using System.Buffers;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using MessagePack;
using SocialGame.Protocol.Messages;

namespace SocialGame.Protocol.Wire;

/// <summary>
/// MessagePack settings shared by the server and every tool (untrusted-data security everywhere), and the
/// shape of what the server writes: a field whose value is nil is left out (to a Lua client the two are the
/// same), and an error answer carries only what is true for it.
/// </summary>
public static class ProtocolSerializer
{
    /// <summary>The key naming the first bad request field in a param_error answer.</summary>
    public const string KeyField = "field";

    public static readonly MessagePackSerializerOptions Options =
        MessagePackSerializerOptions.Standard.WithSecurity(MessagePackSecurity.UntrustedData);

    private static readonly ConcurrentDictionary<Type, AnswerShape> Shapes = new();
    // the MessagePack-CSharp form of the object being written, before nils are left out (one per thread, reused)
    [ThreadStatic] private static ArrayBufferWriter<byte>? _raw;

    /// <summary>Serialises a <c>data</c> object (a push or request DTO) by its runtime type; nil fields are left out.</summary>
    public static byte[] SerializeData(object data)
    {
        var raw = MessagePackSerializer.Serialize(data.GetType(), data, Options);
        var output = new ArrayBufferWriter<byte>(raw.Length);
        var writer = new MessagePackWriter(output);
        var reader = new MessagePackReader(raw);
        CopyWithoutNils(ref reader, ref writer);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Serialises a response's <c>data</c>. Success (or a result the type lists in <see cref="InFullWithAttribute"/>):
    /// every field that is not nil. Any other result: <c>result</c>, for param_error <c>field</c> (when known), and
    /// the fields marked <see cref="AlsoOnErrorAttribute"/> that hold a value; nothing else.
    /// </summary>
    public static byte[] SerializeAnswer(IResponse response, string? field = null)
    {
        var output = new ArrayBufferWriter<byte>(64);
        WriteAnswer(output, response, field);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// <see cref="SerializeAnswer"/> into <paramref name="output"/>: the response is serialised into this thread's
    /// reusable buffer and the answer written from there, so nothing is allocated for it.
    /// </summary>
    public static void WriteAnswer(IBufferWriter<byte> output, IResponse response, string? field = null)
    {
        var scratch = _raw ??= new ArrayBufferWriter<byte>(256);
        scratch.ResetWrittenCount();
        try
        {
            MessagePackSerializer.Serialize(response.GetType(), scratch, response, Options);
            WriteAnswer(output, response, Shapes.GetOrAdd(response.GetType(), AnswerShape.Of), field, scratch.WrittenMemory);
        }
        finally
        {
            if (scratch.Capacity > 16 * 1024) _raw = null;
        }
    }

    /// <summary>
    /// <see cref="WriteAnswer(IBufferWriter{byte}, IResponse, string?)"/> for a response of a type known where it is
    /// written (a handler's own response type): serialised by its formatter directly, its shape found without a lookup.
    /// </summary>
    public static void WriteAnswer<T>(IBufferWriter<byte> output, T response, string? field = null) where T : IResponse
    {
        if (response.GetType() != typeof(T))
        {
            WriteAnswer(output, (IResponse)response, field);
            return;
        }
        var shape = ShapeOf<T>.Shape;
        if (response.Result == (int)ResultCode.Success && field is null && ShapeOf<T>.HasNil is { } hasNil && !hasNil(response))
        {
            // nothing to leave out: the serialised object is the answer
            MessagePackSerializer.Serialize(output, response, Options);
            return;
        }
        var scratch = _raw ??= new ArrayBufferWriter<byte>(256);
        scratch.ResetWrittenCount();
        try
        {
            MessagePackSerializer.Serialize(scratch, response, Options);
            WriteAnswer(output, response, shape, field, scratch.WrittenMemory);
        }
        finally
        {
            if (scratch.Capacity > 16 * 1024) _raw = null;
        }
    }

    private static void WriteAnswer(IBufferWriter<byte> output, IResponse response, AnswerShape shape, string? field,
        ReadOnlyMemory<byte> raw)
    {
        bool full = response.Result == (int)ResultCode.Success || shape.InFullWith.Contains(response.Result);
        bool withField = field is not null && response.Result == (int)ResultCode.ParamError;

        // first pass: which entries of the top map stay
        var reader = new MessagePackReader(raw);
        int count = reader.ReadMapHeader();
        Span<bool> keep = count <= 128 ? stackalloc bool[count] : new bool[count];
        int kept = 0;
        // the object as serialised is the answer when every entry stays and no map inside it has a nil value
        bool asIs = !withField;
        for (int i = 0; i < count; i++)
        {
            // the key is looked at only to choose what an error answer keeps
            var kind = KeyKind.Any;
            if (full) reader.Skip();
            else kind = shape.Classify(ref reader);
            var value = reader.CreatePeekReader();
            byte code = value.NextCode;
            if (asIs && code != MessagePackCode.Nil && IsContainer(code)) asIs = !HasNilEntry(ref value);
            reader.Skip();
            keep[i] = code != MessagePackCode.Nil &&
                (full || kind == KeyKind.Result || (kind == KeyKind.AlsoOnError && !IsEmptyValue(code)));
            if (keep[i]) kept++;
        }
        if (asIs && kept == count)
        {
            output.Write(raw.Span);
            return;
        }

        var writer = new MessagePackWriter(output);
        writer.WriteMapHeader(kept + (withField ? 1 : 0));
        reader = new MessagePackReader(raw);
        reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            if (!keep[i])
            {
                reader.Skip();
                reader.Skip();
                continue;
            }
            CopyRaw(ref reader, ref writer);
            CopyWithoutNils(ref reader, ref writer);
        }
        if (withField)
        {
            writer.Write(KeyField);
            writer.Write(field);
        }
        writer.Flush();
    }

    private static bool IsContainer(byte code) =>
        code is (>= MessagePackCode.MinFixMap and <= MessagePackCode.MaxFixMap)
            or (>= MessagePackCode.MinFixArray and <= MessagePackCode.MaxFixArray)
            or MessagePackCode.Map16 or MessagePackCode.Map32 or MessagePackCode.Array16 or MessagePackCode.Array32;

    /// <summary>
    /// Whether the value at <paramref name="reader"/> holds, at any depth, a map entry whose value is nil (reads past it).
    /// </summary>
    private static bool HasNilEntry(ref MessagePackReader reader)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Map:
            {
                int n = reader.ReadMapHeader();
                for (int i = 0; i < n; i++)
                {
                    reader.Skip();
                    if (reader.TryReadNil() || HasNilEntry(ref reader)) return true;
                }
                return false;
            }
            case MessagePackType.Array:
            {
                int n = reader.ReadArrayHeader();
                for (int i = 0; i < n; i++)
                    if (HasNilEntry(ref reader)) return true;
                return false;
            }
            default:
                reader.Skip();
                return false;
        }
    }

    /// <summary>nil, 0, false, "" or an empty array/map, as MessagePack-CSharp writes them.</summary>
    private static bool IsEmptyValue(byte code) =>
        code is MessagePackCode.Nil or 0x00 or MessagePackCode.False or MessagePackCode.MinFixStr or MessagePackCode.MinFixArray
            or MessagePackCode.MinFixMap;

    /// <summary>Copies one value, leaving out every map entry whose value is nil, at any depth.</summary>
    private static void CopyWithoutNils(ref MessagePackReader reader, ref MessagePackWriter writer)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Map:
            {
                int n = reader.ReadMapHeader();
                var scan = reader.CreatePeekReader();
                int kept = 0;
                for (int i = 0; i < n; i++)
                {
                    scan.Skip();
                    if (!scan.TryReadNil())
                    {
                        scan.Skip();
                        kept++;
                    }
                }
                writer.WriteMapHeader(kept);
                for (int i = 0; i < n; i++)
                {
                    var key = reader.CreatePeekReader();
                    reader.Skip();
                    if (reader.TryReadNil()) continue;
                    CopyRaw(ref key, ref writer);
                    CopyWithoutNils(ref reader, ref writer);
                }
                return;
            }
            case MessagePackType.Array:
            {
                int n = reader.ReadArrayHeader();
                writer.WriteArrayHeader(n);
                for (int i = 0; i < n; i++) CopyWithoutNils(ref reader, ref writer);
                return;
            }
            default:
                CopyRaw(ref reader, ref writer);
                return;
        }
    }

    private static void CopyRaw(ref MessagePackReader reader, ref MessagePackWriter writer)
    {
        var start = reader.Position;
        reader.Skip();
        writer.WriteRaw(reader.Sequence.Slice(start, reader.Position));
    }

    private enum KeyKind { Any, Result, AlsoOnError }

    /// <summary>The properties an answer type serialises.</summary>
    private static PropertyInfo[] Keyed(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetCustomAttribute<KeyAttribute>() is not null && p.GetCustomAttribute<IgnoreMemberAttribute>() is null)
        .ToArray();

    /// <summary>What an answer of one type keeps on error, and the results it is answered in full with.</summary>
    private sealed record AnswerShape(byte[][] AlsoOnError, HashSet<int> InFullWith)
    {
        public static AnswerShape Of(Type type)
        {
            var keyed = Keyed(type);
            return new AnswerShape(
                keyed.Where(p => p.GetCustomAttribute<AlsoOnErrorAttribute>() is not null)
                    .Select(p => p.GetCustomAttribute<KeyAttribute>()!.StringKey)
                    .OfType<string>()
                    .Distinct(StringComparer.Ordinal)
                    .Select(Encoding.UTF8.GetBytes)
                    .ToArray(),
                (type.GetCustomAttribute<InFullWithAttribute>()?.Results ?? []).Select(r => (int)r).ToHashSet());
        }

        /// <summary>Reads a key of the answer's map and says what an error answer does with its entry (no string made).</summary>
        public KeyKind Classify(ref MessagePackReader reader)
        {
            ReadOnlySpan<byte> key;
            if (!reader.TryReadStringSpan(out key))
            {
                var sequence = reader.ReadStringSequence();
                key = sequence is { IsSingleSegment: true } one ? one.FirstSpan : sequence?.ToArray() ?? [];
            }
            if (key.SequenceEqual("result"u8)) return KeyKind.Result;
            foreach (var name in AlsoOnError)
                if (key.SequenceEqual(name)) return KeyKind.AlsoOnError;
            return KeyKind.Any;
        }
    }

    private static class ShapeOf<T>
    {
        public static readonly AnswerShape Shape = Shapes.GetOrAdd(typeof(T), AnswerShape.Of);

        /// <summary>
        /// For a type whose every serialised member is a property holding a number, a bool, an enum, a string or a nullable
        /// number (so nothing inside a value can be nil): whether an answer of it has a nil property. Null for other types.
        /// </summary>
        public static readonly Func<T, bool>? HasNil = NilCheck();

        private static Func<T, bool>? NilCheck()
        {
            var type = typeof(T);
            var keyed = Keyed(type);
            if (type.GetCustomAttribute<MessagePackObjectAttribute>() is null
                || type.GetFields(BindingFlags.Public | BindingFlags.Instance).Any(f => f.GetCustomAttribute<KeyAttribute>() is not null)
                || !keyed.All(p => Flat(p.PropertyType)))
                return null;
            var answer = Expression.Parameter(type);
            var any = keyed.Where(p => !p.PropertyType.IsValueType || Nullable.GetUnderlyingType(p.PropertyType) is not null)
                .Select(p => (Expression)Expression.Equal(Expression.Property(answer, p), Expression.Constant(null, p.PropertyType)))
                .Aggregate((Expression)Expression.Constant(false), Expression.OrElse);
            return Expression.Lambda<Func<T, bool>>(any, answer).Compile();
        }

        private static bool Flat(Type type)
        {
            var t = Nullable.GetUnderlyingType(type) ?? type;
            return t.IsPrimitive || t.IsEnum || t == typeof(string);
        }
    }
}
