namespace SocialGame.Core.Storage.Keys;

/// <summary>
/// The shape of a family of Redis keys (or pub/sub channels): literal text with placeholders for the
/// parts that vary. <c>&lt;acc&gt;</c> is an account name (what <see cref="AccountKeys"/> accepts), <c>&lt;tag&gt;</c> any text
/// without <c>{ }</c>, <c>&lt;seg&gt;</c> any text without <c>: { }</c>, <c>&lt;int&gt;</c> digits and <c>&lt;any&gt;</c> anything;
/// each stands for one character or more. Two patterns overlap when one key could be of both.
/// </summary>
public sealed class KeyPattern
{
    private readonly Token[] _tokens;

    public KeyPattern(string template, string meaning)
    {
        Template = template;
        Meaning = meaning;
        _tokens = Parse(template);
    }

    /// <summary>The shape, e.g. <c>sg:{&lt;acc&gt;}:wallet</c>.</summary>
    public string Template { get; }

    /// <summary>What the keys of this shape hold, in a few words.</summary>
    public string Meaning { get; }

    /// <summary>The SCAN (glob) pattern of the keys of this shape: each placeholder becomes <c>*</c>.</summary>
    public string Glob => string.Concat(_tokens.Select(t => t.Literal is { } c ? c.ToString() : "*"));

    /// <summary>Whether <paramref name="key"/> is of this shape.</summary>
    public bool Matches(string key) => Intersect(_tokens, key.Select(c => new Token(c, null)).ToArray());

    /// <summary>Whether one key could be both of this shape and of <paramref name="other"/>'s.</summary>
    public bool Overlaps(KeyPattern other) => Intersect(_tokens, other._tokens);

    public override string ToString() => Template;

    /// <summary>One literal character, or one placeholder (one character or more of its class).</summary>
    private readonly record struct Token(char? Literal, Func<char, bool>? Class)
    {
        public bool Accepts(char c) => Literal is { } l ? l == c : Class!(c);
    }

    private static readonly Dictionary<string, Func<char, bool>> Classes = new(StringComparer.Ordinal)
    {
        ["acc"] = c => c is not ('{' or '}'),
        ["tag"] = c => c is not ('{' or '}'),
        ["seg"] = c => c is not (':' or '{' or '}'),
        ["int"] = char.IsAsciiDigit,
        ["any"] = _ => true,
    };

    private static Token[] Parse(string template)
    {
        var tokens = new List<Token>();
        for (int i = 0; i < template.Length; i++)
        {
            if (template[i] != '<')
            {
                tokens.Add(new Token(template[i], null));
                continue;
            }
            int end = template.IndexOf('>', i);
            if (end < 0 || !Classes.TryGetValue(template[(i + 1)..end], out var cls))
                throw new ArgumentException($"key pattern '{template}': unknown placeholder at {i}", nameof(template));
            tokens.Add(new Token(null, cls));
            i = end;
        }
        return tokens.ToArray();
    }

    /// <summary>
    /// Whether some string is accepted by both token lists: a walk over pairs of positions, consuming one character
    /// at a time that both tokens accept (a placeholder may stay for more characters). Every class holds the digits,
    /// so two placeholders always share a character.
    /// </summary>
    private static bool Intersect(Token[] a, Token[] b)
    {
        var seen = new HashSet<(int, int)>();
        var todo = new Stack<(int I, int J)>();
        todo.Push((0, 0));
        while (todo.Count > 0)
        {
            var (i, j) = todo.Pop();
            if (!seen.Add((i, j))) continue;
            if (i == a.Length && j == b.Length) return true;
            if (i == a.Length || j == b.Length) continue;
            Token x = a[i], y = b[j];
            bool share = x.Literal is { } cx ? y.Accepts(cx) : y.Literal is not { } cy || x.Accepts(cy);
            if (!share) continue;
            foreach (int ni in x.Literal is null ? new[] { i, i + 1 } : [i + 1])
            foreach (int nj in y.Literal is null ? new[] { j, j + 1 } : [j + 1])
                todo.Push((ni, nj));
        }
        return false;
    }
}
