using MessagePack;
using MessagePack.Formatters;
using SocialGame.Client;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Wire;

namespace SocialGame.Tests.Infrastructure;

/// <summary>
/// Typed requests and pushes for the tests: the operation's definition fixes the request's and the answer's
/// types. The request goes out as the protocol's own message (through the client's frame encoder, with a seq)
/// and the answer's <c>data</c> is read back into the response type. Wire-contract tests keep the raw calls.
/// </summary>
public static class TypedClient
{
    /// <summary>Sends <paramref name="request"/> as <paramref name="op"/> and reads its answer.</summary>
    public static async Task<TResponse> RequestAsync<TRequest, TResponse>(this GameClient client, OpDef<TRequest, TResponse> op,
        TRequest request, TimeSpan? timeout = null)
        where TRequest : new()
        where TResponse : IResponse, new()
    {
        var frame = await client.RequestAsync((int)op.Module, op.OpId, new PreEncoded(ProtocolSerializer.SerializeData(request!)), timeout)
            .ConfigureAwait(false);
        return Read<TResponse>(op, frame);
    }

    /// <summary>
    /// Sends <paramref name="request"/> as <paramref name="op"/> and returns the answer's frame as it came: for tests
    /// that read the answer's fields as sent (one that is absent, or not part of the response type).
    /// </summary>
    public static Task<Frame> RequestFrameAsync<TRequest, TResponse>(this GameClient client, OpDef<TRequest, TResponse> op,
        TRequest request, TimeSpan? timeout = null)
        where TRequest : new()
        where TResponse : IResponse, new() =>
        client.RequestAsync((int)op.Module, op.OpId, new PreEncoded(ProtocolSerializer.SerializeData(request!)), timeout);

    /// <summary>
    /// Sends <paramref name="data"/> as it is (any shape, e.g. a field of the wrong type) to <paramref name="op"/> and
    /// returns the raw answer: for tests of what the server does with data its request type does not describe.
    /// </summary>
    public static Task<Frame> RequestRawAsync(this GameClient client, OpDef op, object? data, TimeSpan? timeout = null) =>
        client.RequestAsync((int)op.Module, op.OpId, data, timeout);

    /// <summary>Sends <paramref name="request"/> as <paramref name="op"/> with the given seq (or none), without waiting for its
    /// answer.</summary>
    public static Task SendAsync<TRequest, TResponse>(this GameClient client, OpDef<TRequest, TResponse> op, TRequest request, long? seq)
        where TRequest : new()
        where TResponse : IResponse, new() =>
        client.SendAsync((int)op.Module, op.OpId, new PreEncoded(ProtocolSerializer.SerializeData(request!)), seq);

    /// <summary>Whether <paramref name="frame"/> is of <paramref name="op"/> (for tests that look at the frame itself).</summary>
    public static bool Is(this Frame frame, OpDef op) => frame.ModuleType == (int)op.Module && frame.OpId == op.OpId;

    /// <summary>Sends a request with no fields.</summary>
    public static Task<TResponse> RequestAsync<TResponse>(this GameClient client, OpDef<EmptyRequest, TResponse> op,
        TimeSpan? timeout = null)
        where TResponse : IResponse, new() =>
        client.RequestAsync(op, new EmptyRequest(), timeout);

    /// <summary>Waits for the next <paramref name="push"/> (matching <paramref name="match"/>, when given; other frames are
    /// skipped).</summary>
    public static async Task<T> WaitForAsync<T>(this GameClient client, PushDef<T> push, Func<T, bool>? match = null,
        TimeSpan? timeout = null)
        where T : class
    {
        T? found = null;
        await client.WaitForAsync(f =>
        {
            if (!f.Is(push)) return false;
            var message = Read<T>(push, f);
            if (match is not null && !match(message)) return false;
            found = message;
            return true;
        }, timeout).ConfigureAwait(false);
        return found!;
    }

    /// <summary>A message as JSON, for assertion messages.</summary>
    public static string ToJson(this IResponse message) => MessagePackSerializer.ConvertToJson(ProtocolSerializer.SerializeData(message));

    private static T Read<T>(OpDef op, Frame frame)
    {
        if (!frame.Is(op))
            throw new InvalidOperationException($"expected a frame of {op}, got {frame.ModuleType}/{frame.OpId}: {frame}");
        var data = DataOf(frame.Body);
        return MessagePackSerializer.Deserialize<T>(data ?? MessagePackSerializer.Serialize(new Dictionary<string, object>()),
            ProtocolSerializer.Options);
    }

    /// <summary>The raw <c>data</c> value of a frame body, or null when the body has none.</summary>
    private static ReadOnlyMemory<byte>? DataOf(byte[] body)
    {
        var reader = new MessagePackReader(body);
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            string? key = reader.ReadString();
            if (key == EnvelopeCodec.KeyData)
            {
                long start = reader.Consumed;
                reader.Skip();
                return body.AsMemory((int)start, (int)(reader.Consumed - start));
            }
            reader.Skip();
        }
        return null;
    }

    /// <summary>A value already in MessagePack, written as it is into the client's frame.</summary>
    [MessagePackFormatter(typeof(PreEncodedFormatter))]
    private sealed class PreEncoded(byte[] bytes)
    {
        public byte[] Bytes { get; } = bytes;
    }

    private sealed class PreEncodedFormatter : IMessagePackFormatter<PreEncoded>
    {
        public void Serialize(ref MessagePackWriter writer, PreEncoded value, MessagePackSerializerOptions options) =>
            writer.WriteRaw(value.Bytes);

        public PreEncoded Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
            throw new NotSupportedException("only written");
    }
}
