using NLog;
using SocialGame.Core;
using SocialGame.Core.Auth;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Sessions;
using SocialGame.Modules.Common;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages.System;

namespace SocialGame.Modules.System;

/// <summary>system/1 login: checks the HMAC token, then binds the account to this connection.</summary>
public sealed class LoginHandler(ServerServices services) : Handler<LoginRequest, LoginResponse>
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();

    public override OpDef Op => SystemProtocol.Login;
    public override bool RequiresLogin => false;

    protected override async ValueTask<LoginResponse> HandleAsync(RequestContext context, LoginRequest request, CancellationToken ct)
    {
        if (!Validate.Account(request.Acc) || request.Token is not { Length: > 0 and <= 128 } token ||
            !Validate.OptionalText(request.DeviceId, 128) || !Validate.OptionalText(request.Version, 32) ||
            request.DeviceType is < 0 or > 1)
            return Fail(ResultCode.ParamError);
        if (request.AreaId is { } area && area != services.Options.AreaId)
            return Fail(ResultCode.ParamError);
        string acc = request.Acc!;

        var check = services.Tokens.Verify(acc, token, services.Clock.UnixSeconds);
        if (check != TokenCheck.Ok)
        {
            Log.Warn("login refused for {0} from {1}: token {2}", acc, context.ClientIp, check);
            context.CloseAfterReply = "bad token";
            return Fail(ResultCode.BadToken);
        }

        var login = new LoginInfo(acc, services.Options.AreaId, request.DeviceId, request.DeviceType, request.Version, services.Clock.UtcNow);
        var result = await services.Sessions.LoginAsync(context.Session, login, ct).ConfigureAwait(false);
        if (result != ResultCode.Success) return Fail(result);
        await services.DomainEvents.PublishAsync(new AccountLoggedIn(context.Session), ct).ConfigureAwait(false);
        return new LoginResponse { Result = 0, Acc = acc, ServerTime = services.Clock.UnixMilliseconds };
    }
}
