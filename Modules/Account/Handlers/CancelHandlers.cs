using SocialGame.Core.Dispatch;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Account;

namespace SocialGame.Modules.Account.Handlers;

/// <summary>account/1 cancelapply.</summary>
internal sealed class CancelApplyHandler(CancellationService cancellation)
    : Handler<EmptyRequest, CancelResponse>(AccountProtocol.CancelApply)
{
    protected override async ValueTask<CancelResponse> HandleAsync(RequestContext context, EmptyRequest request, CancellationToken ct) =>
        await cancellation.ApplyAsync(context.Account).ConfigureAwait(false);
}

/// <summary>account/2 cancelstatus.</summary>
internal sealed class CancelStatusHandler(CancellationService cancellation)
    : Handler<EmptyRequest, CancelResponse>(AccountProtocol.CancelStatus)
{
    protected override async ValueTask<CancelResponse> HandleAsync(RequestContext context, EmptyRequest request, CancellationToken ct)
    {
        var record = await cancellation.StatusAsync(context.Account).ConfigureAwait(false);
        return record is null ? Fail(ResultCode.RedisNoData) : new CancelResponse { Record = record };
    }
}

/// <summary>account/3 cancelwithdraw.</summary>
internal sealed class CancelWithdrawHandler(CancellationService cancellation, AccountOptions options)
    : Handler<EmptyRequest, CancelResponse>(AccountProtocol.CancelWithdraw)
{
    protected override async ValueTask<CancelResponse> HandleAsync(RequestContext context, EmptyRequest request, CancellationToken ct)
    {
        if (await cancellation.WithdrawAsync(context.Account, "request").ConfigureAwait(false) is null)
            return new CancelResponse { Result = (int)ResultCode.CancelNone, Text = options.Texts.NoneActive };
        return new CancelResponse { Text = options.Texts.Withdrawn,
            Record = await cancellation.StatusAsync(context.Account).ConfigureAwait(false) };
    }
}
