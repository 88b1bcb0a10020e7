using NLog;
using SocialGame.Core.Time;
using SocialGame.Core.Logging;
using SocialGame.Modules.Player;
using SocialGame.Protocol;
using SocialGame.Protocol.Messages.Bargain;
using StackExchange.Redis;

namespace SocialGame.Modules.Bargain;

/// <summary>
/// getgoods, exactly once per code under repeats, races and crashes, in three steps:
/// <list type="number">
/// <item>bargain_pay_begin.lua marks the code as being collected (isget 2): its cuts are frozen, helps stop;</item>
/// <item>one ledger operation pays <c>price - totaldelprice</c> yuanbao and grants the item together, with the
/// idempotency key <c>bargain:&lt;areaid&gt;:&lt;actid&gt;:&lt;code&gt;</c>, so it applies once however often it runs;</item>
/// <item>bargain_pay_finish.lua marks the code received (isget 1) and counts the goods in gotgoods.</item>
/// </list>
/// A crash or a Redis error after step 1 leaves isget 2; the next getgoods of the code resumes at step 2
/// (the ledger replays if it had applied) and finishes. A refused payment (not enough yuanbao, item not
/// granted) changes nothing in the ledger, and the code is opened again.
/// </summary>
internal sealed class BargainPurchase(IClock clock, PlayerBase player, BargainConfig config, BargainStore store)
{
    private static readonly Logger Log = LogManager.GetCurrentClassLogger();
    public const string Reason = "bargain getgoods";

    public async Task<BargainGetGoodsResponse> GetGoodsAsync(string acc, int id, int idx, int goodsId, string code)
    {
        var response = new BargainGetGoodsResponse { Idx = idx, GoodsId = goodsId, BargainCode = code };
        var result = BargainService.Resolve(config.Current, id, clock.UnixSeconds, out var period);
        if (result == ResultCode.Success && (period.FindGoods(idx) is not { } g || g.GoodsId != goodsId)) result = ResultCode.DataError;
        if (result != ResultCode.Success) return Answer(response, result);
        var goods = period.FindGoods(idx)!;

        var (outcome, total) = await store.PayBeginAsync(id, acc, code, goods).ConfigureAwait(false);
        switch (outcome)
        {
            case PayBeginOutcome.Pay:
                break;
            case PayBeginOutcome.Resume:
                Log.Info("getgoods of {Account} code {Code} resumes a collection that did not finish", acc, code);
                break;
            default:
                return Answer(response, outcome switch
                {
                    PayBeginOutcome.None => ResultCode.BargainNone,
                    PayBeginOutcome.Mismatch => ResultCode.ParamError,
                    PayBeginOutcome.Over => ResultCode.BargainOver,
                    _ => ResultCode.BargainHad,
                });
        }

        long amount = goods.Price - Math.Min(total, goods.MaxCut);
        // A code left at isget 2 can be resumed until its period ends (getgoods is refused after): the payment is
        // remembered at least that long, or a resume after the key expired would pay and grant again.
        var op = new LedgerOperation(acc, store.Keys.LedgerKey(id, code), Reason,
            amount > 0 ? [new CurrencyChange(BargainOptions.Currency, -amount)] : [],
            [new ItemChange(goods.ItemId, goods.Count)]) { RememberUntil = period.EndTime };
        var refused = await PayAsync(op).ConfigureAwait(false);
        if (refused is { } failure)
        {
            await store.PayAbortAsync(id, code).ConfigureAwait(false);
            return Answer(response, failure);
        }
        if (await store.PayFinishAsync(id, acc, code).ConfigureAwait(false))
            DataLog.Write("bargain getgoods", ("acc", acc), ("actid", id), ("idx", idx), ("goodsid", goodsId), ("code", code),
                ("price", goods.Price), ("totaldelprice", total), ("yuanbao", amount), ("itemid", goods.ItemId), ("count", goods.Count));
        return response;
    }

    /// <summary>Step 2. Null when paid and granted (now or by an earlier attempt), else why nothing was applied.</summary>
    private async Task<ResultCode?> PayAsync(LedgerOperation op)
    {
        if (player.Ledger.Check(op) is { } problem)
        {
            Log.Error("getgoods of {Account} ({Operation}) cannot be applied: {Error}", op.Account, op.Key, problem.Message);
            return problem.Kind is LedgerProblemKind.UnknownCurrency or LedgerProblemKind.BadAmount
                ? ResultCode.UseYuanbaoFailed : ResultCode.AddGoodsFailed;
        }
        LedgerOutcome outcome;
        try
        {
            outcome = await player.Ledger.ApplyAsync(op).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (!ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            // The ledger script refused before writing (e.g. a damaged inventory entry): nothing was paid.
            Log.Error("getgoods of {Account} ({Operation}): the ledger refused: {Error}", op.Account, op.Key, ex.Message);
            return ResultCode.AddGoodsFailed;
        }
        switch (outcome.Status)
        {
            case LedgerStatus.Applied or LedgerStatus.Replayed:
                return null;
            case LedgerStatus.Conflict:
                // Only this code's getgoods uses this key: an earlier attempt paid (with the configuration of then).
                Log.Warn("getgoods of {Account} ({Operation}): paid earlier with other amounts; completing it", op.Account, op.Key);
                return null;
            case LedgerStatus.Insufficient when outcome.Short == BargainOptions.Currency:
                return ResultCode.UseYuanbaoFailed;
            default:
                Log.Error("getgoods of {Account} ({Operation}): the ledger answered {Status} ({Detail})", op.Account, op.Key,
                    outcome.Status, outcome.Short);
                return ResultCode.AddGoodsFailed;
        }
    }

    private static BargainGetGoodsResponse Answer(BargainGetGoodsResponse response, ResultCode code)
    {
        response.Result = (int)code;
        return response;
    }
}
