using NLog;

namespace SocialGame.Core.Sessions;

/// <summary>
/// Work modules do right after a successful login (create the profile, tell about unread mail, the
/// online event). A failing hook is logged and does not undo the login.
/// </summary>
public sealed class LoginHooks
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private readonly List<(string Name, Func<ISession, CancellationToken, Task> Hook)> _hooks = [];
    private readonly List<(string Name, Func<ISession, Task> Hook)> _closed = [];

    /// <summary>Work to do when a logged-in connection closes (leave rooms...). Failures are logged.</summary>
    public void AddClosed(string name, Func<ISession, Task> hook) => _closed.Add((name, hook));

    public async Task RunClosedAsync(ISession session)
    {
        foreach (var (name, hook) in _closed)
        {
            try
            {
                await hook(session).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.Error(ex, "close hook {0} failed for {1}", name, session.Account);
            }
        }
    }

    public void Add(string name, Func<ISession, CancellationToken, Task> hook) => _hooks.Add((name, hook));

    public async Task RunAsync(ISession session, CancellationToken ct)
    {
        foreach (var (name, hook) in _hooks)
        {
            try
            {
                await hook(session, ct).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.Error(ex, "login hook {0} failed for {1}", name, session.Account);
            }
        }
    }
}
