using System.Collections.Frozen;
using System.Text;

namespace SocialGame.Core.Storage;

/// <summary>
/// The one mapping between an enum and the strings stored in Redis or answered by a Lua script: every
/// member has exactly one text, both ways; reading anything else fails.
/// </summary>
public sealed class StringCodec<T> where T : struct, Enum
{
    private readonly FrozenDictionary<T, string> _texts;
    private readonly FrozenDictionary<string, T> _values;

    public StringCodec(string name, params (T Value, string Text)[] pairs)
    {
        Name = name;
        var missing = Enum.GetValues<T>().Except(pairs.Select(p => p.Value)).ToList();
        if (missing.Count > 0) throw new ArgumentException($"{name}: no text for {string.Join(", ", missing)}", nameof(pairs));
        _texts = pairs.ToFrozenDictionary(p => p.Value, p => p.Text);
        _values = pairs.ToFrozenDictionary(p => p.Text, p => p.Value, StringComparer.Ordinal);
        if (_texts.Count != pairs.Length || _values.Count != pairs.Length)
            throw new ArgumentException($"{name}: a value or a text appears twice", nameof(pairs));
        Expected = string.Join("|", pairs.Select(p => p.Text));
    }

    public string Name { get; }

    /// <summary>Every text, for messages ("a|b|c").</summary>
    public string Expected { get; }

    /// <summary>Member names written in snake_case (<c>InsufficientItems</c> is "insufficient_items").</summary>
    public static StringCodec<T> SnakeCase(string name) => Convention(name, Snake);

    /// <summary>Member names in upper case (<c>Created</c> is "CREATED").</summary>
    public static StringCodec<T> UpperCase(string name) => Convention(name, n => Snake(n).ToUpperInvariant());

    public string Write(T value) => _texts.TryGetValue(value, out var text) ? text
        : throw new ArgumentOutOfRangeException(nameof(value), value, Name);

    public bool TryRead(string? text, out T value) => _values.TryGetValue(text ?? "", out value);

    public T Read(string? text) => TryRead(text, out var value) ? value
        : throw new FormatException($"{Name}: unknown value '{text}' (expected {Expected})");

    private static StringCodec<T> Convention(string name, Func<string, string> text) =>
        new(name, Enum.GetValues<T>().Select(v => (v, text(v.ToString()))).ToArray());

    private static string Snake(string member)
    {
        var text = new StringBuilder();
        foreach (char c in member)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
