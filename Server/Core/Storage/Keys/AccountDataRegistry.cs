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

/// <summary>When a module's step runs among the steps of deleting an account.</summary>
public enum AccountEraseOrder
{
    /// <summary>In the order the modules declared their data.</summary>
    Normal,
    /// <summary>After every other step: the step that closes the account's money (the others settle what they owe it first).</summary>
    Last,
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
    private readonly Dictionary<string, Func<string, Task>> _entryErasers = [];
    private readonly HashSet<string> _last = [];

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

    /// <summary>
    /// Adds the step of <paramref name="module"/> that removes or anonymises the account in keys shared with others
    /// (its <see cref="AccountDataPlace.Entries"/> declarations). It runs before the module's own keys of the account are
    /// deleted (so it can still read them, e.g. the friends to unfriend) and may run again after a crash: it must be idempotent.
    /// With <see cref="AccountEraseOrder.Last"/> the module's step runs after every other module's.
    /// </summary>
    public void AddEntryEraser(string module, Func<string, Task> eraseAsync, AccountEraseOrder order = AccountEraseOrder.Normal)
    {
        lock (_entries)
        {
            if (!_entries.Any(e => e.Module == module))
                throw new InvalidOperationException($"account data eraser of {module}: the module declared no account data");
            if (!_entryErasers.TryAdd(module, eraseAsync))
                throw new InvalidOperationException($"account data eraser of {module} added twice");
            if (order == AccountEraseOrder.Last) _last.Add(module);
        }
    }

    /// <summary>
    /// The declarations nothing would erase: data in keys shared with others (<see cref="AccountDataPlace.Entries"/>) or
    /// to anonymise, to be deleted or anonymised, of a module that added no entries step (the generic step only deletes
    /// whole keys of the account's space). Each is named as "module: pattern (place, policy)".
    /// </summary>
    public IReadOnlyList<string> WithoutEraser()
    {
        lock (_entries)
        {
            return _entries
                .Where(e => e.Policy is AccountDataPolicy.Delete or AccountDataPolicy.Anonymise)
                .Where(e => e.Place == AccountDataPlace.Entries || e.Policy == AccountDataPolicy.Anonymise)
                .Where(e => !_entryErasers.ContainsKey(e.Module))
                .Select(e => $"{e.Module}: {e.Pattern} ({e.Place}, {e.Policy})")
                .ToList();
        }
    }

    /// <summary>The start-up check: throws, naming each module and key shape, when a declaration has no eraser
    /// (<see cref="WithoutEraser"/>).</summary>
    public void CheckErasers()
    {
        var missing = WithoutEraser();
        if (missing.Count > 0)
            throw new InvalidOperationException("account data declared without an eraser (deleting an account would leave it): "
                + string.Join("; ", missing));
    }

    /// <summary>
    /// The modules that declared account data, in the order they declared it, those whose step runs
    /// <see cref="AccountEraseOrder.Last"/> at the end: the steps of deleting an account.
    /// </summary>
    public IReadOnlyList<string> Modules
    {
        get
        {
            lock (_entries) return _entries.Select(e => e.Module).Distinct().OrderBy(m => _last.Contains(m)).ToList();
        }
    }

    /// <summary>The entries step of <paramref name="module"/>, or null when it keeps the account in no shared key.</summary>
    public Func<string, Task>? EntryEraser(string module)
    {
        lock (_entries) return _entryErasers.GetValueOrDefault(module);
    }

    /// <summary>The declaration the key <paramref name="key"/> is of, or null when it is of none.</summary>
    public AccountData? Find(string key) => Entries.FirstOrDefault(e => e.Place == AccountDataPlace.Key && e.Pattern.Matches(key));
}
