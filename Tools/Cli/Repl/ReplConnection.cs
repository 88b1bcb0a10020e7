using System.Net.Sockets;
using SocialGame.Client;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;

namespace SocialGame.Tools.Repl;

/// <summary>
/// The interactive client's connection: kept alive with heartbeats, pushes printed as they arrive, and after any
/// close it says why and connects again, logging in again as the account it had (not after a kick for a login
/// elsewhere: the two would take the account from each other for ever). It never gives up and never exits.
/// </summary>
public sealed class ReplConnection(string host, int port, Func<string, string> token, Action<string> print, TimeSpan heartbeat)
    : IAsyncDisposable
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2),
        TimeSpan.FromSeconds(5)];
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private TaskCompletionSource<GameClient> _ready = NewReady();
    private TaskCompletionSource _wanted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private GameClient? _client;
    private Task _loop = Task.CompletedTask;

    /// <summary>The account logged in (and logged in again after a reconnect), if any.</summary>
    public string? Account { get; private set; }

    public string Endpoint => $"{host}:{port}";

    public void Start() => _loop = RunAsync();

    /// <summary>Sends a request once connected (waiting up to 10 s); null when there was no answer (said why).</summary>
    public async Task<Frame?> RequestAsync(int module, int opid, object? data)
    {
        _wanted.TrySetResult();
        GameClient client;
        try
        {
            client = await _ready.Task.WaitAsync(TimeSpan.FromSeconds(10), _stop.Token).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            print($"!! not connected to {Endpoint}; the request was not sent");
            return null;
        }
        try
        {
            return await client.RequestAsync(module, opid, data).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException)
        {
            print($"!! no answer: {ex.Message}");
            return null;
        }
    }

    /// <summary>Logs in; on success the account is logged in again after every reconnect.</summary>
    public async Task<Frame?> LoginAsync(string account)
    {
        var reply = await RequestAsync((int)ModuleType.System, SystemProtocol.LoginOp, new { acc = account, token = token(account) })
            .ConfigureAwait(false);
        if (reply?.Result == (int)ResultCode.Success) Account = account;
        return reply;
    }

    private async Task RunAsync()
    {
        int failures = 0;
        while (!_stop.IsCancellationRequested)
        {
            GameClient client;
            try
            {
                client = await GameClient.ConnectAsync(host, port, ct: _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or IOException)
            {
                if (failures == 0) print($"!! cannot connect to {Endpoint}: {ex.Message}; trying again");
                await DelayAsync(Backoff[Math.Min(failures++, Backoff.Length - 1)]).ConfigureAwait(false);
                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            failures = 0;
            print($"-- connected to {Endpoint}");
            if (Account is { } account) await LoginAgainAsync(client, account).ConfigureAwait(false);
            lock (_gate) _client = client;
            _ready.TrySetResult(client);
            string? kicked = await PumpAsync(client).ConfigureAwait(false);
            await client.DisposeAsync().ConfigureAwait(false);
            if (_stop.IsCancellationRequested) return;
            if (kicked == KickReason.Relogin && Account is not null)
            {
                print($"!! connection closed: the server kicked {Account} because it logged in elsewhere; type `login {Account}` to take " +
                    "it back here");
                Account = null;
            }
            else
            {
                print(kicked is null ? "!! connection closed by the server" : $"!! connection closed: kicked by the server ({kicked})");
            }
            // nobody to log in again: connect when a request needs it (a connection not logged in is closed by the server)
            bool onDemand = Account is null;
            if (onDemand) _wanted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _ready = NewReady();
            if (onDemand)
            {
                print("-- connecting again at the next request");
                try
                {
                    await _wanted.Task.WaitAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            else
            {
                print($"-- connecting again to log in as {Account}");
                await DelayAsync(Backoff[0]).ConfigureAwait(false);
            }
        }
    }

    private async Task LoginAgainAsync(GameClient client, string account)
    {
        try
        {
            var reply = await client.RequestAsync((int)ModuleType.System, SystemProtocol.LoginOp,
                new { acc = account, token = token(account) }).ConfigureAwait(false);
            print($"-- logged in again as {account}: {ReplFormat.ResultText(reply.Result)}");
            if (reply.Result != (int)ResultCode.Success) Account = null;
        }
        catch (Exception ex) when (ex is IOException or TimeoutException)
        {
            print($"!! login as {account} got no answer: {ex.Message}");
        }
    }

    /// <summary>Prints pushes and sends heartbeats until the connection closes; the reason of a kicked push, if one came.</summary>
    private async Task<string?> PumpAsync(GameClient client)
    {
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var beats = HeartbeatAsync(client, closed.Token);
        string? kicked = null;
        try
        {
            await foreach (var frame in client.Unsolicited.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                if (frame.ModuleType == (int)ModuleType.System && frame.OpId == SystemProtocol.KickedOp)
                    kicked = frame.GetString("reason") ?? "";
                print(ReplFormat.Frame(frame));
            }
        }
        catch (OperationCanceledException)
        {
        }
        await closed.CancelAsync().ConfigureAwait(false);
        await beats.ConfigureAwait(false);
        return kicked;
    }

    private async Task HeartbeatAsync(GameClient client, CancellationToken ct)
    {
        try
        {
            while (!client.IsClosed)
            {
                await Task.Delay(heartbeat, ct).ConfigureAwait(false);
                await client.RequestAsync((int)ModuleType.System, SystemProtocol.HeartbeatOp).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or TimeoutException)
        {
            // the connection closed (the read loop notices and says so) or the client is stopping
        }
    }

    private async Task DelayAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static TaskCompletionSource<GameClient> NewReady() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        GameClient? client;
        lock (_gate) client = _client;
        if (client is not null) await client.DisposeAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
