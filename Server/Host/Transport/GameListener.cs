using System.Net;
using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Transport.Bootstrapping;
using DotNetty.Transport.Channels;
using DotNetty.Transport.Channels.Sockets;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Metrics;
using SocialGame.Core.Options;
using SocialGame.Core.Sessions;

namespace SocialGame.Server.Transport;

/// <summary>
/// The game port: idle detection, length-prefixed framing with its time limit, envelope decoding, then the
/// session handler (admission, and the kicked push before every close). Everything DotNetty stays in this folder.
/// </summary>
internal sealed class GameListener(ServerOptions options, SessionStageParts parts)
{
    private MultithreadEventLoopGroup? _boss;
    private MultithreadEventLoopGroup? _workers;
    private IChannel? _bound;

    public int Port { get; private set; }

    /// <summary>How many event loops serve connections (once started): <c>eventLoopThreads</c>, or one per core when it is 0.</summary>
    public int EventLoops => _workers?.Items.Count() ?? 0;

    public async Task StartAsync()
    {
        var frameTimeout = TimeSpan.FromSeconds(options.FrameTimeoutSeconds);
        var idle = TimeSpan.FromSeconds(options.IdleSeconds);
        var trustedProxies = options.TrustedProxies.Select(IPAddress.Parse).ToHashSet();
        _boss = new MultithreadEventLoopGroup(1);
        // DotNetty's own default (no count) is two per core
        _workers = new MultithreadEventLoopGroup(options.EventLoopThreads > 0 ? options.EventLoopThreads : Environment.ProcessorCount);
        var bootstrap = new ServerBootstrap()
            .Group(_boss, _workers)
            .Channel<TcpServerSocketChannel>()
            .Option(ChannelOption.SoBacklog, 1024)
            .Option(ChannelOption.SoReuseaddr, true)
            .ChildOption(ChannelOption.TcpNodelay, true)
            .ChildOption(ChannelOption.Allocator, PooledByteBufferAllocator.Default)
            .ChildOption(ChannelOption.WriteBufferHighWaterMark, options.Outbound.MaxPendingBytes)
            .ChildOption(ChannelOption.WriteBufferLowWaterMark, options.Outbound.MaxPendingBytes / 2)
            .ChildHandler(new ActionChannelInitializer<IChannel>(channel =>
            {
                bool proxied = channel.RemoteAddress is IPEndPoint peer
                    && trustedProxies.Contains(ClientAddress.Plain(peer.Address));
                if (proxied) channel.Pipeline.AddLast("proxy", new ProxyHeaderDecoder());
                channel.Pipeline.AddLast("frame", new FrameDecoder(options.MaxFrameLength, frameTimeout, idle));
                channel.Pipeline.AddLast("session", new SessionHandler(parts, proxied));
            }));
        _bound = await bootstrap.BindAsync(IPAddress.Parse(options.Host), options.Port).ConfigureAwait(false);
        Port = ((IPEndPoint)_bound.LocalAddress).Port;
    }

    /// <summary>Stops accepting new connections.</summary>
    public async Task StopAcceptingAsync()
    {
        if (_bound is not null) await _bound.CloseAsync().ConfigureAwait(false);
    }

    public async Task ShutdownAsync()
    {
        var quiet = TimeSpan.Zero;
        // every channel is closed by now; the loops only wind down (DotNetty waits out the timeout)
        var timeout = TimeSpan.FromMilliseconds(300);
        await Task.WhenAll(
            _boss?.ShutdownGracefullyAsync(quiet, timeout) ?? Task.CompletedTask,
            _workers?.ShutdownGracefullyAsync(quiet, timeout) ?? Task.CompletedTask).ConfigureAwait(false);
    }
}
