using SocialGame.Core.Logging;
using SocialGame.Core.Options;
using SocialGame.Core.Storage;
using SocialGame.Core.Storage.Keys;
using SocialGame.Core.Time;
using StackExchange.Redis;

namespace SocialGame.Core.Admin;

public enum LoginOutcome
{
    Ok,
    /// <summary>Unknown name or wrong password (the caller cannot tell which).</summary>
    Refused,
    /// <summary>Too many failures: refused without checking the password until the lockout ends.</summary>
    LockedOut,
    /// <summary>Too many password checks at once; try again.</summary>
    Busy,
}

public sealed record LoginResult(LoginOutcome Outcome, OperatorIdentity? Operator = null, string? Token = null, long Expires = 0,
    long RetryAfterSeconds = 0);

/// <summary>
/// Operator logins: name and password in, a token out. Attempts are counted per operator in Redis (so every node
/// sees them) and a success clears the count; <c>admin.maxFailedLogins</c> failures lock the operator out for
/// <c>admin.lockoutSeconds</c> from the first. Password checks are deliberately slow (PBKDF2), so only a few run at once. Each login of a
/// configured operator is written to the datalog.
/// </summary>
public sealed class OperatorLogins(OperatorTokens tokens, AdminOptions options, RedisStore redis, ScriptRegistry scripts, IClock clock)
{
    private static readonly TimeSpan BusyWait = TimeSpan.FromSeconds(2);
    private readonly LuaScript<AttemptArgs, (long Attempts, long SecondsLeft)> _attempt =
        new(scripts, typeof(OperatorLogins).Assembly, "operator_login_attempt.lua", r => (r.Long(0), r.Long(1)));
    private readonly SemaphoreSlim _checks = new(Math.Max(2, Environment.ProcessorCount));

    public OperatorDirectory Directory => tokens.Directory;
    public OperatorTokens Tokens => tokens;

    private static RedisKey FailuresKey(string name) => CoreKeys.OperatorFailures(name);

    public async Task<LoginResult> LoginAsync(string name, string password, string? from)
    {
        if (!await _checks.WaitAsync(BusyWait).ConfigureAwait(false)) return new LoginResult(LoginOutcome.Busy, RetryAfterSeconds: 1);
        try
        {
            var account = Directory.Find(name);
            if (account is null)
            {
                Directory.CheckPassword(name, password);
                return new LoginResult(LoginOutcome.Refused);
            }
            // The attempt is counted before the password is checked, so racing attempts cannot check more than the limit.
            var (attempts, left) = await _attempt.CallAsync(new AttemptArgs(account.Name, options.LockoutSeconds)).ConfigureAwait(false);
            if (attempts > options.MaxFailedLogins)
            {
                DataLog.Write("admin login", ("operator", account.Name), ("outcome", "locked out"), ("from", from));
                return new LoginResult(LoginOutcome.LockedOut, RetryAfterSeconds: left);
            }
            var identity = Directory.CheckPassword(account.Name, password);
            if (identity is null)
            {
                bool locked = attempts == options.MaxFailedLogins;
                DataLog.Write("admin login", ("operator", account.Name),
                    ("outcome", locked ? "wrong password, now locked out" : "wrong password"),
                    ("failures", attempts), ("from", from));
                return locked ? new LoginResult(LoginOutcome.LockedOut, RetryAfterSeconds: left) : new LoginResult(LoginOutcome.Refused);
            }
            await redis.Db.KeyDeleteAsync(FailuresKey(account.Name)).ConfigureAwait(false);
            long expires = clock.UtcNow.ToUnixTimeSeconds() + tokens.LifetimeSeconds;
            DataLog.Write("admin login", ("operator", account.Name), ("outcome", "ok"), ("from", from));
            return new LoginResult(LoginOutcome.Ok, identity, tokens.Mint(account.Name, expires), expires);
        }
        finally
        {
            _checks.Release();
        }
    }

    /// <summary>Failed logins counted for a configured operator, and the seconds until the count ends.</summary>
    public async Task<(long Failures, long SecondsLeft)> FailuresAsync(string name)
    {
        var entry = await redis.Db.StringGetWithExpiryAsync(FailuresKey(name)).ConfigureAwait(false);
        return entry.Value.IsNull ? (0, 0) : ((long)entry.Value, (long)Math.Ceiling(entry.Expiry?.TotalSeconds ?? 0));
    }

    /// <summary>Forgets a configured operator's failed logins (ends a lockout).</summary>
    public Task<bool> UnlockAsync(string name) => redis.Db.KeyDeleteAsync(FailuresKey(name));

    public bool IsLockedOut(long failures) => failures >= options.MaxFailedLogins;

    /// <summary><c>operator_login_attempt.lua</c>: counts one attempt of <paramref name="Operator"/>.</summary>
    private sealed record AttemptArgs(string Operator, int LockoutSeconds) : IScriptArgs
    {
        public void Write(ScriptCall call) => call.Key(FailuresKey(Operator)).Arg(LockoutSeconds);
    }
}
