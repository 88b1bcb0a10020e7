using SocialGame.Core.Dispatch;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Pass;

namespace SocialGame.Modules.Pass.Handlers;

/// <summary>pass/4 rewards: every level with the state of its free and premium reward.</summary>
internal sealed class PassRewardsHandler(PassSeason season) : Handler<EmptyRequest, PassRewardsResponse>(PassProtocol.Rewards)
{
    protected override async ValueTask<PassRewardsResponse> HandleAsync(RequestContext context, EmptyRequest request,
        CancellationToken ct) =>
        await season.RewardsAsync(context.Account).ConfigureAwait(false);
}

/// <summary>pass/5 claimall (一键领取): every claimable reward of both tracks in one ledger operation.</summary>
internal sealed class PassClaimAllHandler(PassSeason season) : Handler<EmptyRequest, PassClaimResponse>(PassProtocol.ClaimAll)
{
    protected override async ValueTask<PassClaimResponse> HandleAsync(RequestContext context, EmptyRequest request, CancellationToken ct) =>
        await season.ClaimAllAsync(context.Account).ConfigureAwait(false);
}

/// <summary>pass/6 claim: the reward of one level and track.</summary>
internal sealed class PassClaimHandler(PassSeason season) : Handler<PassClaimRequest, PassClaimResponse>(PassProtocol.Claim)
{
    protected override async ValueTask<PassClaimResponse> HandleAsync(RequestContext context, PassClaimRequest request,
        CancellationToken ct)
    {
        if (request.Level < 1 || request.Level > season.Ladder.Levels.Count) return Invalid(context, "level");
        PassTrack? track = request.Track switch { "free" => PassTrack.Free, "premium" => PassTrack.Premium, _ => null };
        if (track is null) return Invalid(context, "track");
        return await season.ClaimAsync(context.Account, new PassRewardRef(request.Level, track.Value)).ConfigureAwait(false);
    }
}
