using NLog;
using SocialGame.Protocol;

namespace SocialGame.Core.Sessions;

/// <summary>
/// The checks a login must pass after its token and before the account is bound or anything is created for it
/// (e.g. the account module refuses a cancelled account). Modules add them while they are built; a login runs
/// them in order and the first refusal is its answer. A check reads Redis, so it answers alike on every node.
/// </summary>
public sealed class LoginGate
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly List<(string Name, Func<string, Task<ResultCode>> Check)> _checks = [];

    /// <summary>Adds a check: it returns <see cref="ResultCode.Success"/> to let the account in, or the code to refuse it with. A name
    /// added twice is refused.</summary>
    public void Add(string name, Func<string, Task<ResultCode>> check)
    {
        lock (_checks)
        {
            if (_checks.Any(c => c.Name == name)) throw new InvalidOperationException($"login check {name} registered twice");
            _checks.Add((name, check));
        }
    }

    /// <summary>The first refusal of the checks for <paramref name="account"/>, or <see cref="ResultCode.Success"/>.</summary>
    public async Task<ResultCode> CheckAsync(string account)
    {
        (string Name, Func<string, Task<ResultCode>> Check)[] checks;
        lock (_checks) checks = _checks.ToArray();
        foreach (var (name, check) in checks)
        {
            var result = await check(account).ConfigureAwait(false);
            if (result == ResultCode.Success) continue;
            Log.Info("login of {Account} refused by the {Check} check: {Result}", account, name, result);
            return result;
        }
        return ResultCode.Success;
    }
}
