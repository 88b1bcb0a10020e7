using SocialGame.Core.Dispatch;
using SocialGame.Modules.Common;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.Player;

namespace SocialGame.Modules.Player.Handlers;

/// <summary>player/1 getprofile: your own profile, or another account's.</summary>
internal sealed class GetProfileHandler(Profiles profiles) : Handler<GetProfileRequest, GetProfileResponse>(PlayerProtocol.GetProfile)
{
    protected override async ValueTask<GetProfileResponse> HandleAsync(RequestContext context, GetProfileRequest request,
        CancellationToken ct)
    {
        string acc = request.Acc ?? context.Account;
        if (!Validate.Account(acc)) return Invalid(context, "acc");
        var profile = await profiles.GetAsync(acc).ConfigureAwait(false);
        return profile is null ? Fail(ResultCode.UnknownAccount) : new GetProfileResponse { Profile = profile };
    }
}
