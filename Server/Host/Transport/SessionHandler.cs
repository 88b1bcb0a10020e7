using System.Net;
using DotNetty.Codecs;
using DotNetty.Transport.Channels;
using NLog;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Metrics;
using SocialGame.Core.Sessions;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;

namespace SocialGame.Server.Transport;

/// <summary>What a connection's session stage needs, shared by all connections.</summary>
internal sealed record SessionStageParts(
    Dispatcher Dispatcher,
    SessionService Sessions,
    ConnectionGate Gate,
    RateLimits Limits,
    ServerMetrics Metrics,
    TimeSpan LoginTimeout,
    Action<Task> Track);

/// <summary>
/// The last stage of a connection's pipeline: admission against the connection caps, its session's life, requests
/// to the dispatcher, and every close the pipeline decides (idle, login timeout, a malformed or unfinished frame),
/// each told to the client with a kicked push first.
/// </summary>
internal sealed class SessionHandler(SessionStageParts parts, bool proxied) : ChannelHandlerAdapter
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private NettySession? _session;
    private bool _admitted;

    public override void ChannelActive(IChannelHandlerContext context)
    {
        var ip = ClientAddress.Plain((context.Channel.RemoteAddress as IPEndPoint)?.Address ?? IPAddress.None);
        // Behind a trusted proxy the client's IP is known only from its PROXY line: the per-IP caps apply then.
        var admission = parts.Gate.Admit(proxied ? null : ip, out string refusal);
        var session = _session = new NettySession(context.Channel, ip, parts.Limits.ForConnection(), parts.Metrics, admission);
        if (admission is null)
        {
            _ = session.KickAsync(refusal);
            base.ChannelActive(context);
            return;
        }
        _admitted = true;
        parts.Dispatcher.Attach(session);
        parts.Sessions.Registry.Add(session);
        Log.Debug("connected {Session}", session);
        context.Channel.EventLoop.Schedule(() =>
        {
            if (session.Account is not null || !session.IsOpen) return;
            Log.Info("{Session} not logged in within {TimeoutSeconds}s", session, parts.LoginTimeout.TotalSeconds);
            _ = session.KickAsync(KickReason.LoginTimeout);
        }, parts.LoginTimeout);
        base.ChannelActive(context);
    }

    public override void ChannelRead(IChannelHandlerContext context, object message)
    {
        if (message is Envelope envelope && _admitted) parts.Dispatcher.Accept(_session!, envelope);
    }

    public override void ChannelInactive(IChannelHandlerContext context)
    {
        if (_session is not null)
        {
            _session.Admission?.Release();
            if (_admitted)
            {
                Log.Debug("disconnected {Session}", _session);
                parts.Dispatcher.Detach(_session);
                parts.Track(parts.Sessions.OnClosedAsync(_session));
            }
        }
        base.ChannelInactive(context);
    }

    public override void UserEventTriggered(IChannelHandlerContext context, object evt)
    {
        switch (evt)
        {
            case ProxiedClient proxiedClient when _session is not null:
                _session.SetClientIp(proxiedClient.Address);
                if (_session.Admission?.AssignIp(_session.ClientIp) is { } refusal) Kick(context, refusal);
                return;
            case ConnectionIdle:
                Kick(context, KickReason.Idle);
                return;
            case FrameTimedOut:
                Log.Info("{Session} did not complete a frame in time", (object?)_session ?? context.Channel.RemoteAddress);
                Kick(context, KickReason.FrameTimeout);
                return;
        }
        base.UserEventTriggered(context, evt);
    }

    public override void ExceptionCaught(IChannelHandlerContext context, Exception exception)
    {
        if (exception is DecoderException)
        {
            parts.Metrics.ProtocolViolation();
            Log.Warn("protocol violation from {Session}: {Error}", (object?)_session ?? context.Channel.RemoteAddress,
                exception.InnerException?.Message ?? exception.Message);
            Kick(context, KickReason.MalformedFrame);
            return;
        }
        Log.Debug("connection {Session} failed: {Error}", (object?)_session ?? context.Channel.RemoteAddress, exception.Message);
        context.CloseAsync();
    }

    private void Kick(IChannelHandlerContext context, string reason)
    {
        if (_session is not null) _ = _session.KickAsync(reason);
        else context.CloseAsync();
    }
}
