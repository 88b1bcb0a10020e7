using SocialGame.Core.Dispatch;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Activity;

namespace SocialGame.Modules.Activity.Handlers;

/// <summary>activity/1 entries: the banners of the activities you may see now.</summary>
internal sealed class EntriesHandler(ActivityService activities)
    : Handler<ActivityEntriesRequest, ActivityEntriesResponse>(ActivityProtocol.Entries)
{
    protected override async ValueTask<ActivityEntriesResponse> HandleAsync(RequestContext context, ActivityEntriesRequest request,
        CancellationToken ct) => await activities.EntriesAsync(context.Session).ConfigureAwait(false);
}

/// <summary>activity/2 detail: one activity's rules and your state in it.</summary>
internal sealed class DetailHandler(ActivityService activities, ActivityUsage usage)
    : Handler<ActivityDetailRequest, ActivityDetailResponse>(ActivityProtocol.Detail)
{
    protected override async ValueTask<ActivityDetailResponse> HandleAsync(RequestContext context, ActivityDetailRequest request,
        CancellationToken ct)
    {
        if (!ActivityDef.ValidId(request.ActivityId)) return Invalid(context, "activityid");
        return await activities.DetailAsync(context.Session, request.ActivityId!, usage.UsedAsync).ConfigureAwait(false);
    }
}
