using System.Net;
using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Transport.Bootstrapping;
using DotNetty.Transport.Channels;
using DotNetty.Transport.Channels.Sockets;
using SocialGame.Baseline;
using StackExchange.Redis;

// The thinnest server the game server is measured against (Tools/Bench/ab.sh, BENCHMARKS.md): the game server's
// framing (DotNetty 0.7.6, 4-byte big-endian length), its MessagePack envelope read in place, login without a
// check, heartbeat, and the bargain help doing the bargain module's Redis work, answered on the event loop.
// Usage: SocialGame.Baseline --config DIR --redis HOST:PORT [--port P] [--lua DIR]
string Arg(string name, string? fallback = null) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback ?? throw new ArgumentException($"{name} is required");

// as the game server does at start-up (inlineSocketCompletions, on in the shipped and load-test configurations)
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
// as the game server does at start-up (leakDetection: disabled by default)
DotNetty.Common.ResourceLeakDetector.Level = DotNetty.Common.ResourceLeakDetector.DetectionLevel.Disabled;
var config = BaselineConfig.Load(Arg("--config"));
int port = int.Parse(Arg("--port", config.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    System.Globalization.CultureInfo.InvariantCulture);
var redisConfig = ConfigurationOptions.Parse(Arg("--redis"));
redisConfig.AbortOnConnectFail = false;
redisConfig.BacklogPolicy = BacklogPolicy.FailFast;
var mux = await ConnectionMultiplexer.ConnectAsync(redisConfig);
var bargain = await BaselineBargain.LoadAsync(mux, config, Arg("--lua", "Modules/Bargain/Lua"));

int loops = config.EventLoopThreads > 0 ? config.EventLoopThreads : Environment.ProcessorCount;
var boss = new MultithreadEventLoopGroup(1);
var workers = new MultithreadEventLoopGroup(loops);
var bootstrap = new ServerBootstrap()
    .Group(boss, workers)
    .Channel<TcpServerSocketChannel>()
    .Option(ChannelOption.SoBacklog, 1024)
    .Option(ChannelOption.SoReuseaddr, true)
    .ChildOption(ChannelOption.TcpNodelay, true)
    .ChildOption(ChannelOption.Allocator, PooledByteBufferAllocator.Default)
    .ChildHandler(new ActionChannelInitializer<IChannel>(channel =>
    {
        channel.Pipeline.AddLast("frame",
            new LengthFieldBasedFrameDecoder(ByteOrder.BigEndian, config.MaxFrameLength + 4, 0, 4, 0, 4, true));
        channel.Pipeline.AddLast("baseline", new BaselineHandler(bargain));
    }));
var bound = await bootstrap.BindAsync(IPAddress.Loopback, port);
Console.WriteLine($"baseline listening on {bound.LocalAddress} ({loops} event loops)");
var stop = new TaskCompletionSource();
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
await stop.Task;
await bound.CloseAsync();
await Task.WhenAll(boss.ShutdownGracefullyAsync(TimeSpan.Zero, TimeSpan.FromMilliseconds(300)),
    workers.ShutdownGracefullyAsync(TimeSpan.Zero, TimeSpan.FromMilliseconds(300)));
await mux.CloseAsync();
