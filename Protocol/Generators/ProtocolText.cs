using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using MessagePack;
using SocialGame.Protocol.Catalog;

namespace SocialGame.Protocol.Generators;

/// <summary>One field of a message as the documents describe it.</summary>
public sealed record FieldInfo(string Key, string WireType, bool Required, bool AlsoOnError, string Doc, IReadOnlyList<Type> Nested);

/// <summary>
/// Generates the protocol document (Markdown) and the client's Lua constant tables from the server's
/// own definitions: <see cref="ModuleType"/>, <see cref="ResultCode"/>, <see cref="ProtocolCatalog"/> and
/// <see cref="ValueTables"/>. Output is deterministic so a test can tell when the committed copies are stale.
/// </summary>
public static class ProtocolText
{
    public const string MarkdownPath = "Protocol/PROTOCOL.md";
    public const string LuaPath = "Protocol/lua/protocol_constants.lua";

    private static readonly NullabilityInfoContext Nullability = new();
    private static readonly Lazy<string> VersionHash = new(ComputeVersion);

    public static string Lua() => LuaText.Build();
    public static string Markdown() => MarkdownText.Build();

    /// <summary>
    /// The protocol version: the first 16 hex digits of SHA-256 over the catalogue (modules, operations, their
    /// fields with types and presence, result codes, value tables), not over the prose. Login answers it.
    /// </summary>
    public static string Version => VersionHash.Value;

    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    public static string Doc(MemberInfo member) => member.GetCustomAttribute<DocAttribute>()?.Text ?? "";

    public static string EnumDoc<T>(T value) where T : struct, Enum =>
        typeof(T).GetField(value.ToString())!.GetCustomAttribute<DocAttribute>()?.Text ?? "";

    public static IEnumerable<(string Key, PropertyInfo Property)> KeyedProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Key: p.GetCustomAttribute<KeyAttribute>()?.StringKey, Property: p))
            .Where(x => x.Key is not null)
            .Select(x => (x.Key!, x.Property));

    /// <summary>
    /// The fields of a message. In a request a field is required unless marked <see cref="OptionalAttribute"/>;
    /// in a response or push it is required (sent with every success) unless its type is nullable (then it is
    /// left out when it has no value).
    /// </summary>
    public static IReadOnlyList<FieldInfo> Fields(Type type, bool request) =>
        KeyedProperties(type).Select(kp =>
        {
            var nested = new List<Type>();
            string wire = WireType(kp.Property.PropertyType, nested);
            bool required = request
                ? kp.Property.GetCustomAttribute<OptionalAttribute>() is null
                : Nullability.Create(kp.Property).ReadState != NullabilityState.Nullable;
            return new FieldInfo(kp.Key, wire, required, kp.Property.GetCustomAttribute<AlsoOnErrorAttribute>() is not null,
                Doc(kp.Property), nested);
        }).ToList();

    private static string WireType(Type t, List<Type> nested)
    {
        var u = Nullable.GetUnderlyingType(t);
        if (u is not null) return WireType(u, nested);
        if (t == typeof(string)) return "string";
        if (t == typeof(bool)) return "bool";
        if (t == typeof(int) || t == typeof(long) || t.IsEnum) return "int";
        if (t == typeof(double) || t == typeof(float)) return "float";
        if (t == typeof(byte[])) return "bin";
        if (t.IsArray) return $"array of {WireType(t.GetElementType()!, nested)}";
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
            return $"array of {WireType(t.GetGenericArguments()[0], nested)}";
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            return $"map {WireType(t.GetGenericArguments()[0], nested)} -> {WireType(t.GetGenericArguments()[1], nested)}";
        if (t.GetCustomAttribute<MessagePackObjectAttribute>() is not null)
        {
            nested.Add(t);
            return $"map `{t.Name}`";
        }
        return t.Name;
    }

    /// <summary>The catalogue as canonical text (no prose): what <see cref="Version"/> hashes.</summary>
    public static string Canonical()
    {
        var sb = new StringBuilder();
        foreach (var m in Enum.GetValues<ModuleType>()) sb.Append($"module {(int)m} {SnakeCase(m.ToString())}\n");
        foreach (var op in ProtocolCatalog.All.OrderBy(o => o.Module).ThenBy(o => o.OpId))
        {
            sb.Append($"op {(int)op.Module}/{op.OpId} {op.Name} {op.Kind}\n");
            if (op.RequestType is not null) CanonicalFields(sb, "request", op.RequestType, true, []);
            CanonicalFields(sb, "answer", op.ResponseType, false, []);
        }
        foreach (var code in Enum.GetValues<ResultCode>()) sb.Append($"result {(int)code} {SnakeCase(code.ToString())}\n");
        foreach (var table in ValueTables.All)
            sb.Append($"table {table.Name} ").AppendJoin(",", table.Entries.Select(e => $"{e.Name}={e.Value}")).Append('\n');
        return sb.ToString();
    }

    private static void CanonicalFields(StringBuilder sb, string role, Type type, bool request, HashSet<Type> seen)
    {
        if (!seen.Add(type)) return;
        foreach (var f in Fields(type, request))
        {
            sb.Append($"  {role} {type.Name}.{f.Key} {f.WireType} " +
                $"{(f.Required ? "required" : "optional")}{(f.AlsoOnError ? " onerror" : "")}\n");
            foreach (var n in f.Nested) CanonicalFields(sb, role, n, request, seen);
        }
    }

    private static string ComputeVersion() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical())))[..16];
}
