using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace SocialGame.Client;

/// <summary>
/// A game client over one TCP connection: requests with a seq are matched to their responses;
/// everything else (pushes, responses to seq-less requests) arrives on <see cref="Unsolicited"/>.
/// Used by the tests, the command-line client and the bots.
/// </summary>
public sealed class GameClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<Frame>> _pending = new();
    private readonly Channel<Frame> _unsolicited = Channel.CreateUnbounded<Frame>();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _seq;

    /// <summary>A longer length prefix means the stream is broken: the connection is treated as closed.</summary>
    public const int MaxFrameLength = 16 * 1024 * 1024;

    private GameClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _ = ReadLoopAsync();
    }

    /// <summary>Completes when the server closes the connection (or it fails).</summary>
    public Task Closed => _closed.Task;
    public bool IsClosed => _closed.Task.IsCompleted;
    public ChannelReader<Frame> Unsolicited => _unsolicited.Reader;
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public static async Task<GameClient> ConnectAsync(string host, int port, IPAddress? localAddress = null, int? receiveBufferSize = null,
        CancellationToken ct = default)
    {
        var tcp = localAddress is null ? new TcpClient() : new TcpClient(new IPEndPoint(localAddress, 0));
        tcp.NoDelay = true;
        if (receiveBufferSize is { } size) tcp.ReceiveBufferSize = size;
        try
        {
            await tcp.ConnectAsync(host, port, ct).ConfigureAwait(false);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
        return new GameClient(tcp);
    }

    /// <summary>Sends a request with a fresh seq and waits for its response.</summary>
    public async Task<Frame> RequestAsync(int module, int opid, object? data = null, TimeSpan? timeout = null)
    {
        long seq = Interlocked.Increment(ref _seq);
        var tcs = new TaskCompletionSource<Frame>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[seq] = tcs;
        // A request made after the read loop ended would otherwise wait for its timeout: the loop marks the
        // connection closed before it fails what is pending, so one of the two sees this request.
        if (IsClosed) tcs.TrySetException(new IOException("connection closed"));
        try
        {
            await SendRawAsync(ClientCodec.EncodeFrame(module, opid, data, seq)).ConfigureAwait(false);
            return await tcs.Task.WaitAsync(timeout ?? DefaultTimeout).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(seq, out _);
        }
    }

    /// <summary>Sends a request with the given seq (or none) without waiting.</summary>
    public Task SendAsync(int module, int opid, object? data, long? seq) =>
        SendRawAsync(ClientCodec.EncodeFrame(module, opid, data, seq));

    /// <summary>Sends arbitrary bytes (for malformed-frame tests).</summary>
    public async Task SendRawAsync(byte[] bytes)
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(bytes).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Waits for the next unsolicited frame matching <paramref name="match"/> (others are skipped).</summary>
    public async Task<Frame> WaitForAsync(Func<Frame, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            var frame = await _unsolicited.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
            if (match(frame)) return frame;
        }
    }

    /// <summary>
    /// Reads into one buffer and takes every whole frame out of each read, so a read that brings several
    /// frames (or a frame with its length prefix) costs one receive, not two per frame.
    /// </summary>
    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        int start = 0, end = 0;
        try
        {
            while (true)
            {
                int n = await _stream.ReadAsync(buffer.AsMemory(end)).ConfigureAwait(false);
                if (n == 0) break;
                end += n;
                int needed; // bytes of the next frame, prefix included (4 while its prefix is incomplete)
                while ((needed = Needed(buffer, start, end)) <= end - start)
                {
                    Deliver(ClientCodec.DecodeBody(buffer.AsSpan(start + 4, needed - 4).ToArray()));
                    start += needed;
                }
                // the unfinished frame moves to the front, into a larger buffer when it does not fit this one
                if (start > 0 || needed > buffer.Length)
                {
                    var target = needed > buffer.Length ? new byte[needed] : buffer;
                    Buffer.BlockCopy(buffer, start, target, 0, end - start);
                    (buffer, end, start) = (target, end - start, 0);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException
            or MessagePack.MessagePackSerializationException)
        {
        }
        _unsolicited.Writer.TryComplete();
        _closed.TrySetResult();
        foreach (var tcs in _pending.Values) tcs.TrySetException(new IOException("connection closed"));
    }

    private void Deliver(Frame frame)
    {
        if (frame.Seq is { } seq && _pending.TryRemove(seq, out var tcs)) tcs.TrySetResult(frame);
        else _unsolicited.Writer.TryWrite(frame);
    }

    private static int Needed(byte[] buffer, int start, int end)
    {
        if (end - start < 4) return 4;
        uint declared = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(start));
        if (declared > MaxFrameLength) throw new IOException($"the server sent a frame of {declared} bytes");
        return 4 + (int)declared;
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
