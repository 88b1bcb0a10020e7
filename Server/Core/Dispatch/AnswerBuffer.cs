using System.Buffers;
using NLog;
using SocialGame.Core.Sessions;
using SocialGame.Protocol;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Wire;

namespace SocialGame.Core.Dispatch;

/// <summary>
/// This thread's buffer for an answer's data: written, then copied into its frame before the thread makes its next answer
/// (by the dispatcher or an at-once answer), so no answer allocates one. A buffer grown large is not kept.
/// </summary>
internal static class AnswerBuffer
{
    private static readonly Logger Log = LogManager.GetLogger("SocialGame.Core.Dispatch.Dispatcher");
    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;

    /// <summary>This thread's buffer, emptied.</summary>
    public static ArrayBufferWriter<byte> Take()
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        return buffer;
    }

    /// <summary>Called once the answer was copied into its frame: a buffer grown past 16 KB is left to the collector.</summary>
    public static void Done(ArrayBufferWriter<byte> buffer)
    {
        if (buffer.Capacity > 16 * 1024) _buffer = null;
    }

    /// <summary>
    /// The answer's data in this thread's buffer (server_error, and <paramref name="response"/> replaced by it, if the
    /// response cannot be serialised). Valid until this thread serialises the next answer.
    /// </summary>
    public static ArrayBufferWriter<byte> Serialize(SessionBase session, Envelope envelope, IHandler? handler, ref IResponse response,
        string? badField)
    {
        var body = Take();
        try
        {
            if (handler is not null) handler.WriteAnswer(body, response, badField);
            else ProtocolSerializer.WriteAnswer(body, response, badField);
        }
        catch (Exception ex)
        {
            Log.Error(ex, "request {Request} from {Session}: its {Type} could not be serialised", envelope, session,
                response.GetType().Name);
            response = ResultOnly.Of(ResultCode.ServerError);
            body.ResetWrittenCount();
            ProtocolSerializer.WriteAnswer(body, response);
        }
        return body;
    }
}
