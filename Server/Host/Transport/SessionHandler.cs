using System.Net;
using System.Diagnostics;
using DotNetty.Codecs;
using DotNetty.Handlers.Timeout;
using DotNetty.Transport.Channels;
using NLog;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Metrics;
using SocialGame.Core.Options;
using SocialGame.Core.Sessions;
using SocialGame.Protocol;

namespace SocialGame.Server.Transport;

/// <summary>The last stage of a connection's pipeline: its session's life, requests to the dispatcher.</summary>
internal sealed class SessionHandler(
    Dispatcher dispatcher,
    SessionService sessions,
    ServerMetrics metrics,
    RateLimitOptions rateLimit,
    IReadOnlyDictionary<(int, int), long> minIntervals,
    TimeSpan loginTimeout,
    Action<Task> track) : ChannelHandlerAdapter
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    private NettySession? _session;

    public override void ChannelActive(IChannelHandlerContext context)
    {
        var ip = (context.Channel.RemoteAddress as IPEndPoint)?.Address ?? IPAddress.None;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        _session = new NettySession(context.Channel, ip, new RateLimiter(rateLimit, minIntervals, Stopwatch.GetTimestamp()), metrics);
        dispatcher.Attach(_session);
        sessions.Registry.Add(_session);
        Log.Debug("connected {0}", _session);
        var session = _session;
        context.Channel.EventLoop.Schedule(() =>
        {
            if (session.Account is not null || !session.IsOpen) return;
            Log.Info("closing {0}: not logged in within {1}s", session, loginTimeout.TotalSeconds);
            _ = session.CloseAsync("no login");
        }, loginTimeout);
        base.ChannelActive(context);
    }

    public override void ChannelRead(IChannelHandlerContext context, object message)
    {
        if (message is Envelope envelope && _session is not null) dispatcher.Accept(_session, envelope);
    }

    public override void ChannelInactive(IChannelHandlerContext context)
    {
        if (_session is not null)
        {
            Log.Debug("disconnected {0}", _session);
            track(sessions.OnClosedAsync(_session));
        }
        base.ChannelInactive(context);
    }

    public override void UserEventTriggered(IChannelHandlerContext context, object evt)
    {
        if (evt is ProxiedClient proxied && _session is not null)
        {
            _session.SetClientIp(proxied.Address);
            return;
        }
        if (evt is IdleStateEvent)
        {
            Log.Info("closing {0}: idle", (object?)_session ?? context.Channel.RemoteAddress);
            context.CloseAsync();
            return;
        }
        base.UserEventTriggered(context, evt);
    }

    public override void ExceptionCaught(IChannelHandlerContext context, Exception exception)
    {
        if (exception is DecoderException)
        {
            metrics.ProtocolViolation();
            Log.Warn("protocol violation from {0}: {1}; closing", (object?)_session ?? context.Channel.RemoteAddress, exception.InnerException?.Message ?? exception.Message);
        }
        else
        {
            Log.Debug("connection {0} failed: {1}", (object?)_session ?? context.Channel.RemoteAddress, exception.Message);
        }
        context.CloseAsync();
    }
}
