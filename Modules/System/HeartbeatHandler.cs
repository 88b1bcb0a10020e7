using System.Buffers;
using MessagePack;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Time;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.System;

namespace SocialGame.Modules.System;

/// <summary>system/2 heartbeat: the server time; any frame keeps a connection alive, this one is for clients with nothing else to
/// say. The most frequent request of all, answered at once on the event loop when it brings no data (<see cref="TryAnswer"/>):
/// the same bytes as its <see cref="HeartbeatResponse"/> serialised (a test compares them).</summary>
internal sealed class HeartbeatHandler(IClock clock) : Handler<EmptyRequest, HeartbeatResponse>(SystemProtocol.Heartbeat), IAnswersAtOnce
{
    public override bool RequiresLogin => false;

    protected override ValueTask<HeartbeatResponse> HandleAsync(RequestContext context, EmptyRequest request, CancellationToken ct) =>
        ValueTask.FromResult(new HeartbeatResponse { Result = 0, ServerTime = clock.UnixMilliseconds });

    public bool TryAnswer(ReadOnlySpan<byte> data, IBufferWriter<byte> output, out int result)
    {
        result = 0;
        // no data, nil or an empty map; anything else is read (and checked) on the full way
        if (!(data.IsEmpty || data is [MessagePackCode.Nil] || data is [MessagePackCode.MinFixMap])) return false;
        var writer = new MessagePackWriter(output);
        writer.WriteMapHeader(2);
        writer.WriteString("result"u8);
        writer.Write(0);
        writer.WriteString("servertime"u8);
        writer.Write(clock.UnixMilliseconds);
        writer.Flush();
        return true;
    }
}
