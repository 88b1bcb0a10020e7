using SocialGame.Core.Dispatch;
using SocialGame.Core.Time;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.System;

namespace SocialGame.Modules.System;

/// <summary>system/2 heartbeat: the server time; any frame keeps a connection alive, this one is for clients with nothing else to
/// say.</summary>
internal sealed class HeartbeatHandler(IClock clock) : Handler<EmptyRequest, HeartbeatResponse>(SystemProtocol.Heartbeat)
{
    public override bool RequiresLogin => false;

    protected override ValueTask<HeartbeatResponse> HandleAsync(RequestContext context, EmptyRequest request, CancellationToken ct) =>
        ValueTask.FromResult(new HeartbeatResponse { Result = 0, ServerTime = clock.UnixMilliseconds });
}
