using SocialGame.Core.Options;

namespace SocialGame.Core.Admin;

/// <summary>
/// The operator accounts of the configuration (<c>admin.operators</c>), by name. The admin port and any other
/// operator front end (a web console) authenticate against it; roles decide what each may do.
/// </summary>
public sealed class OperatorDirectory
{
    public const int MaxNameLength = 32;
    private readonly Dictionary<string, OperatorAccount> _byName;
    // An unknown name is checked against this, so a refusal takes as long whether the name exists or not.
    private readonly Lazy<string> _decoy = new(() => OperatorPassword.Hash(Guid.NewGuid().ToString("N")));

    public OperatorDirectory(IEnumerable<OperatorAccount> accounts) => _byName = accounts.ToDictionary(a => a.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<OperatorAccount> All => _byName.Values;

    public static bool ValidName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public OperatorAccount? Find(string? name) => name is not null && _byName.TryGetValue(name, out var account) ? account : null;

    /// <summary>The operator when <paramref name="password"/> is its password; null otherwise (also for an unknown name).</summary>
    public OperatorIdentity? CheckPassword(string? name, string password)
    {
        var account = Find(name);
        bool match = OperatorPassword.Verify(password, account?.PasswordHash ?? _decoy.Value);
        return match && account is not null ? new OperatorIdentity(account.Name, account.Role) : null;
    }
}
