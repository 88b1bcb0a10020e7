using NLog;
using SocialGame.Core.Auth;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Events;
using SocialGame.Core.Sessions;
using SocialGame.Core.Time;
using SocialGame.Core.Storage;
using SocialGame.Modules.Common;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Generators;
using SocialGame.Protocol.Messages.System;

namespace SocialGame.Modules.System;

/// <summary>
/// system/1 login: takes a login attempt of the client's IP (every attempt counts), checks the HMAC token, takes a
/// login of the account, then binds the account to this connection and runs the login's steps (every one or the
/// login fails), the online event last. Over either login rate: click_too_fast.
/// </summary>
/// <param name="areaId">this server's area: a login naming another is refused</param>
internal sealed class LoginHandler(int areaId, TokenService tokens, RateLimits limits, LoginGate loginGate, SessionService sessions,
    IDomainEvents events, Func<ISession, CancellationToken, Task> publishOnline, IClock clock)
    : Handler<LoginRequest, LoginResponse>(SystemProtocol.Login)
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    public override bool RequiresLogin => false;

    protected override async ValueTask<LoginResponse> HandleAsync(RequestContext context, LoginRequest request, CancellationToken ct)
    {
        if (!limits.TryLogin(context.ClientIp))
            return Fail(ResultCode.ClickTooFast);
        string? bad = !Validate.Account(request.Acc) ? "acc" : request.Token is not { Length: > 0 and <= 128 } ? "token" :
            request.AreaId is { } area && area != areaId ? "areaid" : !Validate.OptionalText(request.DeviceId, 128) ? "deviceid" :
            request.DeviceType is < 0 or > 1 ? "devicetype" : !Validate.OptionalText(request.Version, 32) ? "version" :
            !Validate.OptionalText(request.Lang, 16) ? "lang" : null;
        if (bad is not null) return Invalid(context, bad);
        string acc = request.Acc!, token = request.Token!;

        var check = tokens.Verify(acc, token, clock.UnixSeconds);
        if (check != TokenCheck.Ok)
        {
            Log.Warn("login refused for {Account} from {Ip}: token {Check}", acc, context.ClientIp, check);
            context.CloseAfterReply = KickReason.BadToken;
            return Fail(ResultCode.BadToken);
        }
        var gate = await loginGate.CheckAsync(acc).ConfigureAwait(false);
        if (gate != ResultCode.Success)
        {
            Log.Info("login of {Account} from {Ip} refused: {Refusal}", acc, context.ClientIp, gate);
            return Fail(gate);
        }
        if (!limits.TryLogin(acc))
        {
            Log.Info("login of {Account} from {Ip} refused: over the account's login rate", acc, context.ClientIp);
            return Fail(ResultCode.ClickTooFast);
        }

        var login = new LoginInfo(acc, areaId, request.DeviceId, request.DeviceType, request.Version, clock.UtcNow, request.Lang);
        var result = await sessions.LoginAsync(context, login, ct).ConfigureAwait(false);
        if (result != ResultCode.Success) return Fail(result);
        // A login is all or nothing: when a step of it fails (the profile of a first login, the unread mail, the online
        // event), the answer says so and the connection closes after it, which releases presence; it never stays
        // logged in half done.
        // The online event goes out last, only once every other step succeeded: nothing (the online event, what its
        // subscribers do, such as withdrawing a cancellation) says the account is online after a login that failed.
        var steps = await events.PublishAsync(new AccountLoggedIn(context.Session), ct).ConfigureAwait(false);
        var failures = steps.Failures.ToList();
        if (failures.Count == 0)
        {
            try
            {
                await publishOnline(context.Session, ct).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.Error(ex, "online event of {Account} could not be published", acc);
                failures.Add(("system: online event", ex));
            }
        }
        if (failures.Count > 0)
        {
            bool redis = failures.All(f => RedisFaults.IsRedisFault(f.Error));
            Log.Warn("login of {Account} from {Ip} not completed: {Handler} failed; the connection closes", acc, context.ClientIp,
                string.Join(", ", failures.Select(f => f.Handler)));
            context.CloseAfterReply = KickReason.LoginFailed;
            return Fail(redis ? ResultCode.RedisError : ResultCode.ServerError);
        }
        return new LoginResponse { Result = 0, Acc = acc, ServerTime = clock.UnixMilliseconds, Protocol = ProtocolText.Version };
    }
}
