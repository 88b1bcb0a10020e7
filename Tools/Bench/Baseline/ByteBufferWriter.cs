using System.Buffers;
using DotNetty.Buffers;

namespace SocialGame.Baseline;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over a heap <see cref="IByteBuffer"/> (pooled), so a frame is encoded straight into
/// the buffer the channel writes. One per thread, aimed at one buffer at a time.
/// </summary>
internal sealed class ByteBufferWriter : IBufferWriter<byte>
{
    [ThreadStatic] private static ByteBufferWriter? _current;
    private IByteBuffer _buffer = Unpooled.Empty;

    /// <summary>This thread's writer, writing at <paramref name="buffer"/>'s writer index.</summary>
    public static ByteBufferWriter On(IByteBuffer buffer)
    {
        var writer = _current ??= new ByteBufferWriter();
        writer._buffer = buffer;
        return writer;
    }

    /// <summary>Lets go of the buffer (so the thread does not keep a released one).</summary>
    public void Done() => _buffer = Unpooled.Empty;

    public void Advance(int count) => _buffer.SetWriterIndex(_buffer.WriterIndex + count);

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        _buffer.EnsureWritable(Math.Max(sizeHint, 16));
        return _buffer.GetIoBuffer(_buffer.WriterIndex, _buffer.WritableBytes).AsMemory();
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
}
