using SocialGame.Core.Dispatch;
using SocialGame.Core.Time;
using SocialGame.Modules.Common;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.Pass;

namespace SocialGame.Modules.Pass.Handlers;

/// <summary>pass/1 entry: the server decides whether the gift button shows; the season's level, XP and claim state.</summary>
internal sealed class PassEntryHandler(PassGifts gifts, PassSeason season, IClock clock)
    : Handler<EmptyRequest, PassEntryResponse>(PassProtocol.Entry)
{
    protected override async ValueTask<PassEntryResponse> HandleAsync(RequestContext context, EmptyRequest request, CancellationToken ct)
    {
        var o = gifts.Options;
        var entry = new PassEntryResponse
        {
            Season = o.Season,
            Gifting = o.GiftingOpen(clock.UtcNow) ? 1 : 0,
            GoldPrice = o.GoldPrice,
            ProductId = o.ProductId,
        };
        await season.FillEntryAsync(context.Account, entry).ConfigureAwait(false);
        return entry;
    }
}

/// <summary>pass/2 gift: to a friend, paid with gold (1) or RMB (2).</summary>
internal sealed class PassGiftHandler(PassGifts gifts) : Handler<PassGiftRequest, PassGiftResponse>(PassProtocol.Gift)
{
    protected override async ValueTask<PassGiftResponse> HandleAsync(RequestContext context, PassGiftRequest request, CancellationToken ct)
    {
        if (!Validate.Account(request.Friend) || request.Friend == context.Account) return Invalid(context, "friend");
        if (request.Pay is not (1 or 2)) return Invalid(context, "pay");
        var response = await gifts.GiftAsync(context.Account, request.Friend!, request.Pay).ConfigureAwait(false);
        // the one param_error found later: this way of paying is not on sale
        if (response.Result == (int)ResultCode.ParamError) context.BadField = "pay";
        return response;
    }
}

/// <summary>pass/3 records: gifts sent and received.</summary>
internal sealed class PassRecordsHandler(PassGifts gifts) : Handler<EmptyRequest, PassRecordsResponse>(PassProtocol.Records)
{
    protected override async ValueTask<PassRecordsResponse> HandleAsync(RequestContext context, EmptyRequest request,
        CancellationToken ct) =>
        await gifts.RecordsAsync(context.Account).ConfigureAwait(false);
}
