using System.Buffers;

namespace SocialGame.Core.Dispatch;

/// <summary>
/// A handler whose operation the dispatcher may answer on the event loop the moment it arrives, without the connection's
/// queue, a request context or reading its data into an object: one that needs no login, reads and changes no state and
/// always finishes at once (system heartbeat). The dispatcher takes this way only while nothing else of the connection is
/// waiting or running, where the queue would have run the request on the same thread at once: answers still leave in
/// request order, and the rate limiter, the stop and the metrics see the request as any other.
/// </summary>
public interface IAnswersAtOnce
{
    /// <summary>
    /// Writes the answer's data to a request whose <c>data</c> is <paramref name="data"/> into <paramref name="output"/>, with its
    /// result code; false, writing nothing, for a request the handler's full way must look at (data to read and check).
    /// </summary>
    bool TryAnswer(ReadOnlySpan<byte> data, IBufferWriter<byte> output, out int result);
}
