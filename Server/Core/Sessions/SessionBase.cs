using System.Net;
using SocialGame.Core.Dispatch;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Wire;

namespace SocialGame.Core.Sessions;

/// <summary>
/// The transport-independent half of a connection: identity, login binding, its serial request queue
/// and its rate limiter. The transport derives from it and implements the writes and the kick.
/// </summary>
public abstract class SessionBase : ISession
{
    private static long _nextId;
    private volatile LoginInfo? _login;
    private volatile RateLimiter _rateLimiter;

    protected SessionBase(IPAddress clientIp, RateLimiter rateLimiter)
    {
        ClientIp = clientIp;
        _rateLimiter = rateLimiter;
    }

    public long Id { get; } = Interlocked.Increment(ref _nextId);
    public string? Account => _login?.Account;
    public LoginInfo? Login => _login;
    /// <summary>
    /// The TCP peer, or the client a trusted proxy named (set before any request is read), as
    /// <see cref="ClientAddress.Plain"/>.
    /// </summary>
    public IPAddress ClientIp
    {
        get;
        protected set
        {
            field = ClientAddress.Plain(value);
            ClientIpText = field.ToString();
        }
    }

    /// <summary><see cref="ClientIp"/> as text, made once per connection.</summary>
    public string ClientIpText { get; private set; } = "";
    public abstract bool IsOpen { get; }
    public DateTimeOffset ConnectedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// The connection's own limiter until it logs in, then its account's (shared with the account's other
    /// connections on this node, kept across reconnects). Read once per request by the dispatcher.
    /// </summary>
    public RateLimiter RateLimiter => _rateLimiter;

    /// <summary>Set once by the dispatcher when the connection becomes active.</summary>
    public SerialQueue<QueuedRequest>? Queue { get; set; }

    /// <summary>
    /// Writes one frame (<paramref name="data"/> is the serialised data value, read before this returns, so the caller
    /// may reuse its buffer at once). Nothing is written once the connection is kicked or closed. The returned task completes
    /// when the write is done; a failed write closes the connection and is logged, never thrown.
    /// </summary>
    public abstract Task SendAsync(int module, int opid, RequestSeq? seq, ReadOnlyMemory<byte> data);

    /// <summary>
    /// <see cref="SendAsync"/> for a caller that does not wait for the write (answers, pushes): the same order and the
    /// same handling of failures, without a task to complete.
    /// </summary>
    public virtual void Send(int module, int opid, RequestSeq? seq, ReadOnlyMemory<byte> data) => _ = SendAsync(module, opid, seq, data);

    /// <summary>Closes without a word: for a connection that cannot be written to any more.</summary>
    public abstract Task CloseAsync(string reason);

    /// <summary>
    /// How every close the server decides goes: the push <c>1/3 kicked {reason, text}</c> as the connection's last
    /// frame, then the close once it is flushed (or after a short grace for a client that does not read). Only the
    /// first kick of a connection counts; from then on it is not open and nothing else is written to it.
    /// </summary>
    public abstract Task KickAsync(string reason);

    public void Push<T>(PushDef<T> push, T data) where T : class =>
        Send((int)push.Module, push.OpId, null, ProtocolSerializer.SerializeData(data));

    internal void Bind(LoginInfo login, RateLimiter accountLimiter)
    {
        _login = login;
        _rateLimiter = accountLimiter;
        OnLoggedIn();
    }

    /// <summary>Called once, when the connection logs in.</summary>
    protected virtual void OnLoggedIn()
    {
    }

    public override string ToString() => Account is { } a ? $"#{Id}({a}@{ClientIp})" : $"#{Id}({ClientIp})";
}
