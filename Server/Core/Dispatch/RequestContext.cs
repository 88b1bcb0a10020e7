using System.Net;
using SocialGame.Core.Sessions;
using SocialGame.Protocol;

namespace SocialGame.Core.Dispatch;

/// <summary>What a handler knows about the request it serves.</summary>
public sealed class RequestContext(SessionBase session, Envelope envelope)
{
    /// <summary>The connection, as a module sees it.</summary>
    public ISession Session => Connection;
    /// <summary>The connection as the core sees it (its queue, limiter and login binding): not for modules.</summary>
    internal SessionBase Connection { get; } = session;
    public Envelope Envelope { get; } = envelope;
    /// <summary>The logged-in account; handlers that require login always have one.</summary>
    public string Account => Session.Account ?? throw new InvalidOperationException("request has no logged-in account");
    public IPAddress ClientIp => Session.ClientIp;
    public string ClientIpText => Session.ClientIpText;

    /// <summary>Set by a handler to kick the connection with this reason (a <c>KickReason</c>) after its response (e.g. a bad login
    /// token).</summary>
    public string? CloseAfterReply { get; set; }

    /// <summary>The first bad field of a request answered param_error (sent as the answer's <c>field</c>).</summary>
    public string? BadField { get; set; }

    /// <summary>Marks <paramref name="field"/> as the request's first bad field; the answer is param_error naming it.</summary>
    public void FailField(string field) => BadField = field;
}
