using System.Text;
using StackExchange.Redis;

namespace SocialGame.Core.Storage.Keys;

/// <summary>
/// The key space of one account: <c>sg:{acc}:...</c>. The hash tag <c>{acc}</c> keeps every key of an account in one
/// cluster slot, so a script touching its wallet, ledger, inventory and inbox stays single-slot. Modules build their
/// account keys only through here (in their own keys type). Names are checked where they come in
/// (<see cref="AccountName"/>); here a name that would leave its hash tag (empty, or with <c>{</c> or <c>}</c>, e.g.
/// <c>x}:wallet</c>, which would build x's wallet) is refused, while a name stored before the rule still has its keys.
/// </summary>
public static class AccountKeys
{
    /// <summary>The key <c>sg:{acc}:suffix</c>; throws for a name that would leave its hash tag (callers check names at entry).</summary>
    public static RedisKey Of(string acc, string suffix) => $"sg:{{{Checked(acc)}}}:{suffix}";

    /// <summary>The shape of the account keys <c>sg:{&lt;acc&gt;}:suffix</c> (the suffix may hold placeholders).</summary>
    public static KeyPattern Pattern(string suffix, string meaning) => new($"sg:{{<acc>}}:{suffix}", meaning);

    /// <summary>The SCAN (glob) pattern of every key of the account's space, <c>sg:{acc}:*</c>, with the name's glob characters
    /// escaped.</summary>
    public static string Glob(string acc) => "sg:{" + GlobEscaped(Checked(acc)) + "}:*";

    /// <summary><paramref name="text"/> with the glob characters escaped, to match itself in a SCAN pattern.</summary>
    public static string GlobEscaped(string text)
    {
        var sb = new StringBuilder();
        foreach (char c in text)
        {
            if (c is '*' or '?' or '[' or ']' or '\\') sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static string Checked(string acc) =>
        acc.Length > 0 && acc.IndexOfAny(['{', '}']) < 0 ? acc
            : throw new ArgumentException("an account name that leaves its hash tag: " + Logging.LogText.Excerpt(acc), nameof(acc));
}
