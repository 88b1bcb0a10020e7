namespace SocialGame.Core.Storage.Keys;

/// <summary>What happens to a piece of an account's data when the account is deleted.</summary>
public enum AccountDataPolicy
{
    /// <summary>Removed (the whole key, or the account's entries in a shared key).</summary>
    Delete,
    /// <summary>Kept, with the account name replaced so it no longer names the person.</summary>
    Anonymise,
    /// <summary>Kept as it is: money records finance must be able to reconcile.</summary>
    KeepForFinance,
    /// <summary>Kept as it is: the record of the deletion itself (holds no personal data).</summary>
    KeepAsRecord,
}

/// <summary>Where the account is in the keys of a pattern.</summary>
public enum AccountDataPlace
{
    /// <summary>The whole key is the account's (its name is in the key).</summary>
    Key,
    /// <summary>The account's name is in the entries (hash fields, members, values) of keys shared with others.</summary>
    Entries,
}

/// <summary>One kind of data a module keeps about an account, and what deleting the account does to it.</summary>
public sealed record AccountData(string Module, KeyPattern Pattern, AccountDataPlace Place, AccountDataPolicy Policy, string Reason);

/// <summary>
/// Every kind of data kept about an account, as the modules declare it while they are built. Deleting an account
/// walks this list; a key shape of an account that no module declared is a defect (a unit test checks the list
/// is complete against every module's keys type).
/// </summary>
public sealed class AccountDataRegistry
{
    private readonly List<AccountData> _entries = [];

    public AccountDataRegistry()
    {
        Declare(CoreKeys.AccountData);
    }

    public IReadOnlyList<AccountData> Entries
    {
        get
        {
            lock (_entries) return _entries.ToList();
        }
    }

    /// <summary>Adds a module's declarations; a pattern declared twice for one place is refused (two owners of one key).</summary>
    public void Declare(IEnumerable<AccountData> entries)
    {
        lock (_entries)
        {
            foreach (var entry in entries)
            {
                if (_entries.Any(e => e.Pattern.Template == entry.Pattern.Template && e.Place == entry.Place))
                    throw new InvalidOperationException($"account data {entry.Pattern} ({entry.Place}) is declared twice ({entry.Module})");
                _entries.Add(entry);
            }
        }
    }

    /// <summary>The declaration the key <paramref name="key"/> is of, or null when it is of none.</summary>
    public AccountData? Find(string key) => Entries.FirstOrDefault(e => e.Place == AccountDataPlace.Key && e.Pattern.Matches(key));
}
