using System.Net;
using SocialGame.Core.Dispatch;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Wire;

namespace SocialGame.Core.Sessions;

/// <summary>
/// The transport-independent half of a connection: identity, login binding, its serial request queue
/// and its rate limiter. The transport derives from it and implements the writes.
/// </summary>
public abstract class SessionBase : ISession
{
    private static long _nextId;
    private volatile LoginInfo? _login;

    protected SessionBase(IPAddress clientIp, RateLimiter rateLimiter)
    {
        ClientIp = clientIp;
        RateLimiter = rateLimiter;
    }

    public long Id { get; } = Interlocked.Increment(ref _nextId);
    public string? Account => _login?.Account;
    public LoginInfo? Login => _login;
    /// <summary>The TCP peer, or the client a trusted proxy named (set before any request is read).</summary>
    public IPAddress ClientIp { get; protected set; }
    public abstract bool IsOpen { get; }
    public DateTimeOffset ConnectedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>Touched only on the connection's event loop.</summary>
    public RateLimiter RateLimiter { get; }

    /// <summary>Set once by the dispatcher when the connection becomes active.</summary>
    public SerialQueue<Envelope>? Queue { get; set; }

    /// <summary>
    /// Writes one frame (<paramref name="data"/> is the serialised data value); with a
    /// <paramref name="closeReason"/> the connection closes once the frame is flushed. The returned task
    /// completes when the write is done; a failed write closes the connection and is logged, never thrown.
    /// </summary>
    public abstract Task SendAsync(int module, int opid, RequestSeq? seq, ReadOnlyMemory<byte> data, string? closeReason = null);

    public void Send(int module, int opid, RequestSeq? seq, ReadOnlyMemory<byte> data) => _ = SendAsync(module, opid, seq, data);

    public abstract Task CloseAsync(string reason);

    /// <summary>Sends a push, then closes once it is flushed.</summary>
    public Task SendAndCloseAsync(OpDef push, object data, string reason) =>
        SendAsync((int)push.Module, push.OpId, null, ProtocolSerializer.SerializeData(data), reason);

    public void Push(OpDef push, object data) =>
        Send((int)push.Module, push.OpId, null, ProtocolSerializer.SerializeData(data));

    internal void Bind(LoginInfo login) => _login = login;

    public override string ToString() => Account is { } a ? $"#{Id}({a}@{ClientIp})" : $"#{Id}({ClientIp})";
}
